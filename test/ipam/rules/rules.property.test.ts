import { fc, test } from '@fast-check/vitest';
import { beforeEach, describe, expect } from 'vitest';
import { checkPlan } from '../../../src/ipam/rules/index.js';
import { plan, resetLines, site, vnet } from './plan-builder.js';

beforeEach(resetLines);

/** A block inside 10.0.0.0/20 (lengths /20–/29), written as text, with its first and last address as the oracle sees it. */
interface Block {
  text: string;
  first: number;
  last: number;
}

const BASE = 10 << 24;

const block = fc.integer({ min: 20, max: 29 }).chain((length) =>
  fc.integer({ min: 0, max: (1 << (length - 20)) - 1 }).map((slot): Block => {
    const size = 2 ** (32 - length);
    const first = BASE + slot * size;
    const text = `10.0.${Math.floor((first - BASE) / 256)}.${(first - BASE) % 256}/${length}`;
    return { text, first, last: first + size - 1 };
  }),
);

/** The brute-force oracle: every pair i<j whose address ranges intersect. */
function countOverlappingPairs(blocks: readonly Block[], isCounted: (i: number, j: number) => boolean = () => true): number {
  let count = 0;
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const a = blocks[i];
      const b = blocks[j];
      if (a !== undefined && b !== undefined && a.first <= b.last && b.first <= a.last && isCounted(i, j)) count++;
    }
  }
  return count;
}

/** The brute-force oracle of grouping: the connected components (2 or more blocks) of the pairwise overlap graph. */
function overlapComponents(blocks: readonly Block[]): number[][] {
  const parent = blocks.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i] ?? i));
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const a = blocks[i];
      const b = blocks[j];
      if (a !== undefined && b !== undefined && a.first <= b.last && b.first <= a.last) parent[find(j)] = find(i);
    }
  }
  const components = new Map<number, number[]>();
  blocks.forEach((_, i) => components.set(find(i), [...(components.get(find(i)) ?? []), i]));
  return [...components.values()].filter((c) => c.length > 1);
}

describe('overlap rules agree with a pairwise oracle', () => {
  test.prop([fc.array(block, { maxLength: 30 })])('subnet-overlap reports each group of overlapping subnets once, naming all', (blocks) => {
    resetLines();
    const subnets = blocks.map((b, i): [string, string] => [`S${i}`, b.text]);
    const found = checkPlan(plan({ vnets: [vnet('V', { space: ['10.0.0.0/20'], subnets })] })).filter((d) => d.rule === 'subnet-overlap');
    const expected = overlapComponents(blocks).map((c) => c.map((i) => `subnet:V/S${i}`).sort());
    expect(found.map((d) => [...d.objects].sort()).sort()).toEqual(expected.sort());
  });

  test.prop([fc.array(block, { minLength: 1, maxLength: 5 }), fc.array(block, { maxLength: 20 })])(
    'subnet-outside-space flags exactly the subnets no single space prefix contains',
    (spaces, subnetBlocks) => {
      resetLines();
      const subnets = subnetBlocks.map((b, i): [string, string] => [`S${i}`, b.text]);
      const found = checkPlan(plan({ vnets: [vnet('V', { space: spaces.map((s) => s.text), subnets })] }));
      const outside = subnetBlocks.filter((s) => !spaces.some((sp) => sp.first <= s.first && s.last <= sp.last)).length;
      expect(found.filter((d) => d.rule === 'subnet-outside-space').length).toBe(outside);
    },
  );

  test.prop([fc.array(block, { minLength: 1, maxLength: 4 }), fc.array(fc.array(block, { minLength: 1, maxLength: 3 }), { maxLength: 4 })])(
    'vnet-local-overlap reports each (VNet prefix, connected site prefix) pair that intersects',
    (spaces, sitePrefixes) => {
      resetLines();
      const sites = sitePrefixes.map((prefixes, i) => site(`Site${i}`, prefixes.map((p) => p.text), `131.1.1.${i + 1}`));
      const network = vnet('V', { space: spaces.map((s) => s.text), connections: sites.map((s) => s.name) });
      const found = checkPlan(plan({ sites, vnets: [network] }));
      let expected = 0;
      for (const s of spaces) {
        for (const p of sitePrefixes.flat()) if (s.first <= p.last && p.first <= s.last) expected++;
      }
      expect(found.filter((d) => d.rule === 'vnet-local-overlap').length).toBe(expected);
    },
  );

  test.prop([fc.array(fc.array(block, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 6 })])(
    'vnet-overlap reports each group of overlapping VNets once (info while unconnected)',
    (vnetSpaces) => {
      resetLines();
      const vnets = vnetSpaces.map((spaces, i) => vnet(`V${i}`, { space: spaces.map((s) => s.text) }));
      const owners = vnetSpaces.flatMap((spaces, i) => spaces.map(() => i));
      const found = checkPlan(plan({ vnets })).filter((d) => d.rule === 'vnet-overlap');
      expect(found.every((d) => d.severity === 'info')).toBe(true);
      const expected = overlapComponents(vnetSpaces.flat())
        .map((c) => [...new Set(c.map((i) => `vnet:V${owners[i] ?? -1}`))].sort())
        .filter((names) => names.length > 1);
      expect(found.map((d) => [...d.objects].sort()).sort()).toEqual(expected.sort());
      expect(countOverlappingPairs(vnetSpaces.flat(), (i, j) => owners[i] !== owners[j]) > 0).toBe(found.length > 0);
    },
  );
});
