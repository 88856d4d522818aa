import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseIPv4 } from '../../src/ipam/index.js';
import {
  checkStaticDip, copyDipPool, countUsableDips, createDipPool, findDipHolder, findFreeDip, forgetDip, isReservedDip, listDipHolders, nameDipHolder,
  recordDip, testStaticDip, VM_SIZES, isComputeIntensiveSize, type DipPool, type Vm,
} from '../../src/vm/index.js';

/** A pool of `prefix` holding each `ip → owner` of a plain record, in the record's order. */
function poolOf(prefix: string, record: Readonly<Record<string, string>>): DipPool {
  const pool = createDipPool(prefix);
  for (const [ip, owner] of Object.entries(record)) recordDip(pool, ip, owner);
  return pool;
}

/** A VM record as a DIP holder (only its names matter to a pool). */
function vmHolder(service: string, name: string): Vm {
  return {
    service, name, deployment: service, size: 'Small', os: 'Linux', source: { image: 'img' }, osDisk: `${service}-${name}-0`, state: 'ReadyRole',
    stateSinceMs: 0, dip: null, isStatic: false, vnet: null, subnet: null, mac: null, hostName: null, adminUser: null, endpoints: {},
  };
}

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
    expect(checkStaticDip('10.0.1.0/24', poolOf('10.0.1.0/24', allocations), ip, 'svc/me')).toBe(problem);
  });

  it('names a VM holder `service/vm`, so the VM itself may keep its address', () => {
    const pool = createDipPool('10.0.1.0/24');
    recordDip(pool, '10.0.1.10', vmHolder('svc', 'me'));
    expect(checkStaticDip('10.0.1.0/24', pool, '10.0.1.10', 'svc/me')).toBeUndefined();
    expect(checkStaticDip('10.0.1.0/24', pool, '10.0.1.10', 'svc/other')).toBe('dip-in-use');
    expect(findDipHolder(pool, '10.0.1.10')).toBe('svc/me');
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
      expect(findFreeDip(prefix, poolOf(prefix, allocations))).toBe(oracle);
    },
  );
});

