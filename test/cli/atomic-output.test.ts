import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openAtomicOutput } from '../../src/cli/atomic-output.js';

const run = promisify(execFile);

async function vnetsim(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args]);
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
}

describe('output files are replaced only when complete', () => {
  it('leaves an existing file as it was when the write is discarded, and replaces it on commit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnetsim-atomic-'));
    const path = join(dir, 'run.jsonl');
    writeFileSync(path, 'the previous log\n');
    const discarded = await openAtomicOutput(path);
    await discarded.discard();
    expect(readFileSync(path, 'utf8')).toBe('the previous log\n');
    const committed = await openAtomicOutput(path);
    expect(readFileSync(path, 'utf8')).toBe('the previous log\n');
    await committed.commit('the new log\n');
    expect(readFileSync(path, 'utf8')).toBe('the new log\n');
    expect(readdirSync(dir)).toEqual(['run.jsonl']);
  });

  it('streams appended bytes into the temporary file and shows them at the path only on commit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnetsim-atomic-'));
    const path = join(dir, 'run.jsonl');
    writeFileSync(path, 'the previous log\n');
    const output = await openAtomicOutput(path);
    await output.write(Buffer.from('line 1 →\n'));
    await output.write(Buffer.from('line 2\n'));
    expect(readFileSync(path, 'utf8')).toBe('the previous log\n');
    await output.commit('line 3\n');
    expect(readFileSync(path, 'utf8')).toBe('line 1 →\nline 2\nline 3\n');
    expect(readdirSync(dir)).toEqual(['run.jsonl']);
  });

  it('a refused run keeps the log of the last good one (exit 2, no stack trace)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnetsim-atomic-'));
    const log = join(dir, 'run.jsonl');
    expect((await vnetsim('run', 'scenarios/05-site-to-site-shared-key.yaml', '--log', log)).code).toBe(0);
    const good = readFileSync(log, 'utf8');
    const tooLong = join(dir, 'too-long.yaml');
    writeFileSync(tooLong, readFileSync('scenarios/05-site-to-site-shared-key.yaml', 'utf8').replace('era: 2014', 'era: 2014\nuntil: 99999999999d'));
    for (const args of [[tooLong], ['scenarios/05-site-to-site-shared-key.yaml', '--until', '401d']]) {
      const { code, stderr } = await vnetsim('run', ...args, '--log', log);
      expect(code).toBe(2);
      expect(stderr).toContain('too long: simulated time ends at 400d');
      expect(stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(log, 'utf8')).toBe(good);
    expect(readdirSync(dir).sort()).toEqual(['run.jsonl', 'too-long.yaml']);
  }, 60_000);
});
