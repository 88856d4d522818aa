import { fc, test } from '@fast-check/vitest';
import { Address6 } from 'ip-address';
import { describe, expect } from 'vitest';
import { formatIPv6, formatPrefix, gateIPv4, parseIPv4, parsePrefix, scanIPv4 } from '../../src/ipam/index.js';
import { anyPrefix4, anyPrefix6 } from './arbitraries.js';

/** Text that looks like dotted decimal often enough to hit both accept and refuse paths. */
const ipv4ish = fc.oneof(
  fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((parts) => parts.join('.')),
  fc
    .array(fc.oneof(fc.constantFrom('0', '00', '012', '1', '25', '255', '256', '0x1', '', ' ', '-1', '1e2'), fc.string({ maxLength: 3 })), {
      minLength: 1,
      maxLength: 6,
    })
    .map((parts) => parts.join('.')),
  fc.string({ maxLength: 16 }),
);

describe('the fast IPv4 path agrees with the ip-address gate', () => {
  test.prop([ipv4ish], { numRuns: 2000 })('same verdict and value on any text', (text) => {
    const fast = scanIPv4(text, 0, text.length);
    const gated = gateIPv4(text);
    expect(fast >= 0).toBe(gated.ok);
    if (gated.ok) expect(fast).toBe(gated.value);
  });

  test.prop([fc.nat({ max: 0xffffffff }), fc.array(fc.nat(2), { minLength: 4, maxLength: 4 })])(
    'leading zeros are decimal, never octal',
    (value, pads) => {
      const octets = [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
      const text = octets.map((o, i) => `${o}`.padStart(Math.min(3, `${o}`.length + (pads[i] ?? 0)), '0')).join('.');
      expect(parseIPv4(text)).toEqual({ ok: true, value });
    },
  );
});

describe('formatting round-trips and matches ip-address', () => {
  test.prop([fc.oneof(anyPrefix4, anyPrefix6)])('parse(format(p)) = p', (p) => {
    expect(parsePrefix(formatPrefix(p))).toEqual({ ok: true, value: p });
  });

  test.prop([anyPrefix6])('IPv6 text is what ip-address calls the correct form', (p) => {
    const big = p.words.reduce((acc, w) => (acc << 32n) | BigInt(w), 0n);
    expect(formatIPv6(p.words)).toBe(Address6.fromBigInt(big).correctForm());
  });
});
