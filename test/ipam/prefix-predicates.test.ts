import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  containsAddress4,
  containsPrefix,
  prefixesOverlap,
  prefixFirst4,
  prefixLast4,
  prefixSize,
  parsePrefix,
  type Prefix,
} from '../../src/ipam/index.js';
import { anyPrefix4, anyPrefix6, smallAddresses, smallPrefix } from './arbitraries.js';

function prefix(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** Big-integer oracle for a prefix's address range. */
function bigRange(p: Prefix): [bigint, bigint] {
  const bits = p.family === 4 ? 32 : 128;
  const first =
    p.family === 4 ? BigInt(p.network) : p.words.reduce((acc, w) => (acc << 32n) | BigInt(w), 0n);
  return [first, first + (1n << BigInt(bits - p.length)) - 1n];
}

describe('predicates, by table', () => {
  it.each([
    ['10.0.0.0/8', '10.1.0.0/16', true, true],
    ['10.1.0.0/16', '10.0.0.0/8', false, true],
    ['10.0.0.0/16', '10.1.0.0/16', false, false],
    ['0.0.0.0/0', '255.255.255.255/32', true, true],
    ['10.0.0.0/24', '10.0.0.0/24', true, true],
    ['2001:db8::/32', '2001:db8:1::/48', true, true],
    ['2001:db8::/32', '2001:db9::/32', false, false],
    ['10.0.0.0/8', '::/0', false, false],
    ['::/0', '10.0.0.0/8', false, false],
  ])('%s vs %s: contains=%s overlaps=%s', (a, b, contains, overlaps) => {
    expect(containsPrefix(prefix(a), prefix(b))).toBe(contains);
    expect(prefixesOverlap(prefix(a), prefix(b))).toBe(overlaps);
  });

  it('first, last and size', () => {
    const p = prefix('10.0.1.0/24');
    if (p.family !== 4) throw new Error('expected IPv4');
    expect([prefixFirst4(p), prefixLast4(p)]).toEqual([0x0a000100, 0x0a0001ff]);
    expect(prefixSize(p)).toBe(256n);
    expect(prefixSize(prefix('::/0'))).toBe(1n << 128n);
    expect(prefixLast4({ family: 4, network: 0, length: 0 })).toBe(0xffffffff);
  });
});

describe('predicates, by property', () => {
  test.prop([smallPrefix, smallPrefix])('overlap ⇔ a shared address', (a, b) => {
    const x = smallAddresses(a);
    const shared = [...smallAddresses(b)].some((addr) => x.has(addr));
    expect(prefixesOverlap(a, b)).toBe(shared);
  });

  test.prop([smallPrefix, smallPrefix])('contains ⇔ every address of inner is in outer', (a, b) => {
    const x = smallAddresses(a);
    expect(containsPrefix(a, b)).toBe([...smallAddresses(b)].every((addr) => x.has(addr)));
  });

  test.prop([fc.oneof(fc.tuple(anyPrefix4, anyPrefix4), fc.tuple(anyPrefix6, anyPrefix6))])(
    'overlap and containment agree with a big-integer range oracle',
    ([a, b]) => {
      const [af, al] = bigRange(a);
      const [bf, bl] = bigRange(b);
      expect(prefixesOverlap(a, b)).toBe(af <= bl && bf <= al);
      expect(containsPrefix(a, b)).toBe(af <= bf && bl <= al);
    },
  );

  test.prop([anyPrefix4, fc.nat({ max: 0xffffffff })])('containsAddress4 ⇔ first ≤ ip ≤ last', (p, ip) => {
    expect(containsAddress4(p, ip)).toBe(prefixFirst4(p) <= ip && ip <= prefixLast4(p));
  });
});
