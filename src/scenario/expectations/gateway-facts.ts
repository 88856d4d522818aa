import { z } from 'zod';
import type { GatewayStatus } from '../../sim/index.js';
import { defineExpectationKind } from './expectation-kind.js';
import { GATEWAY_STATE } from './gateway-state.js';
import { addressSchema, referencesOfAddressMatch, resolveAddressMatch } from './named-address.js';
import { describeMatch, matchOf, matchesValue, type ValueMatch } from './value-match.js';

// A gateway that is not provisioned has no type, SKU or public IP; a re-created one gets a new IP ("you can't retain
// the IP address of the original gateway", azure-classic.md §3.1).
const NONE = 'none';

const factFields = {
  is: matchOf(GATEWAY_STATE).optional(),
  type: matchOf(z.enum(['StaticRouting', 'DynamicRouting', NONE])).optional(),
  sku: matchOf(z.enum(['Default', 'HighPerformance', NONE])).optional(),
  publicIp: matchOf(addressSchema([NONE])).optional(),
};

type Facts = { [K in keyof typeof factFields]?: z.output<(typeof factFields)[K]> };

/**
 * `gateway: { vnet, is?, type?, sku?, publicIp? }`: what Get-AzureVNetGateway showed — its provisioning state, its
 * type (StaticRouting / DynamicRouting), its SKU and its public IP (`none` while it has none; `vip:SERVICE` and
 * `gateway:VNET` name an address read when the expectation is checked).
 */
export const gatewayKind = defineExpectationKind({
  key: 'gateway',
  schema: z
    .strictObject({ vnet: z.string().min(1), ...factFields })
    .refine((p) => p.is !== undefined || p.type !== undefined || p.sku !== undefined || p.publicIp !== undefined, {
      error: 'say what to expect: "is" (its state), "type", "sku" and/or "publicIp"',
    }),
  describe: (p) => `gateway ${p.vnet} ${describeFacts(p)}`,
  references: (p) => [
    { kind: 'vnet', name: p.vnet, path: ['vnet'] },
    ...(p.publicIp === undefined ? [] : referencesOfAddressMatch(p.publicIp, 'publicIp')),
  ],
  evaluate: (p, { world }) => {
    const gateway = world.gateway.gateways[p.vnet];
    const actual = factsOf(gateway);
    const publicIp = p.publicIp === undefined ? undefined : resolveAddressMatch(world, p.publicIp);
    if (publicIp?.ok === false) return { holds: false, expected: describeFacts(p), actual: publicIp.reason };
    const holds =
      (p.is === undefined || matchesValue(p.is, actual.is)) &&
      (p.type === undefined || matchesValue(p.type, actual.type)) &&
      (p.sku === undefined || matchesValue(p.sku, actual.sku)) &&
      (publicIp === undefined || matchesValue(publicIp.match, actual.publicIp));
    return { holds, expected: describeFacts({ ...p, publicIp: publicIp?.shown }), actual: describeFacts(actual) };
  },
});

function factsOf(gateway: GatewayStatus | undefined): { is: string; type: string; sku: string; publicIp: string } {
  return {
    is: gateway?.state ?? 'NotProvisioned',
    type: gateway?.gatewayType ?? NONE,
    sku: gateway?.sku ?? NONE,
    publicIp: gateway?.publicIp ?? NONE,
  };
}

function describeFacts(facts: { [K in keyof Facts]?: ValueMatch<string> | undefined }): string {
  const parts: string[] = [];
  if (facts.is !== undefined) parts.push(describeMatch(facts.is));
  if (facts.type !== undefined) parts.push(`type ${describeMatch(facts.type)}`);
  if (facts.sku !== undefined) parts.push(`sku ${describeMatch(facts.sku)}`);
  if (facts.publicIp !== undefined) parts.push(`public IP ${describeMatch(facts.publicIp)}`);
  return parts.join(', ');
}
