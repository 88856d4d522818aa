/**
 * `vnetsim run`'s text output on the generated largest world (bench/scale-world.ts, 204,800 VMs at full size): the
 * timeline narrated (runReportText, one line per event, ~1.7M at full size) and encoded into the CLI's BufferedOutput,
 * whose sink drops the bytes, timed after the run in fresh processes, bundled as the CLI build bundles it
 * (scripts/build-cli.mjs). The baseline, measured in the same processes: the same text already narrated (its chunks
 * held, each one flat string) written through the same BufferedOutput, the cost of encoding the bytes alone; the
 * ratio is what narrating adds. CPU time is user + system of the process (the collector's threads included). Set TIMELINE_BENCH_BASE to
 * another checkout's root (e.g. `git worktree add /tmp/base main`) to time its timeline too, alternating processes.
 * Run: `node --import tsx bench/timeline.bench.ts [fraction] [runs]` (or `npm run bench -- timeline`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { generateScaleWorld, scaleWorldSize } from './scale-world.js';

const FRACTION = Number(process.argv[2] ?? 0.25);
const RUNS = Number(process.argv[3] ?? 3);
const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The CLI build's bundling options (a JavaScript module without type declarations). */
const BUILD_SCRIPT: string = join(HERE, 'scripts', 'build-cli.mjs');
const { BUNDLE_OPTIONS } = (await import(pathToFileURL(BUILD_SCRIPT).href)) as { BUNDLE_OPTIONS: BuildOptions };
/** Timelines written per process: the first warms the code up, the median of the rest is kept. */
const ROUNDS = 3;

/** What one child process measured, in CPU milliseconds. */
interface TimelineTiming {
  timelineMs: number;
  encodeMs: number;
  bytes: number;
}

/** The child: runs the scenario, writes its timeline ROUNDS times, then writes the held text; prints JSON. */
const CHILD = `
const [bundle, file, rounds] = process.argv.slice(1);
const { loadScenarioFile, runScenario, runReportText, BufferedOutput } = await import(bundle);
const cpuMs = (start) => { const used = process.cpuUsage(start); return (used.user + used.system) / 1000; };
const report = runScenario(await loadScenarioFile(file));
let written = 0;
const sink = async (bytes) => { written += bytes.length; };
const write = async (chunks) => {
  const output = new BufferedOutput(sink);
  for (const chunk of chunks) await output.write(chunk);
  await output.flush();
};
const timeline = [];
for (let round = 0; round < Number(rounds); round++) {
  written = 0;
  const start = process.cpuUsage();
  await write(runReportText(report));
  timeline.push(cpuMs(start));
}
const bytes = written;
// held flat (a copy through JSON), so the baseline encodes the text without first gathering it from its pieces
const held = [...runReportText(report)].map((chunk) => JSON.parse(JSON.stringify(chunk)));
const start = process.cpuUsage();
await write(held);
const encodeMs = cpuMs(start);
const median = timeline.slice(1).sort((a, b) => a - b)[Math.floor((timeline.length - 1) / 2)];
process.stdout.write(JSON.stringify({ timelineMs: median, encodeMs, bytes }));
`;

/** Bundles `root`'s scenario runner, timeline and BufferedOutput into `outfile` as scripts/build-cli.mjs bundles the CLI. */
async function bundleTimeline(root: string, outfile: string): Promise<string> {
  const entry = `${outfile}.entry.ts`;
  writeFileSync(entry, [
    `export { loadScenarioFile, runScenario, runReportText } from ${JSON.stringify(join(root, 'src', 'scenario', 'index.ts'))};`,
    `export { BufferedOutput } from ${JSON.stringify(join(root, 'src', 'cli', 'buffered-output.ts'))};`,
  ].join('\n'));
  await build({ ...BUNDLE_OPTIONS, entryPoints: [entry], absWorkingDir: root, outfile });
  return pathToFileURL(outfile).href;
}

function measure(bundle: string, file: string): TimelineTiming {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, bundle, file, String(ROUNDS)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the run failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as TimelineTiming;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const workDir = mkdtempSync(join(tmpdir(), 'vnetsim-timeline-'));
try {
  const file = join(workDir, 'world.yaml');
  writeFileSync(file, generateScaleWorld(scaleWorldSize(FRACTION)));
  const builds: Array<[string, string]> = [['this checkout', await bundleTimeline(HERE, join(workDir, 'this.mjs'))]];
  const base = process.env['TIMELINE_BENCH_BASE'];
  if (base !== undefined) builds.push([`base ${base}`, await bundleTimeline(resolve(base), join(workDir, 'base.mjs'))]);

  const timings = new Map<string, TimelineTiming[]>(builds.map(([label]) => [label, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [label, bundle] of builds) timings.get(label)?.push(measure(bundle, file));
  }
  process.stdout.write(`run's timeline on the scale world at ${FRACTION}, median of ${RUNS} processes; load average ${loadavg()[0]?.toFixed(1)}\n`);
  const timeline = new Map<string, number>();
  for (const [label, runs] of timings) {
    const timelineMs = median(runs.map((r) => r.timelineMs));
    const encodeMs = median(runs.map((r) => r.encodeMs));
    timeline.set(label, timelineMs);
    process.stdout.write(
      `  ${label}: timeline ${timelineMs.toFixed(0)} ms CPU for ${((runs[0]?.bytes ?? 0) / 1e6).toFixed(1)} MB, ` +
        `${(timelineMs / encodeMs).toFixed(1)}× encoding the same text already narrated (${encodeMs.toFixed(0)} ms)\n`,
    );
  }
  if (base !== undefined) {
    const ratio = (timeline.get('this checkout') ?? 0) / (timeline.get(`base ${base}`) ?? 1);
    process.stdout.write(`  this checkout / base: ${ratio.toFixed(2)}\n`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
