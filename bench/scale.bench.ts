/**
 * `vnetsim check`, `run` and `matrix` end to end on the generated largest world (bench/scale-world.ts) at 1/8, 1/4,
 * 1/2 and full size (204,800 VMs), each command in its own process of the built CLI (dist/, `npm run build` first).
 * Prints wall time, CPU time (user + system: waiting for a core on the shared machine does not count) and peak RSS per
 * command and size; each CPU figure also as a ratio to a fixed reference workload measured in this same run (sorting
 * 2M seeded numbers), plus `node -e 0` as the start-up baseline, and the full/half CPU ratio per command (≤ 2.1 means
 * no quadratic term left). Run: `node --import tsx bench/scale.bench.ts [fractions...]` (or `npm run bench -- scale`).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode as measure } from './child-usage.js';
import { generateScaleWorld, scaleWorldSize } from './scale-world.js';

const FRACTIONS = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [0.125, 0.25, 0.5, 1];
const COMMANDS = ['check', 'run', 'matrix'] as const;
/** The CLI measured: the built one, or another build named by SCALE_BENCH_CLI (e.g. an older commit's, to compare in one run). */
const CLI = process.env['SCALE_BENCH_CLI'] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'main.js');

/** The fixed reference workload: sorting 2M numbers from a seeded generator, three times. */
const REFERENCE_WORKLOAD =
  'let s = 1; const next = () => (s = (s * 1103515245 + 12345) % 2147483648); ' +
  'for (let r = 0; r < 3; r++) { const a = new Float64Array(2e6); for (let i = 0; i < a.length; i++) a[i] = next(); a.sort(); }';

const fixed = (n: number, digits = 2): string => n.toFixed(digits);

if (!existsSync(CLI)) {
  process.stderr.write(`the built CLI is missing (${CLI}); run: npm run build\n`);
  process.exit(2);
}
const workDir = mkdtempSync(join(tmpdir(), 'vnetsim-scale-'));
const usageFile = join(workDir, 'usage.json');
try {
  const startup = measure(['-e', '0'], usageFile);
  const reference = measure(['-e', REFERENCE_WORKLOAD], usageFile);
  process.stdout.write(
    `load average ${loadavg().map((l) => fixed(l)).join(' ')}; baselines: node -e 0 ${fixed(startup.cpuS, 3)} s CPU, ` +
      `reference workload ${fixed(reference.cpuS)} s CPU (${fixed(reference.wallS)} s wall)\n\n`,
  );
  process.stdout.write('VMs      command  wall s   CPU s  peak RSS MB  CPU/ref  exit\n');
  const cpuBySize = new Map<number, Map<string, number>>();
  for (const fraction of FRACTIONS) {
    const size = scaleWorldSize(fraction);
    const file = join(workDir, `world-${fraction}.yaml`);
    writeFileSync(file, generateScaleWorld(size));
    const byCommand = new Map<string, number>();
    for (const command of COMMANDS) {
      const usage = measure([CLI, command, file], usageFile);
      byCommand.set(command, usage.cpuS);
      process.stdout.write(
        `${String(size.vnets * size.vmsPerVnet).padEnd(8)} ${command.padEnd(8)} ${fixed(usage.wallS).padStart(6)} ${fixed(usage.cpuS).padStart(7)} ` +
          `${fixed(usage.peakRssMb, 0).padStart(12)} ${fixed(usage.cpuS / reference.cpuS).padStart(8)} ${String(usage.exitCode).padStart(5)}\n`,
      );
    }
    const total = [...byCommand.values()].reduce((sum, cpu) => sum + cpu, 0);
    process.stdout.write(`${''.padEnd(8)} total    ${''.padStart(6)} ${fixed(total).padStart(7)} ${''.padStart(12)} ${fixed(total / reference.cpuS).padStart(8)}\n`);
    cpuBySize.set(fraction, byCommand);
  }
  const half = cpuBySize.get(0.5);
  const full = cpuBySize.get(1);
  if (half !== undefined && full !== undefined) {
    const ratios = COMMANDS.map((command) => `${command} ${fixed((full.get(command) ?? 0) / (half.get(command) ?? 1))}`);
    process.stdout.write(`\nfull/half CPU: ${ratios.join(', ')} (target ≤ 2.1 each)\n`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
