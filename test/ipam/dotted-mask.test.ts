import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formatDottedMask, IpamUsageError, parseDottedMask } from '../../src/ipam/index.js';

describe('dotted netmasks', () => {
  it.each([
    [0, '0.0.0.0'],
    [8, '255.0.0.0'],
    [23, '255.255.254.0'],
    [29, '255.255.255.248'],
    [32, '255.255.255.255'],
  ])('/%i ⇔ %s', (length, mask) => {
    expect(formatDottedMask(length)).toBe(mask);
    expect(parseDottedMask(mask)).toEqual({ ok: true, value: length });
  });

  it('reads leading zeros as decimal before netmask sees the text', () => {
    expect(parseDottedMask('255.255.255.000')).toEqual({ ok: true, value: 24 });
  });

  it.each(['255.0.255.0', '0.255.255.255', '255.255.255.1'])('refuses the non-contiguous mask %s', (mask) => {
    const parsed = parseDottedMask(mask);
    expect(parsed).toMatchObject({ ok: false, code: 'address-invalid' });
    expect(!parsed.ok && parsed.message).toContain('contiguous');
  });

  it.each(['0xff.0.0.0', '0377.0.0.0', '255.255'])('refuses %s before netmask could read it as inet_aton', (mask) => {
    expect(parseDottedMask(mask)).toMatchObject({ ok: false, code: 'address-invalid' });
  });

  it('refuses impossible lengths as misuse', () => {
    expect(() => formatDottedMask(33)).toThrow(IpamUsageError);
  });

  test.prop([fc.integer({ min: 0, max: 32 })])('length → mask → length is identity', (length) => {
    expect(parseDottedMask(formatDottedMask(length))).toEqual({ ok: true, value: length });
  });
});
