// Bundles the page (src/viz/web) with esbuild into dist/web: app.js (+ map), index.html and app.css copied beside it.
// `node scripts/build-web.mjs [outdir]` from the CLI; tests import buildWeb() and build into a folder of their own.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WEB_SOURCE = join(ROOT, 'src', 'viz', 'web');

/** Builds the page into `outdir` (default dist/web) and returns the folder. */
export async function buildWeb(outdir = join(ROOT, 'dist', 'web')) {
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: [join(WEB_SOURCE, 'main.ts')],
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: true,
    target: 'es2022',
    outfile: join(outdir, 'app.js'),
    logLevel: 'warning',
  });
  await copyFile(join(WEB_SOURCE, 'index.html'), join(outdir, 'index.html'));
  await copyFile(join(WEB_SOURCE, 'app.css'), join(outdir, 'app.css'));
  return outdir;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = await buildWeb(process.argv[2] === undefined ? undefined : resolve(process.argv[2]));
  console.log(`page built into ${outdir}`);
}
