import { z } from 'zod';
import { defineExpectationKind } from './expectation-kind.js';
import { describeMatch, matchOf, matchesValue } from './value-match.js';

// GatewayProvisioningEventStates of the Service Management API (azure-classic.md §3.3).
export const GATEWAY_STATE = z.enum(['NotProvisioned', 'Provisioning', 'Provisioned', 'Deprovisioning']);

/** `gatewayState: { vnet, is }`: the VNet gateway's provisioning state (NotProvisioned before it is created, as Get-AzureVNetGateway reported). */
export const gatewayStateKind = defineExpectationKind({
  key: 'gatewayState',
  schema: z.strictObject({ vnet: z.string().min(1), is: matchOf(GATEWAY_STATE) }),
  describe: (p) => `gateway ${p.vnet} is ${describeMatch(p.is)}`,
  references: (p) => [{ kind: 'vnet', name: p.vnet, path: ['vnet'] }],
  evaluate: (p, { world }) => {
    const actual = world.gateway.gateways[p.vnet]?.state ?? 'NotProvisioned';
    return { holds: matchesValue(p.is, actual), expected: describeMatch(p.is), actual };
  },
});
