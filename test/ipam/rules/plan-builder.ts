import type { Located, NetworkPlan, PlanDnsServer, PlanLocalSite, PlanVnet } from '../../../src/ipam/index.js';

/** Test helper: builds NetworkPlans tersely; every value gets the next line of a fake file, in writing order. */
export const PLAN_FILE = 'plan.yaml';

let nextLine = 1;

function at() {
  return { file: PLAN_FILE, line: nextLine++, column: 3 };
}

function located(value: string): Located {
  return { value, at: at() };
}

/** Restarts line numbering (each test's plan starts at line 1). */
export function resetLines(): void {
  nextLine = 1;
}

/** A DNS server declaration. */
export function dns(name: string, ipAddress: string): PlanDnsServer {
  return { name, at: at(), ipAddress: located(ipAddress) };
}

/** A local network site. */
export function site(name: string, addressSpace: string[], vpnGatewayAddress?: string): PlanLocalSite {
  return {
    name,
    at: at(),
    addressSpace: addressSpace.map(located),
    vpnGatewayAddress: vpnGatewayAddress === undefined ? undefined : located(vpnGatewayAddress),
  };
}

/** Options of a VNet built for a test. */
export interface VnetSpec {
  /** null: neither a location nor an affinity group. */
  location?: string | null;
  affinityGroup?: string;
  space: string[];
  subnets?: Record<string, string> | Array<[string, string]>;
  dnsRefs?: string[];
  connections?: string[];
  pool?: string[];
}

/** A virtual network; `location` defaults to West US unless an affinity group is given or it is null. */
export function vnet(name: string, spec: VnetSpec): PlanVnet {
  const vnetAt = at();
  const location =
    spec.location === null
      ? undefined
      : spec.location !== undefined
        ? located(spec.location)
        : spec.affinityGroup === undefined
          ? located('West US')
          : undefined;
  const affinityGroup = spec.affinityGroup === undefined ? undefined : located(spec.affinityGroup);
  const addressSpace = spec.space.map(located);
  const subnetPairs = Array.isArray(spec.subnets) ? spec.subnets : Object.entries(spec.subnets ?? {});
  const subnets = subnetPairs.map(([subnetName, prefix]) => ({ name: subnetName, at: at(), addressPrefix: located(prefix) }));
  const dnsServerRefs = (spec.dnsRefs ?? []).map(located);
  const gateway =
    spec.connections === undefined && spec.pool === undefined
      ? undefined
      : {
          at: at(),
          connections: (spec.connections ?? []).map((s) => ({ site: located(s), type: 'IPsec', at: at() })),
          vpnClientAddressPool: (spec.pool ?? []).map(located),
        };
  return { name, at: vnetAt, location, affinityGroup, addressSpace, subnets, dnsServerRefs, gateway };
}

/** A plan from parts. */
export function plan(parts: { vnets?: PlanVnet[]; sites?: PlanLocalSite[]; dns?: PlanDnsServer[] }): NetworkPlan {
  return { file: PLAN_FILE, vnets: parts.vnets ?? [], localSites: parts.sites ?? [], dnsServers: parts.dns ?? [] };
}
