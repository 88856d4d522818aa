import { containsAddress4, type Prefix4 } from '../ipam/index.js';
import type { TopoLocalSite, TopoVnet } from './model.js';
import type { RouteLeg } from './route-table.js';
import type { TopologyIndex } from './topology-index.js';

export type { RouteLeg } from './route-table.js';

/** Where a gateway walk stopped. */
export type RouteEnd =
  | { kind: 'vnet'; vnet: TopoVnet }
  | { kind: 'site'; site: TopoLocalSite }
  | { kind: 'no-route'; vnet: TopoVnet }
  | { kind: 'loop'; vnet: TopoVnet };

/** The legs a packet takes through gateways and where it ends up. */
export interface GatewayRoute {
  legs: RouteLeg[];
  end: RouteEnd;
}

/** True when any prefix of the list holds the address. */
export function isInPrefixes(prefixes: readonly Prefix4[], address: number): boolean {
  for (const p of prefixes) if (containsAddress4(p, address)) return true;
  return false;
}

/**
 * Follows the prefix rule from `start` toward `address`, ignoring states (this is the intended path; states become
 * blockers later). A classic gateway sends traffic into the tunnel of the first connected-or-not local site whose
 * address space holds the destination (azure-classic.md §3.1: the site's prefixes are the tunnel's selectors); a
 * site that is another VNet's gateway continues the walk there, which is how VNet-to-VNet and transit work. The walk
 * stops on reaching `target`, a plain on-premises site, a VNet whose own space holds the address, a VNet whose
 * gateway carries no matching site, or a VNet already visited.
 */
export function traceGatewayRoute(
  index: TopologyIndex,
  start: TopoVnet,
  address: number,
  target: TopoVnet | undefined,
): GatewayRoute {
  const legs: RouteLeg[] = [];
  let at = start;
  for (;;) {
    const leg = index.routes.findLeg(at, address);
    if (leg === undefined) return { legs, end: { kind: 'no-route', vnet: at } };
    legs.push(leg);
    const next = leg.nextVnet;
    if (next === undefined) return { legs, end: { kind: 'site', site: leg.site } };
    if (next === target) return { legs, end: { kind: 'vnet', vnet: next } };
    if (hasVisited(start, legs, next)) return { legs, end: { kind: 'loop', vnet: next } };
    if (target === undefined && isInPrefixes(next.addressSpace, address)) return { legs, end: { kind: 'vnet', vnet: next } };
    at = next;
  }
}

/** The VNets a walk crossed are its start and each leg's VNet; walks are a few legs long, so a scan beats a Set per walk. */
function hasVisited(start: TopoVnet, legs: readonly RouteLeg[], vnet: TopoVnet): boolean {
  if (vnet === start) return true;
  for (const leg of legs) if (leg.vnet === vnet) return true;
  return false;
}
