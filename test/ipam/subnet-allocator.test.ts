import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  AZURE_CLASSIC_RESERVED,
  formatIPv4,
  IpamUsageError,
  makePrefix4,
  parseIPv4,
  parsePrefix4,
  SubnetAllocator,
  UNRESERVED_POOL,
  type Prefix4,
} from '../../src/ipam/index.js';

function prefix(text: string): Prefix4 {
  const parsed = parsePrefix4(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

function ip(text: string): number {
  const parsed = parseIPv4(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('the azure-classic reserved-address policy', () => {
  it('is data: 4 at the start, 1 at the end, /8 to /29', () => {
    expect(AZURE_CLASSIC_RESERVED).toEqual({ name: 'azure-classic', reservedAtStart: 4, reservedAtEnd: 1, minLength: 8, maxLength: 29 });
  });

  it.each([
    ['10.0.0.0/29', 3],
    ['10.0.0.0/28', 11],
    ['10.0.0.0/24', 251],
    ['10.0.0.0/8', 16777211],
  ])('%s has %i usable addresses', (text, usable) => {
    expect(new SubnetAllocator(prefix(text)).usableCount).toBe(usable);
  });

  it('gives the first VM x.x.x.4 and fills a /29 with .4, .5, .6', () => {
    const allocator = new SubnetAllocator(prefix('10.1.2.0/29'));
    const got = [allocator.allocateDynamic(), allocator.allocateDynamic(), allocator.allocateDynamic(), allocator.allocateDynamic()];
    expect(got.map((a) => (a === undefined ? undefined : formatIPv4(a)))).toEqual(['10.1.2.4', '10.1.2.5', '10.1.2.6', undefined]);
    expect(allocator.allocatedCount).toBe(3);
  });

  it.each(['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.255'])('reserves %s in 10.0.0.0/24', (text) => {
    const allocator = new SubnetAllocator(prefix('10.0.0.0/24'));
    expect(allocator.isReserved(ip(text))).toBe(true);
    expect(allocator.isAllocated(ip(text))).toBe(false);
    const refused = allocator.reserve(ip(text));
    expect(refused).toMatchObject({ ok: false, code: 'dip-reserved' });
    expect(!refused.ok && refused.message).toContain('choose an address from 10.0.0.4 to 10.0.0.254');
  });

  it.each(['10.0.0.0/30', '10.0.0.0/32', '0.0.0.0/7'])('refuses subnet %s as outside /8 to /29', (text) => {
    expect(() => new SubnetAllocator(prefix(text))).toThrow(IpamUsageError);
  });

  it('lets another policy be plain data', () => {
    const pool = new SubnetAllocator(prefix('192.168.0.0/31'), UNRESERVED_POOL);
    expect([pool.allocateDynamic(), pool.allocateDynamic(), pool.allocateDynamic()]).toEqual([ip('192.168.0.0'), ip('192.168.0.1'), undefined]);
  });
});

describe('static reservation, release and Test-AzureStaticVNetIP', () => {
  it('refuses outside, in-use and reserved addresses with the fix in the message', () => {
    const allocator = new SubnetAllocator(prefix('10.0.0.0/24'));
    expect(allocator.reserve(ip('10.0.0.10'))).toEqual({ ok: true });
    const inUse = allocator.reserve(ip('10.0.0.10'));
    expect(inUse).toMatchObject({ ok: false, code: 'dip-in-use' });
    expect(!inUse.ok && inUse.message).toBe(
      '10.0.0.10 is already allocated in subnet 10.0.0.0/24; free addresses nearby: 10.0.0.7, 10.0.0.8, 10.0.0.9, 10.0.0.11, 10.0.0.12',
    );
    expect(allocator.reserve(ip('10.0.1.10'))).toMatchObject({ ok: false, code: 'dip-outside-subnet' });
  });

  it('dynamic allocation takes the lowest free address, around static ones and after releases', () => {
    const allocator = new SubnetAllocator(prefix('10.0.0.0/24'));
    allocator.reserve(ip('10.0.0.4'));
    allocator.reserve(ip('10.0.0.6'));
    expect(allocator.peekLowestFree()).toBe(ip('10.0.0.5'));
    expect(allocator.allocateDynamic()).toBe(ip('10.0.0.5'));
    expect(allocator.allocateDynamic()).toBe(ip('10.0.0.7'));
    expect(allocator.release(ip('10.0.0.4'))).toBe(true);
    expect(allocator.release(ip('10.0.0.4'))).toBe(false);
    expect(allocator.release(ip('10.0.0.1'))).toBe(false);
    expect(allocator.allocateDynamic()).toBe(ip('10.0.0.4'));
    expect([...allocator.allocatedAddresses()].map(formatIPv4)).toEqual(['10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7']);
  });

  it('answers available with no suggestions, and taken or reserved with the nearest free ones', () => {
    const allocator = new SubnetAllocator(prefix('10.0.0.0/24'));
    expect(allocator.testStaticIp(ip('10.0.0.50'))).toEqual({ isAvailable: true, availableAddresses: [] });
    expect(allocator.testStaticIp(ip('10.0.0.1')).availableAddresses.map(formatIPv4)).toEqual([
      '10.0.0.4',
      '10.0.0.5',
      '10.0.0.6',
      '10.0.0.7',
      '10.0.0.8',
    ]);
    expect(allocator.testStaticIp(ip('10.0.0.255'), 2).availableAddresses.map(formatIPv4)).toEqual(['10.0.0.253', '10.0.0.254']);
    expect(allocator.testStaticIp(ip('11.0.0.0'), 1).availableAddresses.map(formatIPv4)).toEqual(['10.0.0.254']);
  });

  it('clones independently', () => {
    const allocator = new SubnetAllocator(prefix('10.0.0.0/29'));
    allocator.allocateDynamic();
    const copy = allocator.clone();
    allocator.allocateDynamic();
    expect(copy.allocatedCount).toBe(1);
    expect(copy.allocateDynamic()).toBe(ip('10.0.0.5'));
    expect([...allocator.allocatedAddresses()]).toEqual([...copy.allocatedAddresses()]);
  });

  it('skips full words quickly in a large subnet and still finds the last hole', () => {
    const allocator = new SubnetAllocator(prefix('10.0.0.0/16'));
    for (let i = 0; i < allocator.usableCount; i++) allocator.allocateDynamic();
    expect(allocator.allocateDynamic()).toBeUndefined();
    expect(allocator.release(ip('10.0.255.200'))).toBe(true);
    expect(allocator.release(ip('10.0.128.7'))).toBe(true);
    expect(allocator.testStaticIp(ip('10.0.0.4'), 1).availableAddresses).toEqual([ip('10.0.128.7')]);
    expect(allocator.testStaticIp(ip('10.0.255.254'), 3).availableAddresses).toEqual([ip('10.0.128.7'), ip('10.0.255.200')]);
    expect(allocator.allocateDynamic()).toBe(ip('10.0.128.7'));
    expect(allocator.allocateDynamic()).toBe(ip('10.0.255.200'));
  });
});

type Op = { kind: 'dynamic' } | { kind: 'reserve'; offset: number } | { kind: 'release'; offset: number } | { kind: 'test'; offset: number; count: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'dynamic' }),
  fc.record({ kind: fc.constant('reserve' as const), offset: fc.integer({ min: -8, max: 300 }) }),
  fc.record({ kind: fc.constant('release' as const), offset: fc.integer({ min: -8, max: 300 }) }),
  fc.record({ kind: fc.constant('test' as const), offset: fc.integer({ min: -8, max: 300 }), count: fc.integer({ min: 0, max: 6 }) }),
);

describe('SubnetAllocator, by property against a set model', () => {
  test.prop([fc.integer({ min: 22, max: 29 }), fc.integer({ min: 0, max: 255 }), fc.array(op, { maxLength: 120 })])(
    'allocations never overlap, never hit reserved addresses, stay inside, and dynamic is the lowest free',
    (length, third, ops) => {
      const subnet = makePrefix4(ip(`10.0.${third}.0`), length);
      const size = 2 ** (32 - length);
      const allocator = new SubnetAllocator(subnet);
      const used = new Set<number>();
      const isUsable = (offset: number): boolean => offset >= 4 && offset < size - 1;
      const freeOffsets = (): number[] => Array.from({ length: size }, (_, o) => o).filter((o) => isUsable(o) && !used.has(o));
      for (const step of ops) {
        if (step.kind === 'dynamic') {
          const lowest = freeOffsets()[0];
          const got = allocator.allocateDynamic();
          expect(got).toBe(lowest === undefined ? undefined : subnet.network + lowest);
          if (lowest !== undefined) used.add(lowest);
        } else if (step.kind === 'reserve') {
          const result = allocator.reserve(subnet.network + step.offset);
          const expected =
            step.offset < 0 || step.offset >= size ? 'dip-outside-subnet' : !isUsable(step.offset) ? 'dip-reserved' : used.has(step.offset) ? 'dip-in-use' : 'ok';
          expect(result.ok ? 'ok' : result.code).toBe(expected);
          if (result.ok) used.add(step.offset);
        } else if (step.kind === 'release') {
          expect(allocator.release(subnet.network + step.offset)).toBe(used.delete(step.offset));
        } else {
          const target = subnet.network + step.offset;
          const result = allocator.testStaticIp(target, step.count);
          const isAvailable = step.offset >= 0 && step.offset < size && isUsable(step.offset) && !used.has(step.offset);
          const nearest = isAvailable
            ? []
            : freeOffsets()
                .map((o) => subnet.network + o)
                .sort((a, b) => Math.abs(a - target) - Math.abs(b - target) || a - b)
                .slice(0, step.count)
                .sort((a, b) => a - b);
          expect(result).toEqual({ isAvailable, availableAddresses: nearest });
        }
      }
      const allocated = [...allocator.allocatedAddresses()];
      expect(allocated).toEqual([...used].sort((a, b) => a - b).map((o) => subnet.network + o));
      expect(allocated.every((a) => !allocator.isReserved(a) && a >= subnet.network && a < subnet.network + size)).toBe(true);
      expect(allocator.allocatedCount).toBe(used.size);
      expect(allocator.peekLowestFree()).toBe(freeOffsets()[0] === undefined ? undefined : subnet.network + (freeOffsets()[0] as number));
    },
  );
});
