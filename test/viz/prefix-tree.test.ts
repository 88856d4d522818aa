import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { formatPrefix, nextFreePrefixes, parsePrefix4, splitPrefix, type Prefix4 } from '../../src/ipam/index.js';
import {
  applyEvents, buildPrefixTree, createView, listSubnetAddresses, parseIpv4Prefix, formatIpv4, parseIpv4, type View, type VizEvent,
} from '../../src/viz/index.js';
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

describe('buildPrefixTree', () => {
  const hub = applyEvents(createView(), hubEvents());
  const tree = buildPrefixTree(hub);

  it('lists address spaces and site prefixes by address, each followed by its subnets and free blocks by address', () => {
    expect(tree.map((r) => `${'  '.repeat(r.depth)}${r.kind} ${r.prefix} ${r.subnet}`.trimEnd())).toEqual([
      'space 10.1.0.0/16',
      '  free 10.1.0.0/24',
      '  subnet 10.1.1.0/24 FrontEnd',
      '  subnet 10.1.2.0/24 BackEnd',
      '  free 10.1.3.0/24',
      '  free 10.1.4.0/22',
      '  free 10.1.8.0/21',
      '  free 10.1.16.0/20',
      '  free 10.1.32.0/19',
      '  free 10.1.64.0/18',
      '  free 10.1.128.0/18',
      '  free 10.1.192.0/19',
      '  free 10.1.224.0/20',
      '  free 10.1.240.0/21',
      '  free 10.1.248.0/22',
      '  free 10.1.252.0/23',
      '  free 10.1.254.0/24',
      '  subnet 10.1.255.0/29 GatewaySubnet',
      '  free 10.1.255.8/29',
      '  free 10.1.255.16/28',
      '  free 10.1.255.32/27',
      '  free 10.1.255.64/26',
      '  free 10.1.255.128/25',
      'site 192.168.0.0/16',
    ]);
  });

  it('gives utilisation: subnets over the space, held DIPs over the usable addresses of a subnet', () => {
    expect(tree[0]?.utilisation).toBeCloseTo((256 + 256 + 8) / 65536);
    const frontEnd = tree.find((r) => r.subnet === 'FrontEnd')!;
    expect([frontEnd.utilisation, frontEnd.detail]).toEqual([2 / 251, 'FrontEnd: 2 of 251 usable held']);
    expect(tree.find((r) => r.subnet === 'GatewaySubnet')?.detail).toBe('GatewaySubnet: held by the HubVNet gateway (Provisioned, VIP 137.116.0.20)');
  });

  it('lists a subnet\'s addresses: the reserved ones with their use, each DIP with its VM, free runs between', () => {
    expect(listSubnetAddresses(hub, 'HubVNet', 'BackEnd').map((a) => `${a.kind} ${a.first}-${a.last} ${a.count} ${a.holder}`)).toEqual([
      'reserved 10.1.2.0-10.1.2.0 1 network address (reserved)',
      'reserved 10.1.2.1-10.1.2.1 1 default gateway (reserved)',
      'reserved 10.1.2.2-10.1.2.2 1 Azure DNS (reserved)',
      'reserved 10.1.2.3-10.1.2.3 1 Azure DNS (reserved)',
      'free 10.1.2.4-10.1.2.9 6 ',
      'held 10.1.2.10-10.1.2.10 1 db/sql1 (static) · ReadyRole',
      'free 10.1.2.11-10.1.2.254 244 ',
      'reserved 10.1.2.255-10.1.2.255 1 broadcast address (reserved)',
    ]);
    expect(listSubnetAddresses(hub, 'HubVNet', 'Nope')).toEqual([]);
  });

  test.prop([fc.integer({ min: 16, max: 24 }), fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 12 }), fc.integer({ min: 16, max: 29 })])(
    'the free blocks of a space are exactly what `vnetsim free` hands out, size by size (nextFreePrefixes oracle)',
    (spaceLength, subnetSlots, size) => {
      // Subnets are /26s at distinct slots of the space's first /18 (slots beyond the space are dropped).
      const space = `10.0.0.0/${spaceLength}`;
      const subnets = subnetSlots.filter((slot) => slot * 64 < 2 ** (32 - spaceLength)).map((slot) => formatIpv4(0x0a000000 + slot * 64) + '/26');
      const view = worldWithSubnets(space, subnets);
      const free = buildPrefixTree(view).filter((r) => r.kind === 'free').map((r) => prefix(r.prefix));
      const fromTree = free.filter((p) => p.length <= size).flatMap((p) => [...splitPrefix(p, size)]).map(formatPrefix);
      const fromCli = nextFreePrefixes([prefix(space)], subnets.map(prefix), size, { count: 2 ** (size - spaceLength) }).map(formatPrefix);
      expect(fromTree).toEqual(fromCli);
    },
  );

  test.prop([fc.integer({ min: 22, max: 29 }), fc.uniqueArray(fc.integer({ min: 0, max: 1023 }), { maxLength: 40 })])(
    'a subnet\'s address rows tile it exactly, and every DIP in its usable range is one held row',
    (length, hostOffsets) => {
      const size = 2 ** (32 - length);
      const ips = hostOffsets.filter((o) => o < size).map((o) => formatIpv4(0x0a000000 + o));
      const rows = listSubnetAddresses(worldWith(`10.0.0.0/${length}`, ips), 'V', 'S');
      let cursor = 0x0a000000;
      for (const row of rows) {
        expect(parseIpv4(row.first)).toBe(cursor);
        cursor += row.count;
      }
      expect(cursor).toBe(0x0a000000 + size);
      // Brute-force oracle: walk every address and classify it.
      const usable = (o: number): boolean => o >= 4 && o < size - 1;
      expect(rows.filter((r) => r.kind === 'held')).toHaveLength(hostOffsets.filter((o) => o < size && usable(o)).length);
      expect(rows.filter((r) => r.kind === 'reserved')).toHaveLength(5);
    },
  );
});

function prefix(text: string): Prefix4 {
  const parsed = parsePrefix4(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}


function worldWithSubnets(space: string, subnets: string[]): View {
  const event = { type: 'vnet.defined', vnet: 'V', region: 'R', addressSpace: [space], subnets: subnets.map((prefix, i) => ({ name: `S${i}`, prefix })) };
  return applyEvents(createView(), [{ ...event, seq: 0, time: 0 } as unknown as VizEvent]);
}

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
