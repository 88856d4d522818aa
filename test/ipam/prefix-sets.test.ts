import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  collapsePrefixes,
  formatPrefix,
  intersectPrefixes,
  parsePrefix,
  prefixesOverlap,
  subtractPrefixes,
  utilisation,
  type Prefix,
} from '../../src/ipam/index.js';
import { smallAddresses, smallAddressesOf, smallPrefix } from './arbitraries.js';

function prefixes(...texts: string[]): Prefix[] {
  return texts.map((text) => {
    const parsed = parsePrefix(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.value;
  });
}

const format = (list: readonly Prefix[]): string[] => list.map(formatPrefix);

/** Minimal: no two results overlap and no two results could merge into their common parent. */
function isMinimalSortedList(list: readonly Prefix[]): boolean {
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1] as Prefix;
    const b = list[i] as Prefix;
    if (a.family === b.family && prefixesOverlap(a, b)) return false;
    if (a.family === 4 && b.family === 4) {
      if (a.network >= b.network) return false;
      const siblings = a.length === b.length && a.length > 0 && (a.network ^ b.network) === 2 ** (32 - a.length) && (a.network & 2 ** (32 - a.length)) === 0;
      if (siblings) return false;
    }
  }
  return true;
}

const sortedSet = (s: Set<string>): string[] => [...s].sort();

describe('set operations, by table', () => {
  it('collapses adjacent and nested prefixes (Python ipaddress example)', () => {
    expect(format(collapsePrefixes(prefixes('192.0.2.0/25', '192.0.2.128/25', '192.0.3.0/24')))).toEqual(['192.0.2.0/23']);
    expect(format(collapsePrefixes(prefixes('10.0.0.0/8', '10.1.0.0/16', '2001:db8:1::/48', '2001:db8::/48')))).toEqual([
      '10.0.0.0/8',
      '2001:db8::/47',
    ]);
    expect(format(collapsePrefixes(prefixes('0.0.0.0/1', '128.0.0.0/1', '::/1', '8000::/1')))).toEqual(['0.0.0.0/0', '::/0']);
  });

  it('subtracts, returning sorted output', () => {
    expect(format(subtractPrefixes(prefixes('10.0.0.0/24'), prefixes('10.0.0.64/26')))).toEqual(['10.0.0.0/26', '10.0.0.128/25']);
    expect(format(subtractPrefixes(prefixes('::/0'), prefixes('::/1')))).toEqual(['8000::/1']);
    expect(format(subtractPrefixes(prefixes('255.255.255.255/32'), prefixes('255.255.255.255/32')))).toEqual([]);
    expect(format(subtractPrefixes(prefixes('10.0.0.0/30'), prefixes('10.0.0.1/32')))).toEqual([
      '10.0.0.0/32',
      '10.0.0.2/31',
    ]);
  });

  it('intersects', () => {
    expect(format(intersectPrefixes(prefixes('10.0.0.0/8', '192.168.0.0/16'), prefixes('10.1.0.0/16', '192.0.0.0/8')))).toEqual([
      '10.1.0.0/16',
      '192.168.0.0/16',
    ]);
  });

  it('measures utilisation in IPv4 and IPv6', () => {
    expect(utilisation(prefixes('10.0.0.0/24'), prefixes('10.0.0.0/26', '10.0.0.0/25', '10.1.0.0/24'))).toEqual({
      total: 256n,
      used: 128n,
      ratio: 0.5,
    });
    const v6 = utilisation(prefixes('2001:db8::/32'), prefixes('2001:db8::/34'));
    expect(v6).toEqual({ total: 1n << 96n, used: 1n << 94n, ratio: 0.25 });
    expect(utilisation([], [])).toEqual({ total: 0n, used: 0n, ratio: 0 });
  });
});

describe('set operations, by property against address-set oracles', () => {
  const list = fc.array(smallPrefix, { maxLength: 12 });

  test.prop([list])('collapse keeps the same addresses in a minimal sorted list', (input) => {
    const out = collapsePrefixes(input);
    expect(sortedSet(smallAddressesOf(out))).toEqual(sortedSet(smallAddressesOf(input)));
    expect(isMinimalSortedList(out)).toBe(true);
  });

  test.prop([list, list])('subtract is set difference', (a, b) => {
    const removed = smallAddressesOf(b);
    const expected = [...smallAddressesOf(a)].filter((x) => !removed.has(x)).sort();
    expect(sortedSet(smallAddressesOf(subtractPrefixes(a, b)))).toEqual(expected);
  });

  test.prop([list, list])('intersect is set intersection', (a, b) => {
    const other = smallAddressesOf(b);
    const expected = [...smallAddressesOf(a)].filter((x) => other.has(x)).sort();
    expect(sortedSet(smallAddressesOf(intersectPrefixes(a, b)))).toEqual(expected);
  });

  test.prop([list, list])('utilisation counts distinct used addresses inside the space', (space, used) => {
    const inSpace = smallAddressesOf(space);
    const usedCount = [...smallAddressesOf(used)].filter((x) => inSpace.has(x)).length;
    const result = utilisation(space, used);
    expect(result.total).toBe(BigInt(inSpace.size));
    expect(result.used).toBe(BigInt(usedCount));
  });

  test.prop([smallPrefix])('a prefix collapses to itself', (p) => {
    expect(collapsePrefixes([p])).toEqual([p]);
    expect(smallAddresses(p).size).toBeGreaterThan(0);
  });
});
