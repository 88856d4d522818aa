import type { NetworkPlan } from '../ipam/index.js';
import type { PlacedReference } from './reference-check.js';

/** The affinity group each affinity-group VNet names: it must be one the scenario creates, like a service's. */
export function vnetAffinityGroupReferences(plan: NetworkPlan): PlacedReference[] {
  return plan.vnets.flatMap((vnet) =>
    vnet.affinityGroup === undefined
      ? []
      : [{ reference: { kind: 'affinityGroup', name: vnet.affinityGroup.value, path: [] }, at: vnet.affinityGroup.at }],
  );
}
