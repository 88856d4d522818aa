import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { checkStaticDip, countUsableDips, findFreeDip, isReservedDip, VM_SIZES, isComputeIntensiveSize } from '../../src/vm/index.js';

describe('reserved addresses (network, .1–.3, broadcast)', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.0', true],
    ['10.0.0.0/24', '10.0.0.1', true],
    ['10.0.0.0/24', '10.0.0.3', true],
    ['10.0.0.0/24', '10.0.0.4', false],
    ['10.0.0.0/24', '10.0.0.254', false],
    ['10.0.0.0/24', '10.0.0.255', true],
    ['10.0.0.8/29', '10.0.0.12', false],
    ['10.0.0.8/29', '10.0.0.15', true],
    ['10.0.0.8/29', '10.0.0.16', false],
  ])('in %s, %s reserved: %s', (prefix, ip, reserved) => {
    expect(isReservedDip(prefix, ip)).toBe(reserved);
  });

  it.each([
    ['10.0.0.0/29', 3],
    ['10.0.0.0/28', 11],
    ['10.0.0.0/24', 251],
    ['10.0.0.0/16', 65_531],
  ])('%s has %i usable DIPs', (prefix, count) => {
    expect(countUsableDips(prefix)).toBe(count);
  });
});

describe('static DIP checks', () => {
  it.each([
    ['10.0.1.10', {}, undefined],
    ['10.0.2.10', {}, 'dip-outside-subnet'],
    ['10.0.1.2', {}, 'dip-reserved'],
    ['10.0.1.10', { '10.0.1.10': 'svc/other' }, 'dip-in-use'],
    ['10.0.1.10', { '10.0.1.10': 'svc/me' }, undefined],
    ['10.0.1.300', {}, 'dip-invalid'],
    ['10.0.1.010', {}, 'dip-invalid'],
  ] as const)('%s with %o → %s', (ip, allocations, problem) => {
    expect(checkStaticDip('10.0.1.0/24', allocations, ip, 'svc/me')).toBe(problem);
  });
});

describe('lowest free DIP', () => {
  test.prop([fc.integer({ min: 24, max: 29 }), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 })])(
    'matches a brute-force scan of the usable range',
    (length, hostOffsets) => {
      const prefix = `10.9.8.0/${length}`;
      const size = 2 ** (32 - length);
      const allocations: Record<string, string> = {};
      for (const offset of hostOffsets) if (offset < size) allocations[`10.9.8.${offset}`] = 'x';
      const oracle = Array.from({ length: size }, (_, i) => `10.9.8.${i}`).find((ip, i) => i >= 4 && i < size - 1 && allocations[ip] === undefined);
      expect(findFreeDip(prefix, allocations)).toBe(oracle);
    },
  );
});

describe('sizes', () => {
  it('knows the era sizes with their cores and memory, and A8/A9 as the compute-intensive ones', () => {
    expect(VM_SIZES.Small).toMatchObject({ cores: 1, memoryMb: 1792 });
    expect(VM_SIZES.A7).toMatchObject({ cores: 8, memoryMb: 57344 });
    expect(VM_SIZES.A9).toMatchObject({ cores: 16, memoryMb: 114688 });
    expect(Object.keys(VM_SIZES).filter((s) => isComputeIntensiveSize(s as keyof typeof VM_SIZES))).toEqual(['A8', 'A9']);
  });
});
