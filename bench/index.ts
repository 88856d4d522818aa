/**
 * Runs every benchmark script in bench/ one after another, each in its own Node process so one benchmark's heap and
 * JIT state never colour the next one's figures. Each script prints its own figures with ratios to a baseline it
 * measures in the same run. Pass names to run a subset: `npm run bench -- ipam gateway`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const scripts = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.includes(name.replace('.bench.ts', '')))
  .sort();

let failures = 0;
for (const script of scripts) {
  process.stdout.write(`\n=== ${script} ===\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(benchDir, script)], { stdio: 'inherit' });
  if (result.status !== 0) failures++;
}
process.exitCode = failures === 0 ? 0 : 1;
