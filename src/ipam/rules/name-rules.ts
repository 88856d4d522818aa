import { diagnosticAt, type Diagnostic, type SourceRef } from '../../common/index.js';
import { dnsObject, siteObject, subnetObject, vnetObject } from './objects.js';
import { describeLine } from './plan-index.js';
import type { PlanRule } from './rule.js';

/** `unknown-reference`: a gateway connection or DNS reference names something the file does not define. */
export const unknownReferenceRule: PlanRule = {
  id: 'unknown-reference',
  severity: 'error',
  description: 'A gateway connection or DNS server reference names a local site or DNS server not defined in the file.',
  check: (index) => {
    const siteNames = index.plan.localSites.map((s) => s.name);
    const dnsNames = index.plan.dnsServers.map((d) => d.name);
    const found: Diagnostic[] = [];
    for (const vnet of index.plan.vnets) {
      for (const connection of vnet.gateway?.connections ?? []) {
        const name = connection.site.value;
        if (index.sitesByName.has(name)) continue;
        found.push(
          diagnosticAt(
            connection.site.at,
            'unknown-reference',
            'error',
            `VNet ${vnet.name}'s gateway connects to local site "${name}", which is not defined; ` +
              suggestName(name, siteNames, 'local network site'),
            [vnetObject(vnet.name), siteObject(name)],
          ),
        );
      }
      const dnsSet = new Set(dnsNames);
      for (const ref of vnet.dnsServerRefs) {
        if (dnsSet.has(ref.value)) continue;
        found.push(
          diagnosticAt(
            ref.at,
            'unknown-reference',
            'error',
            `VNet ${vnet.name} refers to DNS server "${ref.value}", which is not defined; ` +
              suggestName(ref.value, dnsNames, 'DNS server'),
            [vnetObject(vnet.name), dnsObject(ref.value)],
          ),
        );
      }
    }
    return found;
  },
};

/** `duplicate-name`: two VNets, sites, DNS servers, subnets of a VNet or connections of a gateway share a name. */
export const duplicateNameRule: PlanRule = {
  id: 'duplicate-name',
  severity: 'error',
  description: 'Two virtual networks, local sites, DNS servers, subnets of one VNet or gateway connections share a name.',
  check: (index) => {
    const plan = index.plan;
    const found = [
      ...findDuplicates(plan.vnets, (v) => ({ name: v.name, at: v.at }), 'VNet', vnetObject),
      ...findDuplicates(plan.localSites, (s) => ({ name: s.name, at: s.at }), 'local site', siteObject),
      ...findDuplicates(plan.dnsServers, (d) => ({ name: d.name, at: d.at }), 'DNS server', dnsObject),
    ];
    for (const vnet of plan.vnets) {
      found.push(
        ...findDuplicates(
          vnet.subnets,
          (s) => ({ name: s.name, at: s.at }),
          `subnet of VNet ${vnet.name}`,
          (name) => subnetObject(vnet.name, name),
        ),
        ...findDuplicates(
          vnet.gateway?.connections ?? [],
          (c) => ({ name: c.site.value, at: c.site.at }),
          `connection of VNet ${vnet.name}'s gateway to local site`,
          siteObject,
        ),
      );
    }
    return found;
  },
};

/** `location-required`: a VNet must name exactly one of AffinityGroup (narrow) or Location (regional). */
export const locationRequiredRule: PlanRule = {
  id: 'location-required',
  severity: 'error',
  description: 'A virtual network names neither or both of AffinityGroup and Location.',
  check: (index) =>
    index.plan.vnets.flatMap((vnet): Diagnostic[] => {
      if (vnet.affinityGroup === undefined && vnet.location === undefined) {
        return [
          diagnosticAt(
            vnet.at,
            'location-required',
            'error',
            `VNet ${vnet.name} has neither an affinity group nor a location; add one of them ` +
              '(Location for a regional VNet, AffinityGroup for the older affinity-group VNet)',
            [vnetObject(vnet.name)],
          ),
        ];
      }
      if (vnet.affinityGroup !== undefined && vnet.location !== undefined) {
        // Migration to regional VNets replaced AffinityGroup with Location (azure-classic.md §2.7): never both.
        return [
          diagnosticAt(
            vnet.location.at,
            'location-required',
            'error',
            `VNet ${vnet.name} has both affinity group "${vnet.affinityGroup.value}" and location ` +
              `"${vnet.location.value}"; keep only one (to make it regional, replace the affinity group with its region)`,
            [vnetObject(vnet.name)],
          ),
        ];
      }
      return [];
    }),
};

function findDuplicates<T>(
  items: readonly T[],
  nameOf: (item: T) => { name: string; at: SourceRef },
  kind: string,
  objectOf: (name: string) => string,
): Diagnostic[] {
  const first = new Map<string, SourceRef>();
  const found: Diagnostic[] = [];
  for (const item of items) {
    const { name, at } = nameOf(item);
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, at);
      continue;
    }
    found.push(
      diagnosticAt(
        at,
        'duplicate-name',
        'error',
        `${kind} "${name}" is defined again (first at ${describeLine(earlier)}); rename or remove one of them`,
        [objectOf(name)],
      ),
    );
  }
  return found;
}

/** The fix for an unknown name: the likely intended one (same letters, other case), else the defined names. */
function suggestName(name: string, names: readonly string[], kind: string): string {
  const defined = [...new Set(names)];
  const sameLetters = defined.find((d) => d.toLowerCase() === name.toLowerCase());
  if (sameLetters !== undefined) return `did you mean "${sameLetters}"? (names are case-sensitive)`;
  if (defined.length === 0) return `define a ${kind} with that name`;
  const shown = defined.slice(0, 10).join(', ');
  return `define it, or use one of: ${shown}${defined.length > 10 ? ', …' : ''}`;
}
