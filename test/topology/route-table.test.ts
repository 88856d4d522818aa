import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { containsAddress4 } from '../../src/ipam/index.js';
import { buildTopologyIndex, type TopologyIndex, type TopoVnet } from '../../src/topology/index.js';
import { ip } from './fixtures.js';
import { arbWorld, SITE_PROBES } from './random-world.js';

/** Addresses inside and around every menu site and VNet, so first-match order between overlapping sites is exercised. */
const PROBES = [...SITE_PROBES, ...['10.1.0.4', '10.2.3.4', '10.3.255.255', '10.200.0.1', '192.168.2.1', '172.31.255.255', '8.8.8.8'].map(ip)];

/** The rule as written: the first connection, in order, whose site exists and holds the address. */
function scanForLeg(index: TopologyIndex, vnet: TopoVnet, address: number): string | undefined {
  for (const connection of vnet.gateway?.connections ?? []) {
    const site = index.sitesByName.get(connection.site);
    if (site !== undefined && site.addressPrefixes.some((p) => containsAddress4(p, address))) return connection.site;
  }
  return undefined;
}

describe('gateway route tables', () => {
  test.prop([arbWorld], { numRuns: 200 })('find the same leg as scanning every connection and prefix in order', (model) => {
    const index = buildTopologyIndex(model);
    for (const vnet of index.vnetsByName.values()) {
      for (const address of PROBES) {
        const leg = index.routes.findLeg(vnet, address);
        expect(leg?.connection.site).toBe(scanForLeg(index, vnet, address));
        if (leg !== undefined) expect([leg.vnet, leg.site, leg.nextVnet]).toEqual([vnet, index.sitesByName.get(leg.connection.site), index.vnetsBySiteName.get(leg.site.name)]);
      }
    }
  });

  test.prop([arbWorld], { numRuns: 50 })('follow a gateway given a new connection list', (model) => {
    const index = buildTopologyIndex(model);
    for (const vnet of index.vnetsByName.values()) {
      if (vnet.gateway === undefined) continue;
      for (const address of PROBES) index.routes.findLeg(vnet, address);
      vnet.gateway.connections = [...vnet.gateway.connections].reverse();
      for (const address of PROBES) expect(index.routes.findLeg(vnet, address)?.connection.site).toBe(scanForLeg(index, vnet, address));
    }
  });
});
