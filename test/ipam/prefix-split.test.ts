import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  collapsePrefixes,
  containsPrefix,
  formatPrefix,
  IpamUsageError,
  parsePrefix,
  prefixesOverlap,
  splitPrefix,
  type Prefix,
} from '../../src/ipam/index.js';
import { anyPrefix4, anyPrefix6 } from './arbitraries.js';

function prefix(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('splitPrefix', () => {
  it('splits into ascending subnets', () => {
    expect([...splitPrefix(prefix('10.0.0.0/24'), 26)].map(formatPrefix)).toEqual([
      '10.0.0.0/26',
      '10.0.0.64/26',
      '10.0.0.128/26',
      '10.0.0.192/26',
    ]);
    expect([...splitPrefix(prefix('2001:db8::/47'), 48)].map(formatPrefix)).toEqual(['2001:db8::/48', '2001:db8:1::/48']);
    expect([...splitPrefix(prefix('255.255.255.254/31'), 32)].map(formatPrefix)).toEqual(['255.255.255.254/32', '255.255.255.255/32']);
    expect([...splitPrefix(prefix('ffff::/16'), 17)].map(formatPrefix)).toEqual(['ffff::/17', 'ffff:8000::/17']);
  });

  it('is lazy: the first subnets of ::/0 split into /128s come without enumerating the rest', () => {
    const subnets = splitPrefix(prefix('::/0'), 128);
    expect([subnets.next().value, subnets.next().value].map((p) => formatPrefix(p as Prefix))).toEqual(['::/128', '::1/128']);
  });

  it.each([
    ['10.0.0.0/16', 8],
    ['10.0.0.0/16', 33],
    ['2001:db8::/32', 129],
    ['10.0.0.0/16', 16.5],
  ])('refuses to split %s into /%s', (text, length) => {
    expect(() => splitPrefix(prefix(text), length)).toThrow(IpamUsageError);
  });

  test.prop([
    fc.oneof(
      anyPrefix4.chain((p) => fc.tuple(fc.constant<Prefix>(p), fc.integer({ min: p.length, max: Math.min(32, p.length + 8) }))),
      anyPrefix6.chain((p) => fc.tuple(fc.constant<Prefix>(p), fc.integer({ min: p.length, max: Math.min(128, p.length + 8) }))),
    ),
  ])('split then merge is identity; the parts are disjoint, inside, ascending and counted exactly', ([p, length]) => {
    const parts = [...splitPrefix(p, length)];
    expect(parts).toHaveLength(2 ** (length - p.length));
    expect(parts.every((part) => part.length === length && containsPrefix(p, part))).toBe(true);
    for (let i = 1; i < parts.length; i++) expect(prefixesOverlap(parts[i - 1] as Prefix, parts[i] as Prefix)).toBe(false);
    expect(collapsePrefixes(parts)).toEqual([p]);
  });
});
