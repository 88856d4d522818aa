import { describe, expect, it } from 'vitest';
import { runMatrix } from '../../src/cli/matrix.js';

/* `vnetsim matrix` lists Connect pairs beside the network matrix (issue #16), judged by src/connect's predicate. */

const STORY = 'scenarios/15-azure-connect-2012.yaml';
const MINUTE_MS = 60_000;

interface ConnectSection {
  ends: Array<{ name: string; kind: string; members: string[] }>;
  pairs: Array<{ a: string; b: string; verdict: string; blockers: string[] }>;
}

async function connectAt(atMinutes: number): Promise<ConnectSection> {
  const json = JSON.parse(await runMatrix(STORY, { atMs: atMinutes * MINUTE_MS, format: 'json' })) as { connect: ConnectSection };
  return json.connect;
}

describe('vnetsim matrix lists Connect pairs before the retirement', () => {
  // [minute, a, b, verdict, blocker codes]: each step of the 2012 story, from the scenario's timeline.
  const table: Array<[number, string, string, string, string[]]> = [
    [26, 'dc1', 'dev-laptop', 'blocked', ['connect-not-activated']],
    [26, 'dc1', 'work/WorkerRole1', 'blocked', ['connect-not-activated']],
    [26, 'dev-laptop', 'work/WorkerRole1', 'delivered', []],
    [31, 'dc1', 'work/WorkerRole1', 'blocked', ['connect-not-in-group']],
    [40, 'dc1', 'dev-laptop', 'delivered', []],
    [40, 'dc1', 'work/WorkerRole1', 'delivered', []],
    [40, 'dev-laptop', 'work/WorkerRole1', 'delivered', []],
    // Connect links groups to roles and to groups, never a role to a role.
    [40, 'work/WorkerRole1', 'work/WorkerRole1', 'blocked', ['connect-not-linked']],
  ];
  it.each(table)('at %im: %s ↔ %s is %s %j', async (minute, a, b, verdict, blockers) => {
    const connect = await connectAt(minute);
    expect(connect.pairs).toContainEqual({ a, b, verdict, blockers });
  });

  it('groups the instances of a role into one end and pairs every end once', async () => {
    const connect = await connectAt(40);
    expect(connect.ends).toEqual([
      { name: 'dc1', kind: 'local', members: ['dc1'] },
      { name: 'dev-laptop', kind: 'local', members: ['dev-laptop'] },
      { name: 'work/WorkerRole1', kind: 'role', members: ['WorkerRole1_IN_0', 'WorkerRole1_IN_1'] },
    ]);
    expect(connect.pairs).toHaveLength(4);
  });

  it('prints the section after the network matrix in text', async () => {
    const text = await runMatrix(STORY, { atMs: 26 * MINUTE_MS, format: 'text' });
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('connect: who reaches whom through the Windows Azure Connect relay'));
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start)).toContain('  dc1 ↔ dev-laptop               blocked: connect-not-activated');
    expect(lines.slice(start)).toContain('  dev-laptop ↔ work/WorkerRole1  delivered through the relay');
  });

  it('adds the delivered pairs to the CSV, one row per direction, after the network flows', async () => {
    const csv = await runMatrix(STORY, { atMs: 26 * MINUTE_MS, format: 'csv' });
    const connectRows = csv.trimEnd().split('\r\n').filter((row) => row.endsWith(',connect-relay-ipv6,any'));
    expect(connectRows).toEqual([
      'dev-laptop,dev-laptop,work/WorkerRole1,WorkerRole1_IN_0 WorkerRole1_IN_1,connect-relay-ipv6,any',
      'work/WorkerRole1,WorkerRole1_IN_0 WorkerRole1_IN_1,dev-laptop,dev-laptop,connect-relay-ipv6,any',
    ]);
    expect(csv.trimEnd().endsWith(connectRows[1] ?? 'missing')).toBe(true);
  });

  it('adds nothing to a world without Connect', async () => {
    const file = 'scenarios/reach-hybrid.yaml';
    const json = JSON.parse(await runMatrix(file, { atMs: 30 * MINUTE_MS, format: 'json' })) as Record<string, unknown>;
    expect(Object.keys(json)).not.toContain('connect');
    expect(await runMatrix(file, { atMs: 30 * MINUTE_MS, format: 'text' })).not.toContain('connect:');
    expect(await runMatrix(file, { atMs: 30 * MINUTE_MS, format: 'csv' })).not.toContain('connect-relay');
  });
});