describe('the DIP index kept beside a pool', () => {
  const scan = (prefix: string, size: number, allocations: Record<string, string>): string | undefined =>
    Array.from({ length: size }, (_, i) => `10.9.${i >> 8}.${i & 255}`).find((ip, i) => i >= 4 && i < size - 1 && allocations[ip] === undefined);
  // `pick` is a New-AzureVM refused after choosing its DIP: the address is handed out but never recorded.
  const operation = fc.oneof(
    fc.record({ kind: fc.constant('allocate' as const) }),
    fc.record({ kind: fc.constant('pick' as const) }),
    fc.record({ kind: fc.constant('static' as const), offset: fc.integer({ min: 0, max: 1023 }) }),
    fc.record({ kind: fc.constant('release' as const), offset: fc.integer({ min: 0, max: 1023 }) }),
  );

  test.prop([fc.integer({ min: 22, max: 29 }), fc.array(operation, { maxLength: 300 })], { numRuns: 60 })(
    'behaves like a plain `ip → owner` record through any mix of dynamic, static, released and picked-but-unrecorded DIPs',
    (length, operations) => {
      const prefix = `10.9.0.0/${length}`;
      const size = 2 ** (32 - length);
      // The oracle is the shape the pool replaced: a record keyed by address text, in allocation order.
      const allocations: Record<string, string> = {};
      const pool = createDipPool(prefix);
      let vms = 0;
      for (const op of operations) {
        if (op.kind === 'allocate') {
          const ip = findFreeDip(prefix, pool);
          expect(ip).toBe(scan(prefix, size, allocations));
          if (ip === undefined) continue;
          const vm = vmHolder('svc', `vm${vms++}`);
          recordDip(pool, ip, vm);
          allocations[ip] = nameDipHolder(vm);
        } else if (op.kind === 'pick') {
          expect(findFreeDip(prefix, pool)).toBe(scan(prefix, size, allocations));
        } else if (op.offset >= 4 && op.offset < size - 1) {
          const ip = `10.9.${op.offset >> 8}.${op.offset & 255}`;
          expect(checkStaticDip(prefix, pool, ip, 'svc/static')).toBe(allocations[ip] === undefined || allocations[ip] === 'svc/static' ? undefined : 'dip-in-use');
          if (op.kind === 'static') {
            recordDip(pool, ip, 'svc/static');
            allocations[ip] = 'svc/static';
          } else {
            forgetDip(pool, ip);
            delete allocations[ip];
          }
          expect(findDipHolder(pool, ip)).toBe(allocations[ip]);
        }
      }
      expect(findFreeDip(prefix, pool)).toBe(scan(prefix, size, allocations));
      expect(listDipHolders(pool).map(([ip, holder]) => [ip, nameDipHolder(holder)])).toEqual(Object.entries(allocations));
    },
  );

  it.each<[string, (pool: DipPool) => DipPool]>([['structuredClone', (pool) => structuredClone(pool)], ['copyDipPool', copyDipPool]])(
    'builds a pool copied by %s its own index from the pool, leaving the original’s alone',
    (_name, copyOf) => {
      const pool = createDipPool('10.9.0.0/24');
      recordDip(pool, '10.9.0.4', 'svc/a');
      expect(findFreeDip('10.9.0.0/24', pool)).toBe('10.9.0.5');
      const copy = copyOf(pool);
      recordDip(copy, '10.9.0.5', 'svc/b');
      expect(findFreeDip('10.9.0.0/24', copy)).toBe('10.9.0.6');
      expect(findFreeDip('10.9.0.0/24', pool)).toBe('10.9.0.5');
      expect(findDipHolder(pool, '10.9.0.5')).toBeUndefined();
    },
  );

  it('files addresses above 2^31 (192.168/16, 172.16/12) by their offset like any other', () => {
    const pool = createDipPool('192.168.10.0/24');
    expect(findFreeDip('192.168.10.0/24', pool)).toBe('192.168.10.4');
    recordDip(pool, '192.168.10.4', 'svc/a');
    recordDip(pool, '192.168.10.200', 'svc/b');
    expect(findFreeDip('192.168.10.0/24', pool)).toBe('192.168.10.5');
    expect(listDipHolders(pool)).toEqual([['192.168.10.4', 'svc/a'], ['192.168.10.200', 'svc/b']]);
    forgetDip(pool, '192.168.10.4');
    expect(findFreeDip('192.168.10.0/24', pool)).toBe('192.168.10.4');
  });

  it('tests a static IP on the same index: free, or the nearest free addresses', () => {
    const allocations = createDipPool('10.9.0.0/24');
    for (let host = 4; host <= 10; host++) recordDip(allocations, `10.9.0.${host}`, `svc/vm${host}`);
    const address = (ip: string): number => {
      const parsed = parseIPv4(ip);
      if (!parsed.ok) throw new Error(ip);
      return parsed.value;
    };
    expect(testStaticDip('10.9.0.0/24', allocations, address('10.9.0.20'))).toEqual({ isAvailable: true, availableAddresses: [] });
    expect(testStaticDip('10.9.0.0/24', allocations, address('10.9.0.8'))?.availableAddresses).toEqual(
      ['10.9.0.11', '10.9.0.12', '10.9.0.13', '10.9.0.14', '10.9.0.15'].map(address),
    );
  });
});

describe('sizes', () => {
  it('knows the era sizes with their cores and memory, and A8/A9 as the compute-intensive ones', () => {
    expect(VM_SIZES.Small).toMatchObject({ cores: 1, memoryMb: 1792 });
    expect(VM_SIZES.A7).toMatchObject({ cores: 8, memoryMb: 57344 });
    expect(VM_SIZES.A9).toMatchObject({ cores: 16, memoryMb: 114688 });
    expect(Object.keys(VM_SIZES).filter((s) => isComputeIntensiveSize(s as keyof typeof VM_SIZES))).toEqual(['A8', 'A9']);
  });
});
