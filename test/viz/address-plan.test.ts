import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { applyEvents, createView, planAddressBlocks, parseIpv4Prefix, formatIpv4, parseIpv4, type View, type VizEvent } from '../../src/viz/index.js';
import { hubEvents } from './fixtures.js';

describe('ipv4 helpers', () => {
  it.each([
    ['10.1.2.3', 0x0a010203], ['0.0.0.0', 0], ['255.255.255.255', 0xffffffff], ['10.1.2', null], ['10.1.2.256', null], ['::1', null],
  ])('parses %s', (text, value) => expect(parseIpv4(text)).toBe(value));

  it('clears host bits of a prefix and round-trips addresses', () => {
    expect(parseIpv4Prefix('10.1.2.3/16')).toEqual({ start: 0x0a010000, size: 65536, length: 16 });
    expect(parseIpv4Prefix('2001:db8::/32')).toBeNull();
    expect(formatIpv4(0xc0a80001)).toBe('192.168.0.1');
  });
});

describe('planAddressBlocks', () => {
  const hub = applyEvents(createView(), hubEvents());
  const plan = planAddressBlocks(hub, 'HubVNet');

  it('lays the address space, the subnets with the gaps between them, and the cells of each subnet', () => {
    expect(plan.totalSize).toBe(65536);
    expect(plan.blocks.filter((b) => b.depth === 1).map((b) => [b.kind, b.first, b.size])).toEqual([
      ['unassigned', '10.1.0.0', 256],
      ['subnet', '10.1.1.0', 256],
      ['subnet', '10.1.2.0', 256],
      ['unassigned', '10.1.3.0', 65536 - 3 * 256 - 256],
      ['subnet', '10.1.255.0', 8],
      ['unassigned', '10.1.255.8', 248],
    ]);
  });

  it('reserves the first four addresses and the broadcast address of every subnet (classic rule)', () => {
    const frontEnd = plan.blocks.filter((b) => b.depth === 2 && b.offset >= 256 && b.offset < 512);
    expect(frontEnd.map((b) => [b.kind, b.first, b.size])).toEqual([
      ['reserved', '10.1.1.0', 4],
      ['allocated', '10.1.1.4', 1],
      ['allocated', '10.1.1.5', 1],
      ['free', '10.1.1.6', 249],
      ['reserved', '10.1.1.255', 1],
    ]);
    const gatewaySubnet = plan.blocks.filter((b) => b.depth === 2 && b.first.startsWith('10.1.255.'));
    expect(gatewaySubnet.map((b) => [b.kind, b.size])).toEqual([['reserved', 4], ['free', 3], ['reserved', 1]]);
  });

  it('labels allocated cells with the VM and marks static addresses', () => {
    expect(plan.blocks.find((b) => b.kind === 'allocated' && b.first === '10.1.2.10')?.label).toBe('10.1.2.10 db/sql1 (static)');
  });

  it('returns an empty plan for an unknown VNet', () => {
    expect(planAddressBlocks(hub, 'Nope')).toEqual({ vnet: 'Nope', totalSize: 0, blocks: [] });
  });

  test.prop([fc.integer({ min: 22, max: 30 }), fc.uniqueArray(fc.integer({ min: 0, max: 1023 }), { maxLength: 40 })])(
    'the cells of a subnet tile it exactly, and every DIP inside the usable range is one allocated cell',
    (length, hostOffsets) => {
      const size = 2 ** (32 - length);
      const ips = hostOffsets.filter((o) => o < size).map((o) => formatIpv4(0x0a000000 + o));
      const view = worldWith(`10.0.0.0/${length}`, ips);
      const cells = planAddressBlocks(view, 'V').blocks.filter((b) => b.depth === 2);
      let cursor = 0;
      for (const cell of cells) {
        expect(cell.offset).toBe(cursor);
        cursor += cell.size;
      }
      expect(cursor).toBe(size);
      // Brute-force oracle: walk every address and classify it.
      const usable = (o: number): boolean => o >= 4 && o < size - 1;
      const expected = hostOffsets.filter((o) => o < size && usable(o)).length;
      expect(cells.filter((c) => c.kind === 'allocated')).toHaveLength(expected);
      const reserved = cells.filter((c) => c.kind === 'reserved').reduce((n, c) => n + c.size, 0);
      expect(reserved).toBe(Math.min(size, 5));
    },
  );
});

function worldWith(prefix: string, ips: string[]): View {
  const events: Record<string, unknown>[] = [
    { type: 'vnet.defined', vnet: 'V', region: 'R', addressSpace: [prefix], subnets: [{ name: 'S', prefix }] },
    ...ips.flatMap((ip, i) => [
      { type: 'vm.created', service: 's', vm: `m${i}`, vnet: 'V', subnet: 'S' },
      { type: 'dip.allocated', service: 's', vm: `m${i}`, ip, vnet: 'V', subnet: 'S' },
    ]),
  ];
  return applyEvents(createView(), events.map((e, seq) => ({ ...e, seq, time: 0 }) as unknown as VizEvent));
}
