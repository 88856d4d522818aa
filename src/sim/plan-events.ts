import type { NetworkPlan, PlanVnet } from '../ipam/index.js';
import { makeEvent, type ComputeEventBody, type ComputeEventOf } from '../vm/index.js';
import { makeEngineEvent, type EngineEventBody } from './events.js';

/**
 * The t=0 events that put a network plan into the log, so the log alone describes the world: one `vnet.defined` per
 * virtual network (bound to its affinity group, or to its region for a regional VNet) and one `localSite.defined`
 * per local network site.
 */
export function describePlanEvents(plan: NetworkPlan): (ComputeEventBody | EngineEventBody)[] {
  const events: (ComputeEventBody | EngineEventBody)[] = [];
  for (const site of plan.localSites) {
    events.push(makeEngineEvent('localSite.defined', {
      site: site.name,
      addressPrefixes: site.addressSpace.map((p) => p.value),
      ...(site.vpnGatewayAddress === undefined ? {} : { vpnGatewayAddress: site.vpnGatewayAddress.value }),
    }));
  }
  for (const vnet of plan.vnets) events.push(describeVnetEvent(vnet, vnet.gateway?.connections.map((c) => c.site.value)));
  return events;
}

/** The `vnet.defined` of one plan VNet; `gatewaySites` (its ConnectionsToLocalNetwork) only when given. */
export function describeVnetEvent(vnet: PlanVnet, gatewaySites: readonly string[] | undefined): ComputeEventOf<'vnet.defined'> {
  const binding = vnet.affinityGroup !== undefined ? { affinityGroup: vnet.affinityGroup.value } : vnet.location !== undefined ? { region: vnet.location.value } : {};
  return makeEvent('vnet.defined', {
    vnet: vnet.name,
    ...binding,
    addressSpace: vnet.addressSpace.map((p) => p.value),
    subnets: vnet.subnets.map((s) => ({ name: s.name, prefix: s.addressPrefix.value })),
    ...(gatewaySites === undefined ? {} : { gatewaySites: [...gatewaySites] }),
  });
}
