import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'vnetsim-limits-'));

/** Runs the real CLI on a file written into a fresh folder; returns the exit code and everything it printed (check reports on stdout). */
async function vnetsimOn(command: string, name: string, text: string): Promise<{ code: number; output: string }> {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', command, file], { maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: (failed.stdout ?? '') + (failed.stderr ?? '') };
  }
}

describe('input beyond the limits is refused with exit 2 and a position, never a crash', () => {
  it.each([
    ['run', 'flow.yaml', `name: t\ndescription: ${'['.repeat(2572)}${']'.repeat(2572)}\n`, /flow\.yaml:2:\d+: error input-limit: collections nest deeper than 64/],
    ['check', 'block.yaml', `network:\n${Array.from({ length: 2126 }, (_, i) => `${'  '.repeat(i)}- \n`).join('')}`, /block\.yaml:\d+:\d+: error input-limit/],
    ['run', 'timeline.yaml', `name: t\nseed: 1\nera: 2014\ntimeline:\n${'  - { at: 1s, note: n }\n'.repeat(1_000_000)}`, /timeline\.yaml:1:1: error input-limit: the file has more than the 2500000 entries/],
    ['check', 'deep.xml', `<NetworkConfiguration>${'<a>'.repeat(3000)}${'</a>'.repeat(3000)}</NetworkConfiguration>`, /deep\.xml:1:\d+: error input-limit: elements nest deeper than 64/],
  ])('%s %s', async (command, name, text, expected) => {
    const { code, output } = await vnetsimOn(command, name, text);
    expect(code).toBe(2);
    expect(output).toMatch(expected);
    expect(output).not.toMatch(/RangeError|\n\s+at /);
  }, 60_000);
});
