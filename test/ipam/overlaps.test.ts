import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findOverlaps, parsePrefix, prefixesOverlap, type Prefix } from '../../src/ipam/index.js';
import { anyPrefix4, anyPrefix6, smallPrefix } from './arbitraries.js';

function prefix(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('findOverlaps', () => {
  it('reports nested, duplicate and cross-chain pairs once, earlier item first', () => {
    const items = ['10.1.0.0/16', '10.0.0.0/8', '192.168.0.0/24', '10.1.2.0/24', '10.1.0.0/16', '2001:db8::/32', '2001:db8:1::/48'].map(
      (text, i) => ({ prefix: prefix(text), key: `${i}:${text}` }),
    );
    expect(findOverlaps(items)).toEqual([
      ['0:10.1.0.0/16', '1:10.0.0.0/8'],
      ['0:10.1.0.0/16', '3:10.1.2.0/24'],
      ['0:10.1.0.0/16', '4:10.1.0.0/16'],
      ['1:10.0.0.0/8', '3:10.1.2.0/24'],
      ['1:10.0.0.0/8', '4:10.1.0.0/16'],
      ['3:10.1.2.0/24', '4:10.1.0.0/16'],
      ['5:2001:db8::/32', '6:2001:db8:1::/48'],
    ]);
  });

  it('finds nothing among disjoint or mixed-family prefixes', () => {
    const items = ['10.0.0.0/24', '10.0.1.0/24', '::/0'].map((text) => ({ prefix: prefix(text), key: text }));
    expect(findOverlaps(items)).toEqual([]);
    expect(findOverlaps([])).toEqual([]);
  });

  test.prop([fc.array(smallPrefix, { maxLength: 40 })])('equals the pairwise oracle', (prefixes) => {
    expect(findOverlaps(prefixes.map((p, key) => ({ prefix: p, key })))).toEqual(pairwiseOverlaps(prefixes));
  });

  test.prop([fc.array(fc.oneof(anyPrefix4, anyPrefix4, anyPrefix6), { maxLength: 60 })])(
    'equals the pairwise oracle across the whole address space (every byte of the radix order, /0 to /32)',
    (prefixes) => {
      expect(findOverlaps(prefixes.map((p, key) => ({ prefix: p, key })))).toEqual(pairwiseOverlaps(prefixes));
    },
  );
});

/** Every overlapping pair by comparing all pairs: the brute-force oracle. */
function pairwiseOverlaps(prefixes: readonly Prefix[]): Array<[number, number]> {
  const oracle: Array<[number, number]> = [];
  for (let i = 0; i < prefixes.length; i++) {
    for (let j = i + 1; j < prefixes.length; j++) {
      if (prefixesOverlap(prefixes[i] as Prefix, prefixes[j] as Prefix)) oracle.push([i, j]);
    }
  }
  return oracle;
}
