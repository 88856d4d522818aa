import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { FlatListSink } from '../../../src/input/plain-yaml-flat-list.js';
import { readPlainYaml } from '../../../src/input/plain-yaml-reader.js';
import { entryOf, type PlainDocument, type PlainSeq } from '../../../src/input/plain-yaml-tree.js';

// A flat list read straight from the text must be what the general reader makes of the same text (the oracle, itself
// tested against the `yaml` library): the same acceptance, lines and counts, and item by item the same values at the
// same places; or it must be left to that reader.

const KEYS = ['service', 'name', 'image', 'vnet', 'subnet', 'adminUser', 'password', 'x-y', '_k'];
/** Values a generated estate writes, and ones that are not text to the core schema or not plain at all. */
const TEXTS = ['svc0', 'vm0', 'vm1', 'win2012-datacenter-with-a-long-name', 'VNet0', 'Subnet-1', 'Pa55w.rd-1', '10.0.0.4', 'West US', 'tRue', '-x', 'a:b', '2001:db8::1', 'Fine', '_u'];
const ODD_VALUES = ['1', '007', 'true', 'null', '~', '~x', '.5', '.x', '+x', '-.5', 'x: y', 'x:', 'x:y:', '-', '.', '.inf'];
const value = fc.oneof({ arbitrary: fc.constantFrom(...TEXTS), weight: 12 }, { arbitrary: fc.constantFrom(...ODD_VALUES), weight: 1 });
const EDITS = [' ', '  ', '\n', '\n\n', '# c', ' # c', '\n# c\n', '- ', ': ', ':', 'x', '{', ']', ',', '"', '\t', '-', '+', '.', '~', '\\', '%', '\x7f', '\u00e9'];

/** A list of items written flat (mostly with the same keys, sometimes not) in a scenario-like document. */
const flatDocument = fc.record({
  keys: fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 5 }),
  items: fc.array(fc.array(value, { minLength: KEYS.length, maxLength: KEYS.length }), { maxLength: 6 }),
  dashIndent: fc.constantFrom(2, 4),
  reordered: fc.nat(8),
  trailer: fc.constantFrom('timeline:\n  - at: 1m\n', '  services: [a]\n', '\n# end\nexpect: []\n', '', 'seed: 1'),
}).map(({ keys, items, dashIndent, reordered, trailer }) => {
  const pad = ' '.repeat(dashIndent);
  const lines = items.flatMap((values, i) => {
    const order = i === reordered ? [...keys].reverse() : keys;
    return order.map((key, k) => `${k === 0 ? `${pad}- ` : `${pad}  `}${key}: ${values[KEYS.indexOf(key)]}`);
  });
  return `name: t\ncompute:\n  vms:\n${lines.map((line) => `${line}\n`).join('')}${trailer}`;
});

/** The text with `edit` inserted at `at` (or the character there removed), as the reader tests edit texts. */
const edited = fc.tuple(flatDocument, fc.nat(), fc.option(fc.constantFrom(...EDITS), { nil: undefined })).map(([text, at, edit]) => {
  const cut = at % (text.length + 1);
  return edit === undefined ? text.slice(0, cut) + text.slice(cut + 1) : text.slice(0, cut) + edit + text.slice(cut);
});

/** A sink that keeps what it is handed. */
function recordingSink(): FlatListSink & { keys: readonly string[]; items: Array<{ values: string[]; line: number; column: number }> } {
  return {
    keys: [],
    items: [],
    begin(keys) {
      this.keys = keys;
      return true;
    },
    item(values, line, column) {
      this.items.push({ values: [...values], line, column });
      return true;
    },
  };
}

/** The line and column (from 1) of an offset, from a document's line starts. */
function lineAndColumn(document: PlainDocument, offset: number): { line: number; column: number } {
  let line = 0;
  while (line + 1 < document.lineStarts.length && document.lineStarts[line + 1]! <= offset) line++;
  return { line: line + 1, column: offset - document.lineStarts[line]! + 1 };
}

describe('flat lists', () => {
  test.prop([fc.oneof(flatDocument, edited)], { numRuns: 600 })('a section read for its keys only is accepted and measured as when kept', (text) => {
    const whole = readPlainYaml(text);
    const skimmed = readPlainYaml(text, new Set(['name', 'timeline', 'seed']));
    expect(skimmed === undefined).toBe(whole === undefined);
    if (whole === undefined || skimmed === undefined) return;
    expect(skimmed.entries).toBe(whole.entries);
    expect(skimmed.depth).toBe(whole.depth);
    expect([...skimmed.lineStarts]).toEqual([...whole.lineStarts]);
  });

  test.prop([fc.oneof(flatDocument, edited)], { numRuns: 600 })('a taken list hands over the items the general reader reads, at their places', (text) => {
    const whole = readPlainYaml(text);
    const sink = recordingSink();
    const taking = readPlainYaml(text, undefined, [{ section: 'compute', key: 'vms', sink }]);
    expect(taking === undefined).toBe(whole === undefined);
    if (whole === undefined || taking === undefined) return;
    expect(taking.entries).toBe(whole.entries);
    expect(taking.depth).toBe(whole.depth);
    expect([...taking.lineStarts]).toEqual([...whole.lineStarts]);
    const compute = entryOf(whole, whole.root, 'compute')?.value;
    const list = compute !== undefined && compute !== null && typeof compute === 'object' ? entryOf(whole, compute, 'vms') : undefined;
    if (!taking.takenLists.includes(sink)) {
      expect(taking.root.data).toEqual(whole.root.data);
      return;
    }
    // the general reader's items, with where each starts, against the sink's
    const seq = list!.value as PlainSeq;
    expect(seq.kind).toBe('seq');
    const expected = Array.from({ length: seq.size }, (_, i) => {
      const item = entryOf(whole, seq, i)!;
      return { values: sink.keys.map((key) => (item.value as { data: Record<string, unknown> }).data[key]), ...lineAndColumn(whole, item.start) };
    });
    expect(sink.items).toEqual(expected);
    for (const vm of (whole.root.data['compute'] as { vms: object[] }).vms) expect(Object.keys(vm)).toEqual(sink.keys);
    // the rest of the data is the general reader's, the list there empty
    expect(taking.root.data).toEqual({ ...whole.root.data, compute: { ...(whole.root.data['compute'] as object), vms: [] } });
    expect(parseDocument(text).toJS()).toEqual(whole.root.data);
  });

  it('takes a generated estate and declines a list whose items differ', () => {
    const item = (name: string, extra = '') => `    - service: svc0\n      name: ${name}\n      image: img${extra}\n`;
    const sink = recordingSink();
    const text = `name: t\ncompute:\n  vms:\n${item('vm0')}${item('vm1')}timeline: []\n`;
    expect(readPlainYaml(text, undefined, [{ section: 'compute', key: 'vms', sink }])?.takenLists).toEqual([sink]);
    expect(sink.items.map((i) => [i.values, i.line, i.column])).toEqual([[['svc0', 'vm0', 'img'], 4, 7], [['svc0', 'vm1', 'img'], 7, 7]]);
    const other = recordingSink();
    const uneven = `name: t\ncompute:\n  vms:\n${item('vm0')}${item('vm1', '\n      vnet: V')}`;
    expect(readPlainYaml(uneven, undefined, [{ section: 'compute', key: 'vms', sink: other }])?.takenLists).toEqual([]);
  });
});
