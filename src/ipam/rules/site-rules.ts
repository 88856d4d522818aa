import { diagnosticAt, type Diagnostic } from '../../common/index.js';
import { parseIPv4 } from '../prefix-parse.js';
import { containsAddress4 } from '../prefix-predicates.js';
import { conflictDiagnostic, findEntryOverlaps } from './conflicts.js';
import { validPrefixes4, type Prefix4Entry, type VnetEntry } from './plan-index.js';
import type { PlanRule } from './rule.js';

/** `local-site-overlap`: prefixes of one site, or of two sites on the same gateway, overlap. */
export const localSiteOverlapRule: PlanRule = {
  id: 'local-site-overlap',
  severity: 'error',
  description: 'Local network sites connected to one gateway (or one site\'s own prefixes) overlap.',
  check: (index) => {
    const found: Diagnostic[] = [];
    // "associated local network address prefixes must not overlap each other" (xplat-cli #311, azure-classic.md §1.4)
    for (const site of index.sites) {
      for (const [a, b] of findEntryOverlaps(validPrefixes4(site.prefixes))) {
        found.push(conflictDiagnostic('local-site-overlap', 'error', a, b, 'overlaps', 'make the site prefixes disjoint'));
      }
    }
    // "Azure does not allow you to upload a configuration file that has overlapping ranges" (multi-site doc, §2.5)
    const reported = new Set<string>();
    for (const vnet of index.vnets) {
      const owner = new Map<Prefix4Entry, number>();
      vnet.connectedSites.forEach((site, i) => {
        for (const entry of validPrefixes4(site.prefixes)) owner.set(entry, i);
      });
      for (const [a, b] of findEntryOverlaps([...owner.keys()])) {
        if (owner.get(a) === owner.get(b)) continue;
        const key = `${a.label} ${a.text.value}|${b.label} ${b.text.value}`;
        if (reported.has(key)) continue;
        reported.add(key);
        found.push(
          conflictDiagnostic(
            'local-site-overlap',
            'error',
            a,
            b,
            'overlaps',
            `both are connected to VNet ${vnet.vnet.name}'s gateway, which cannot tell which tunnel owns those ` +
              'addresses: make the site prefixes disjoint',
          ),
        );
      }
    }
    return found;
  },
};

/** `vnet-local-overlap`: a VNet's space overlaps a local site its gateway connects to. */
export const vnetLocalOverlapRule: PlanRule = {
  id: 'vnet-local-overlap',
  severity: 'error',
  description: 'A virtual network overlaps a local network site it connects to.',
  check: (index) =>
    index.vnets.flatMap((vnet) =>
      crossOverlaps(validPrefixes4(vnet.spaces), connectedSitePrefixes(vnet)).map(([a, b]) =>
        conflictDiagnostic(
          'vnet-local-overlap',
          'error',
          a,
          b,
          'overlaps',
          `VNet ${vnet.vnet.name} connects to that site, so those addresses would be both local and on-premises ` +
            '(the platform only said "IP address prefix is not valid"): renumber the VNet or narrow the site prefix',
        ),
      ),
    ),
};

/** `vpn-address-inside-site`: a site's VPN device address lies inside the site's own prefixes. */
export const vpnAddressInsideSiteRule: PlanRule = {
  id: 'vpn-address-inside-site',
  severity: 'error',
  description: "A local site's VPNGatewayAddress lies inside its own address space.",
  check: (index) =>
    index.sites.flatMap((site): Diagnostic[] => {
      const address = site.site.vpnGatewayAddress;
      if (address === undefined) return [];
      const parsed = parseIPv4(address.value.trim());
      if (!parsed.ok) return [];
      const inside = validPrefixes4(site.prefixes).find((entry) => containsAddress4(entry.prefix, parsed.value));
      if (inside === undefined) return [];
      // xplat-cli: "gateway must not be inside specified address prefix" (azure-classic.md §1.4)
      return [
        diagnosticAt(
          address.at,
          'vpn-address-inside-site',
          'error',
          `local site ${site.site.name} VPN gateway address ${address.value} lies inside its own prefix ` +
            `${inside.text.value}; the device's public address must be outside the site's address space: ` +
            'give its internet-facing address, or remove that prefix',
          inside.objects,
        ),
      ];
    }),
};

/** `p2s-pool-overlap`: a VPN client pool overlaps the VNet, a connected site, or another pool entry. */
export const p2sPoolOverlapRule: PlanRule = {
  id: 'p2s-pool-overlap',
  severity: 'error',
  description: 'A point-to-site client address pool overlaps its VNet, a connected site or itself.',
  check: (index) =>
    index.vnets.flatMap((vnet) => {
      const pools = validPrefixes4(vnet.pools);
      if (pools.length === 0) return [];
      const pairs = findEntryOverlaps([...pools, ...validPrefixes4(vnet.spaces), ...connectedSitePrefixes(vnet)]);
      return pairs
        .filter(([a, b]) => a.role === 'client-pool' || b.role === 'client-pool')
        .map(([a, b]) =>
          conflictDiagnostic(
            'p2s-pool-overlap',
            'error',
            a,
            b,
            'overlaps',
            'VPN clients get addresses from the pool, so it must not collide with the VNet or its sites: ' +
              'pick a pool outside both (e.g. from 172.16.0.0/12)',
          ),
        );
    }),
};

function connectedSitePrefixes(vnet: VnetEntry): Prefix4Entry[] {
  return vnet.connectedSites.flatMap((site) => validPrefixes4(site.prefixes));
}

/** Overlapping pairs with one side from `left` and the other from `right`. */
function crossOverlaps(left: readonly Prefix4Entry[], right: readonly Prefix4Entry[]): Array<[Prefix4Entry, Prefix4Entry]> {
  if (left.length === 0 || right.length === 0) return [];
  const isLeft = new Set(left);
  return findEntryOverlaps([...left, ...right]).filter(([a, b]) => isLeft.has(a) !== isLeft.has(b));
}
