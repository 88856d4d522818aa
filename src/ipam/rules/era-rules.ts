import { diagnosticAt, type Diagnostic, type SourceRef } from '../../common/index.js';
import type { NetworkPlan } from '../plan.js';
import { describeFeatureDate, eraMonth, featureAvailable, platformFeature, type PlatformFeatureId, type PlatformMonth } from '../platform-timeline.js';
import { containsPrefix } from '../prefix-predicates.js';
import { siteObject, vnetObject } from './objects.js';
import { OverlapLookup } from './overlap-groups.js';
import { indexPlan, validPrefixes4, type PlanIndex, type Prefix4Entry } from './plan-index.js';
import { PRIVATE_BLOCKS } from './space-rules.js';
import type { PlanRule } from './rule.js';

/** The gateway connection type of ExpressRoute circuits (azure-classic.md §1.2); IPsec is a VPN tunnel. */
const EXPRESSROUTE_CONNECTION_TYPE = 'Dedicated';

/** One use of a dated feature in a plan: where, by whom, and what to do instead. */
interface FeatureUse {
  feature: PlatformFeatureId;
  at: SourceRef;
  what: string;
  fix: string;
  objects: string[];
}

/** `feature-era`: the plan uses a platform feature that did not exist yet in the era it is judged by. */
export const featureEraRule: PlanRule = {
  id: 'feature-era',
  severity: 'error',
  description:
    'The plan uses a feature the platform did not have yet in its era (regional VNets, point-to-site, multi-site, VNet-to-VNet, ExpressRoute).',
  check: (index, options) => {
    const month = eraMonth(options.era);
    return findFeatureUses(index)
      .filter((use) => !featureAvailable(use.feature, month))
      .map(
        (use): Diagnostic =>
          diagnosticAt(
            use.at,
            'feature-era',
            'error',
            `${use.what} uses ${describeFeatureDate(use.feature)}, but the plan is judged as of ${month}: ${use.fix}`,
            use.objects,
          ),
      );
  },
};

/**
 * The earliest era in which the platform had every feature the plan uses (never before the VNet launch): how a plan
 * without an `era` is dated when it is run as a scenario or turned into one.
 */
export function inferPlanEra(plan: NetworkPlan): PlatformMonth {
  const index = indexPlan(plan);
  const months = findFeatureUses(index).map((use) => platformFeature(use.feature).since);
  const isPublic = index.vnets.some((vnet) =>
    validPrefixes4(vnet.spaces).some((entry) => !PRIVATE_BLOCKS.some((block) => containsPrefix(block.prefix, entry.prefix))),
  );
  if (isPublic) months.push(platformFeature('public-vnet-space').since);
  return months.reduce((latest, month) => (month > latest ? month : latest), platformFeature('affinity-group-vnet').since);
}

/** Every use of a dated feature in the plan, in plan order. */
function findFeatureUses(index: PlanIndex): FeatureUse[] {
  const uses: FeatureUse[] = [];
  const vnetSpaces = new OverlapLookup(index.vnets.flatMap((vnet) => validPrefixes4(vnet.spaces)));
  for (const { vnet } of index.vnets) {
    const objects = [vnetObject(vnet.name)];
    if (vnet.location !== undefined) {
      uses.push({
        feature: 'regional-vnet',
        at: vnet.location.at,
        what: `VNet ${vnet.name} (Location "${vnet.location.value}")`,
        fix: 'bind it to an affinity group (AffinityGroup=) instead, or judge the plan by a later --era',
        objects,
      });
    }
    const gateway = vnet.gateway;
    if (gateway === undefined) continue;
    const [pool] = gateway.vpnClientAddressPool;
    if (pool !== undefined) {
      uses.push({
        feature: 'point-to-site',
        at: pool.at,
        what: `VNet ${vnet.name}'s VPN client pool ${pool.value}`,
        fix: 'remove the VPNClientAddressPool, or judge the plan by a later --era',
        objects,
      });
    }
    const tunnels = gateway.connections.filter((c) => c.type !== EXPRESSROUTE_CONNECTION_TYPE);
    const second = tunnels[1];
    if (second !== undefined) {
      uses.push({
        feature: 'multi-site',
        at: second.at,
        what: `VNet ${vnet.name}'s gateway with ${tunnels.length} site connections`,
        fix: 'keep one site connection per gateway, or judge the plan by a later --era',
        objects,
      });
    }
    for (const connection of gateway.connections) {
      const siteObjects = [...objects, siteObject(connection.site.value)];
      if (connection.type === EXPRESSROUTE_CONNECTION_TYPE) {
        uses.push({
          feature: 'expressroute',
          at: connection.at,
          what: `VNet ${vnet.name}'s connection to ${connection.site.value}`,
          fix: 'use an IPsec site-to-site connection, or judge the plan by a later --era',
          objects: siteObjects,
        });
        continue;
      }
      const peer = findPeerVnet(index, vnetSpaces, connection.site.value, vnet.name);
      if (peer !== undefined) {
        uses.push({
          feature: 'vnet-to-vnet',
          at: connection.at,
          what: `VNet ${vnet.name}'s connection to local site ${connection.site.value} (the address space of VNet ${peer})`,
          fix: 'connect the VNets through an on-premises site instead, or judge the plan by a later --era',
          objects: siteObjects,
        });
      }
    }
  }
  return uses;
}

/**
 * Classic VNet-to-VNet models the peer VNet as a local site holding its address space (azure-classic.md §2.5): the
 * name of another VNet whose space the site overlaps, if any.
 */
function findPeerVnet(index: PlanIndex, vnetSpaces: OverlapLookup<Prefix4Entry>, siteName: string, own: string): string | undefined {
  const site = index.sitesByName.get(siteName);
  for (const prefix of validPrefixes4(site?.prefixes ?? [])) {
    const peer = vnetSpaces.overlapping(prefix.prefix).find((entry) => entry.owner !== own);
    if (peer !== undefined) return peer.owner;
  }
  return undefined;
}
