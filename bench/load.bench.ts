/**
 * Loading a scenario file (loadScenarioFile: read, plain-YAML reader, zod validation, plan checks, compute commands,
 * reference checks) on the generated largest world (bench/scale-world.ts, 204,800 VMs at full size), in isolation from
 * the run that follows it in `vnetsim run` and `matrix`. The loader is bundled as the CLI build bundles it (esbuild,
 * scripts/build-cli.mjs) and timed in fresh processes: cold (the first load of a process, as every command pays it) and warm
 * (the third load). CPU time is user + system of the process, so it includes the collector's threads. The baseline,
 * measured in the same processes: JSON.parse of the same document written as JSON. Set LOAD_BENCH_BASE to another
 * checkout's root (e.g. `git worktree add /tmp/base main`) to time its loader too, alternating runs with this one's.
 * Run: `node --import tsx bench/load.bench.ts [fraction] [runs]` (or `npm run bench -- load`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { generateScaleWorld, scaleWorldSize } from './scale-world.js';

const FRACTION = Number(process.argv[2] ?? 1);
const RUNS = Number(process.argv[3] ?? 3);
const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The CLI build's bundling options (a JavaScript module without type declarations). */
const BUILD_SCRIPT: string = join(HERE, 'scripts', 'build-cli.mjs');
const { BUNDLE_OPTIONS } = (await import(pathToFileURL(BUILD_SCRIPT).href)) as { BUNDLE_OPTIONS: BuildOptions };

/** What one child process measured, in CPU milliseconds. */
interface LoadTiming {
  coldMs: number;
  warmMs: number;
  jsonMs: number;
  commands: number;
}

/** The child: loads the file three times, then JSON.parse of the same document; prints the timings as JSON. */
const CHILD = `
const [bundle, file, jsonFile] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const { loadScenarioFile } = await import(bundle);
const cpuMs = (start) => { const used = process.cpuUsage(start); return (used.user + used.system) / 1000; };
const loads = [];
let commands = 0;
for (let i = 0; i < 3; i++) {
  const start = process.cpuUsage();
  commands = (await loadScenarioFile(file)).commands.length;
  loads.push(cpuMs(start));
}
const start = process.cpuUsage();
JSON.parse(readFileSync(jsonFile, 'utf8'));
const jsonMs = cpuMs(start);
process.stdout.write(JSON.stringify({ coldMs: loads[0], warmMs: loads[2], jsonMs, commands }));
`;

/** Bundles `root`'s loader (src/scenario) into `outfile` as scripts/build-cli.mjs bundles the CLI. */
async function bundleLoader(root: string, outfile: string): Promise<string> {
  await build({ ...BUNDLE_OPTIONS, entryPoints: [join(root, 'src', 'scenario', 'index.ts')], absWorkingDir: root, outfile });
  return pathToFileURL(outfile).href;
}

function measure(bundle: string, file: string, jsonFile: string): LoadTiming {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, bundle, file, jsonFile], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the load failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as LoadTiming;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const workDir = mkdtempSync(join(tmpdir(), 'vnetsim-load-'));
try {
  const file = join(workDir, 'world.yaml');
  writeFileSync(file, generateScaleWorld(scaleWorldSize(FRACTION)));
  const { parseYamlDocument, rootKeysOf } = await import('../src/input/index.js');
  const { readFileSync } = await import('node:fs');
  const jsonFile = join(workDir, 'world.json');
  const text = readFileSync(file, 'utf8');
  // the same document as JSON: the plain data of the YAML, which rootKeysOf has the reader build
  const source = parseYamlDocument(text, file);
  rootKeysOf(source);
  writeFileSync(jsonFile, JSON.stringify(source.tree.toData()));

  const builds: Array<[string, string]> = [['this checkout', await bundleLoader(HERE, join(workDir, 'this.mjs'))]];
  const base = process.env['LOAD_BENCH_BASE'];
  if (base !== undefined) builds.push([`base ${base}`, await bundleLoader(resolve(base), join(workDir, 'base.mjs'))]);

  const timings = new Map<string, LoadTiming[]>(builds.map(([label]) => [label, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [label, bundle] of builds) timings.get(label)!.push(measure(bundle, file, jsonFile));
  }
  process.stdout.write(
    `loadScenarioFile on the scale world at ${FRACTION} (${(text.length / 1e6).toFixed(1)} MB), median of ${RUNS} processes; ` +
      `load average ${loadavg()[0]?.toFixed(1)}\n`,
  );
  const cold = new Map<string, number>();
  for (const [label, runs] of timings) {
    const json = median(runs.map((r) => r.jsonMs));
    const coldMs = median(runs.map((r) => r.coldMs));
    const warmMs = median(runs.map((r) => r.warmMs));
    cold.set(label, coldMs);
    process.stdout.write(
      `  ${label}: cold ${coldMs.toFixed(0)} ms CPU (${(coldMs / json).toFixed(1)}× JSON.parse of the same document, ` +
        `${json.toFixed(0)} ms), warm ${warmMs.toFixed(0)} ms CPU (${(warmMs / json).toFixed(1)}×); ${runs[0]?.commands} commands\n`,
    );
  }
  if (base !== undefined) {
    const ratio = (cold.get('this checkout') ?? 0) / (cold.get(`base ${base}`) ?? 1);
    process.stdout.write(`  this checkout / base, cold: ${ratio.toFixed(2)}\n`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
