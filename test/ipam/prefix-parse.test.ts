import { describe, expect, it } from 'vitest';
import {
  formatIPv4,
  formatPrefix,
  parseAddress,
  parseIPv4,
  parsePrefix,
  parsePrefix4,
  type IpamErrorCode,
} from '../../src/ipam/index.js';

describe('parsePrefix accepts and canonicalises', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['255.255.255.255/32', '255.255.255.255/32'],
    ['192.168.0.00/24', '192.168.0.0/24'], // real exported NetworkConfig files write this
    ['012.0.0.0/8', '12.0.0.0/8'], // decimal twelve, never octal ten
    ['010.001.000.000/16', '10.1.0.0/16'],
    ['10.0.0.0/08', '10.0.0.0/8'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['2001:DB8:0:0::/48', '2001:db8::/48'],
    ['::ffff:1.2.3.4/128', '::ffff:102:304/128'],
    ['::/0', '::/0'],
    ['2001:db8:0:1::/64', '2001:db8:0:1::/64'],
  ])('%s → %s', (text, canonical) => {
    const parsed = parsePrefix(text);
    expect(parsed.ok && formatPrefix(parsed.value)).toBe(canonical);
  });
});

describe('parsePrefix refuses with a code and a message that names the fix', () => {
  it.each<[string, IpamErrorCode, string]>([
    ['10.0.0.0/33', 'cidr-invalid', 'from 0 to 32'],
    ['2001:db8::/129', 'cidr-invalid', 'from 0 to 128'],
    ['garbage', 'cidr-invalid', 'a prefix looks like 10.0.0.0/24'],
    ['10.0.0.0', 'cidr-invalid', 'has no prefix length'],
    ['10.0.0.0/', 'cidr-invalid', 'whole number'],
    ['10.0.0.0/-1', 'cidr-invalid', 'whole number'],
    ['10.0.0.0/2 4', 'cidr-invalid', 'whole number'],
    ['10.0.0.1/24', 'cidr-host-bits', '10.0.0.1/24 has host bits set; the network address is 10.0.0.0/24'],
    ['10.0.1.5/24', 'cidr-host-bits', 'the network address is 10.0.1.0/24'],
    ['2001:db8::1/32', 'cidr-host-bits', 'the network address is 2001:db8::/32'],
    ['10.0.0.256/32', 'cidr-invalid', '256 is above 255'],
    ['1.2.3/8', 'cidr-invalid', 'it has 3 parts'],
    ['0x7f.0.0.1/32', 'cidr-invalid', "'0x7f' is not a decimal number"],
    ['0010.0.0.0/8', 'cidr-invalid', 'more than three digits'],
    [' 10.0.0.0/8', 'cidr-invalid', 'remove the spaces'],
    ['2001:db8::%eth0/64', 'cidr-invalid', 'zone index'],
    ['1::2::3/64', 'cidr-invalid', 'not a valid IPv6 prefix'],
    ['2001:db8::', 'cidr-invalid', 'has no prefix length'],
    ['', 'cidr-invalid', 'empty'],
  ])('%j → %s', (text, code, message) => {
    const parsed = parsePrefix(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.code).toBe(code);
    expect(parsed.message).toContain(message);
  });

  it('clears host bits only when asked', () => {
    const parsed = parsePrefix('10.0.1.5/24', { allowHostBits: true });
    expect(parsed.ok && formatPrefix(parsed.value)).toBe('10.0.1.0/24');
    const parsed6 = parsePrefix('2001:db8::1/32', { allowHostBits: true });
    expect(parsed6.ok && formatPrefix(parsed6.value)).toBe('2001:db8::/32');
  });
});

describe('parsePrefix4', () => {
  it('refuses IPv6 saying IPv4 was expected', () => {
    const parsed = parsePrefix4('2001:db8::/32');
    expect(parsed).toMatchObject({ ok: false, code: 'cidr-invalid' });
    expect(!parsed.ok && parsed.message).toContain('an IPv4 prefix such as 10.0.0.0/16 is expected');
  });

  it('returns the integer form', () => {
    expect(parsePrefix4('10.1.0.0/16')).toEqual({ ok: true, value: { family: 4, network: 0x0a010000, length: 16 } });
  });
});

describe('parseIPv4 and parseAddress', () => {
  it.each([
    ['10.0.0.4', 0x0a000004],
    ['255.255.255.255', 0xffffffff],
    ['0.0.0.0', 0],
    ['192.168.000.001', 0xc0a80001],
    ['012.0.0.1', 0x0c000001],
  ])('parseIPv4(%s) = %d', (text, value) => {
    expect(parseIPv4(text)).toEqual({ ok: true, value });
  });

  it.each(['1.2.3', '1.2.3.4.5', '1.2.3.4/24', '256.0.0.0', 'a.b.c.d', '1..2.3', '', '::1', '1.2.3.4 ', '+1.2.3.4'])(
    'parseIPv4(%j) is address-invalid',
    (text) => {
      expect(parseIPv4(text)).toMatchObject({ ok: false, code: 'address-invalid' });
    },
  );

  it('parses IPv6 addresses, including IPv4-mapped ones, into words', () => {
    expect(parseAddress('::ffff:1.2.3.4')).toEqual({ ok: true, value: { family: 6, words: [0, 0, 0xffff, 0x01020304] } });
    expect(parseAddress('2001:db8::ffff:ffff')).toEqual({
      ok: true,
      value: { family: 6, words: [0x20010db8, 0, 0, 0xffffffff] },
    });
    expect(parseAddress('10.0.0.4')).toEqual({ ok: true, value: { family: 4, value: 0x0a000004 } });
  });

  it.each(['2001:db8::/64', 'fe80::1%eth0', 'gg::1', '1:2:3:4:5:6:7:8:9'])('parseAddress(%j) is address-invalid', (text) => {
    expect(parseAddress(text)).toMatchObject({ ok: false, code: 'address-invalid' });
  });

  it('formats uint32 values as dotted decimal', () => {
    expect(formatIPv4(0xffffffff)).toBe('255.255.255.255');
    expect(formatIPv4(0x0a000004)).toBe('10.0.0.4');
  });
});
