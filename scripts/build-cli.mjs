// Bundles the CLI (src/cli/main.ts) with esbuild into dist/cli: main.js, one file per command module it imports
// lazily, and chunks they share. Node 20 pays ~1 ms of CPU per ES module it loads (zod alone is 95): bundled,
// `vnetsim check` loads a handful of files instead of ~200. Every output file sits directly in dist/cli, at the depth
// the source files had, so paths taken from import.meta.url (the page in dist/web) stay right.
// `node scripts/build-cli.mjs [outdir]`.
import { chmod, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** CommonJS dependencies (commander, node-forge …) call require(); an ES module bundle has to provide one. */
const REQUIRE_SHIM = "import { createRequire as vnetsimCreateRequire } from 'node:module'; const require = vnetsimCreateRequire(import.meta.url);";

/**
 * zod's namespace re-exports every translation of its messages (`z.locales`, 300 kB of source, ~40 languages) and
 * the bundler cannot drop them from a namespace object; vnetsim uses only the English one zod installs by default.
 */
const ZOD_ENGLISH_ONLY = {
  name: 'zod-english-only',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'zod')}`) ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined);
    builder.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: dirname(args.path), loader: 'js',
    }));
  },
};

/** How the CLI's code is bundled; bench/load.bench.ts bundles the scenario loader alike, to time what the CLI runs. */
export const BUNDLE_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: REQUIRE_SHIM },
  plugins: [ZOD_ENGLISH_ONLY],
  logLevel: 'warning',
  // less text to compile at each start; identifiers kept, so a stack trace still names the functions
  minifyWhitespace: true,
  minifySyntax: true,
};

/** Builds the CLI into `outdir` (default dist/cli) and returns the folder. */
export async function buildCli(outdir = join(ROOT, 'dist', 'cli')) {
  await rm(outdir, { recursive: true, force: true });
  await build({ ...BUNDLE_OPTIONS, entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')], splitting: true, sourcemap: true, outdir });
  await chmod(join(outdir, 'main.js'), 0o755);
  return outdir;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = await buildCli(process.argv[2] === undefined ? undefined : resolve(process.argv[2]));
  console.log(`CLI built into ${outdir}`);
}
