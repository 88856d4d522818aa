/**
 * Runs a Node process and reads its own CPU time and peak RSS, written at its exit by a preloaded hook: waiting for a
 * core on the shared machine does not count, unlike wall time. Used by the end-to-end benches (scale, startup).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Preloaded into every measured process: writes its own CPU time and peak RSS where USAGE_FILE says, at exit. */
const USAGE_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.USAGE_FILE, JSON.stringify(process.resourceUsage())));",
)}`;

/** What one measured process cost. */
export interface ChildUsage {
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  exitCode: number | null;
}

/** Runs `node ARGS…` (stdout discarded, stderr shown) and returns its wall time, CPU time and peak RSS. */
export function measureNode(args: readonly string[], usageFile: string): ChildUsage {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', USAGE_PRELOAD, ...args], {
    env: { ...process.env, USAGE_FILE: usageFile }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const wallS = (performance.now() - start) / 1000;
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { userCPUTime: number; systemCPUTime: number; maxRSS: number };
  return { wallS, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6, peakRssMb: usage.maxRSS / 1024, exitCode: child.status };
}
