import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEventLog } from '../../src/sim/index.js';
import { runVnetsim as vnetsim } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vnetsim-serve-log-'));

describe('vnetsim serve on a recorded log', () => {
  it('reads back what `run --log` wrote, and refuses the log with a line removed at that line: exit 2, no stack trace', async () => {
    const log = join(dir, 'events.jsonl');
    expect((await vnetsim('run', 'scenarios/05-site-to-site-shared-key.yaml', '--log', log)).code).toBe(0);
    const text = readFileSync(log, 'utf8');
    expect(checkEventLog(text).ok).toBe(true);
    const damaged = join(dir, 'damaged.jsonl');
    const lines = text.split('\n');
    lines.splice(11, 1);
    writeFileSync(damaged, lines.join('\n'));
    const { code, stdout, stderr } = await vnetsim('serve', damaged, '--port', '0', '--host', '127.0.0.1');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${damaged}:12:1: error event-log-line: seq 13 after seq 11: 1 event is missing before this line; write the log again with \`vnetsim run --log\`\n`);
  }, 120_000);
});
