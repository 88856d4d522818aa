import { diagnosticAt, type Diagnostic } from '../common/index.js';
import type { NetworkPlan } from '../ipam/index.js';
import type { PlacedReference } from './reference-check.js';
import type { Era } from './network-schema.js';

/** Code of a diagnostic for a regional VNet in a 2012 scenario. */
export const REGIONAL_VNET_ERA_RULE = 'regional-vnet-era';

/**
 * A 2012 scenario plays the affinity-group era: regional VNets (bound to a Location) arrived only in May 2014
 * (azure-classic.md §0, §2.7), so a VNet with `location` there is bad input, reported at that location.
 */
export function checkVnetBindingEra(plan: NetworkPlan, era: Era): Diagnostic[] {
  if (era !== '2012') return [];
  return plan.vnets.flatMap((vnet) =>
    vnet.location === undefined
      ? []
      : [
          diagnosticAt(
            vnet.location.at,
            REGIONAL_VNET_ERA_RULE,
            'error',
            `VNet ${vnet.name} is a regional VNet (location '${vnet.location.value}'), which the platform offered only ` +
              'from May 2014; in a 2012 scenario bind it to an affinity group (affinityGroup:), or set era: 2014',
            [`vnet:${vnet.name}`],
          ),
        ],
  );
}

/** The affinity group each affinity-group VNet names: it must be one the scenario creates, like a service's. */
export function vnetAffinityGroupReferences(plan: NetworkPlan): PlacedReference[] {
  return plan.vnets.flatMap((vnet) =>
    vnet.affinityGroup === undefined
      ? []
      : [{ reference: { kind: 'affinityGroup', name: vnet.affinityGroup.value, path: [] }, at: vnet.affinityGroup.at }],
  );
}
