import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abbreviateClassLabel } from '../../src/cli/matrix-format.js';
import { runMatrix } from '../../src/cli/matrix.js';

/* `vnetsim matrix` on the reach-hybrid story; regenerate the golden with UPDATE_GOLDEN=1 and read the diff. */

const STORY = 'scenarios/reach-hybrid.yaml';
const GOLDEN = join('test', 'golden', 'reach', 'matrix-reach-hybrid-30m.txt');
const AT_30M_MS = 30 * 60_000;

describe('vnetsim matrix', () => {
  it('lists classes and which class reaches which, in text', async () => {
    const text = await runMatrix(STORY, { atMs: AT_30M_MS, format: 'text' });
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(GOLDEN)) {
      mkdirSync(join('test', 'golden', 'reach'), { recursive: true });
      writeFileSync(GOLDEN, text);
    }
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('groups interchangeable VMs into one class instead of listing every pair', async () => {
    const file = join('test', 'fixtures', 'reach', 'one-vnet.yaml');
    const matrix = JSON.parse(await runMatrix(file, { atMs: AT_30M_MS, format: 'json' })) as {
      classes: { id: string; kind: string; members: string[] }[];
      flows: { from: string; to: string; path: string; ports: string[] }[];
    };
    expect(matrix.classes.map((c) => `${c.id} ${c.kind} ${c.members.join(' ')}`)).toEqual([
      'c1 vms data/sql1', 'c2 vms partner/etl1', 'c3 vms shop/WebRole1_IN_0', 'c4 vms web/web1', 'c5 site Branch', 'c6 site Lab',
    ]);
    // The tunnel to Branch never connects, so no flow involves an on-premises site.
    expect(matrix.flows.filter((f) => f.from === 'c5' || f.to === 'c5')).toEqual([]);
    expect(matrix.flows).toContainEqual({ from: 'c4', to: 'c1', path: 'same-vnet', ports: ['any'] });
  });

  it('writes one CSV row per class-to-class flow, quoting labels', async () => {
    const csv = await runMatrix(STORY, { atMs: AT_30M_MS, format: 'csv' });
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('from,from_members,to,to_members,path,ports');
    expect(rows).toContain('c3,web/web1,c4,HQ,site-to-site,any');
    expect(rows).toContain('c2,partner/etl1,c3,web/web1,public-endpoint,tcp/3389 tcp/5986 tcp/80');
    expect(rows).toHaveLength(11);
  });

  it('abbreviates a large class in text after five members, keeping the count of the rest', () => {
    const members = Array.from({ length: 40 }, (_, i) => `web/vm${i}`);
    const cls = { id: 'c1', kind: 'vms' as const, head: 'web [running]', label: `web [running]: ${members.join(', ')}`, members };
    expect(abbreviateClassLabel(cls)).toBe('web [running]: vm0, vm1, vm2, vm3, vm4, … 35 more');
    expect(abbreviateClassLabel({ ...cls, members: members.slice(0, 6), label: 'six' })).toBe('six');
  });

  it("defaults to the scenario's end", async () => {
    const json = JSON.parse(await runMatrix(STORY, { format: 'json' })) as { at: string };
    expect(json.at).toBe('04:00:00');
  });
});
