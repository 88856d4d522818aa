/**
 * Start-up of the built CLI (dist/, `npm run build` first): `vnetsim --help`, `vnetsim check` on a small plan and
 * `vnetsim run` on scenarios/05, each against a bare `node -e 0` measured in the same run, interleaved so load on the
 * shared machine hits all alike. Prints the median CPU time (user + system) and wall time of each over the runs and
 * its ratio to `node -e 0` (the goal for --help and check: ≤ 2). SCALE_BENCH_CLI names another build to measure.
 * Run: `node --import tsx bench/startup.bench.ts [runs]` (or `npm run bench -- startup`).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode, type ChildUsage } from './child-usage.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = process.env['SCALE_BENCH_CLI'] ?? join(ROOT, 'dist', 'cli', 'main.js');
const RUNS = Number(process.argv[2] ?? '15');

/** A one-VNet plan: what a user checks while writing a file. */
const SMALL_PLAN = `name: small
network:
  virtualNetworkSites:
    - name: VNet1
      location: West US
      addressSpace: [10.1.0.0/16]
      subnets:
        - { name: FrontEnd, addressPrefix: 10.1.0.0/24 }
        - { name: BackEnd, addressPrefix: 10.1.1.0/24 }
`;

if (!existsSync(CLI)) {
  process.stderr.write(`the built CLI is missing (${CLI}); run: npm run build\n`);
  process.exit(2);
}
const workDir = mkdtempSync(join(tmpdir(), 'vnetsim-startup-'));
const usageFile = join(workDir, 'usage.json');
const planFile = join(workDir, 'small.yaml');
writeFileSync(planFile, SMALL_PLAN);
const cases: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['node -e 0', ['-e', '0']],
  ['vnetsim --help', [CLI, '--help']],
  ['vnetsim check small.yaml', [CLI, 'check', planFile]],
  ['vnetsim run scenarios/05', [CLI, 'run', join(ROOT, 'scenarios', '05-site-to-site-shared-key.yaml')]],
];
const samples = new Map<string, ChildUsage[]>(cases.map(([name]) => [name, []]));
try {
  for (let run = 0; run < RUNS; run++) {
    for (const [name, args] of cases) samples.get(name)?.push(measureNode(args, usageFile));
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const medianOf = (name: string, pick: (u: ChildUsage) => number): number => median((samples.get(name) ?? []).map(pick));
const baseCpu = medianOf('node -e 0', (u) => u.cpuS);
const baseWall = medianOf('node -e 0', (u) => u.wallS);
process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; median of ${RUNS} runs each, interleaved\n`);
process.stdout.write('command                    CPU ms  ×node -e 0   wall ms  ×node -e 0  exit\n');
for (const [name] of cases) {
  const cpu = medianOf(name, (u) => u.cpuS);
  const wall = medianOf(name, (u) => u.wallS);
  const exits = [...new Set((samples.get(name) ?? []).map((u) => u.exitCode))].join(',');
  process.stdout.write(
    `${name.padEnd(26)} ${(cpu * 1000).toFixed(0).padStart(6)} ${(cpu / baseCpu).toFixed(2).padStart(11)} ` +
      `${(wall * 1000).toFixed(0).padStart(9)} ${(wall / baseWall).toFixed(2).padStart(11)}  ${exits}\n`,
  );
}
