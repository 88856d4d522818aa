import type { NetworkPlan } from '../ipam/index.js';
import { findDipHolder, isDipInPool, isReservedDip, parsePoolPrefix } from '../sim/index.js';
import { fail, platformErrors, succeed } from './errors.js';
import { completesAt } from './operations.js';
import { formatStableGuid } from './stable-guid.js';
import type { OperationFunction, QueryFunction } from './state.js';

/** Name of the pattern-A operation of a network configuration upload (used to refuse a concurrent one, NET14). */
export const SET_NETWORK_CONFIGURATION = 'SetNetworkConfiguration';

/**
 * How long an accepted upload stays InProgress in simulated time: the platform's median first terminal poll was 31 s
 * after the request (asm-recorded.md §8, 345 uploads), so an upload is done half a minute later.
 */
export const SET_NETWORK_CONFIGURATION_MS = 30_000;

/** Set Network Configuration: the parsed document and whether it declares nothing at all. */
export interface SetNetworkConfigRequest {
  plan: NetworkPlan;
}

/** Get Network Configuration: the stored document; 404 while there is none (N-CFG404). */
export const getNetworkConfig: QueryFunction<void, NetworkPlan> = (state) =>
  state.network === undefined ? fail(platformErrors.networkConfigNotFound()) : succeed(state.network);

/**
 * Set Network Configuration: 202, then an operation that ends once the engine applied it; 409 while another upload
 * is underway (NET14); an empty document on a subscription with none is a schema error (N-CFGEMPTY), with one it
 * deletes everything (N-CSRG, last PUT). The engine's refusal (objects in use, plan rules) fails the operation.
 */
export const setNetworkConfig: OperationFunction<SetNetworkConfigRequest> = (state, request) => {
  if (state.operations.isRunning(SET_NETWORK_CONFIGURATION, 'compute')) return fail(platformErrors.networkConfigUpdateUnderway());
  const { plan } = request;
  const isEmpty = plan.vnets.length === 0 && plan.localSites.length === 0 && plan.dnsServers.length === 0;
  if (isEmpty && state.network === undefined) return fail(platformErrors.networkConfigSchema());
  return succeed({
    commands: [{ type: 'setNetworkConfig', plan }],
    remember: (s) => {
      s.network = plan;
    },
    operation: { pattern: 'compute', name: SET_NETWORK_CONFIGURATION, rule: completesAt(state.nowMs + SET_NETWORK_CONFIGURATION_MS) },
    refusalFailsOperation: true,
  });
};

/** One subnet as List Virtual Network Sites shows it. */
export interface SubnetView {
  name: string;
  addressPrefix: string;
}

/** One virtual network site as List Virtual Network Sites shows it (asm-recorded.md §2.3). */
export interface VirtualNetworkSiteView {
  name: string;
  id: string;
  affinityGroup: string | undefined;
  location: string | undefined;
  inUse: boolean;
  addressPrefixes: string[];
  subnets: SubnetView[];
  dnsServers: { name: string; address: string }[];
  gateway: { sites: { name: string; addressPrefixes: string[]; vpnGatewayAddress: string | undefined }[]; vpnClientAddressPool: string[] } | undefined;
}

/** List Virtual Network Sites: 200 and an empty list while there is no configuration (N-LIST0). */
export const listVirtualNetworkSites: QueryFunction<void, VirtualNetworkSiteView[]> = (state) => {
  const plan = state.network;
  if (plan === undefined) return succeed([]);
  const dns = new Map(plan.dnsServers.map((d) => [d.name, d.ipAddress.value]));
  const sites = new Map(plan.localSites.map((s) => [s.name, s]));
  return succeed(plan.vnets.map((vnet) => ({
    name: vnet.name,
    id: formatStableGuid(`${state.subscriptionId}/${vnet.name}`),
    affinityGroup: vnet.affinityGroup?.value,
    location: vnet.location?.value,
    inUse: (state.world.vnets[vnet.name]?.instanceCount ?? 0) > 0,
    addressPrefixes: vnet.addressSpace.map((p) => p.value),
    subnets: vnet.subnets.map((s) => ({ name: s.name, addressPrefix: s.addressPrefix.value })),
    dnsServers: vnet.dnsServerRefs.map((ref) => ({ name: ref.value, address: dns.get(ref.value) ?? '' })),
    gateway: vnet.gateway === undefined ? undefined : {
      sites: vnet.gateway.connections.map((c) => {
        const site = sites.get(c.site.value);
        return { name: c.site.value, addressPrefixes: site?.addressSpace.map((p) => p.value) ?? [], vpnGatewayAddress: site?.vpnGatewayAddress?.value };
      }),
      vpnClientAddressPool: vnet.gateway.vpnClientAddressPool.map((p) => p.value),
    },
  })));
};

/** Check static IP availability (GET networking/<vnet>?op=checkavailability&address=). */
export interface AddressAvailability {
  isAvailable: boolean;
  /** Up to five free addresses of the address's subnet, from the first usable host (STAVAIL). */
  availableAddresses: string[];
}

const SUGGESTED_ADDRESSES = 5;

/** Whether an address is free in its VNet, with five free suggestions; outside every subnet is 400 (J-IP). */
export const checkAddressAvailability: QueryFunction<{ vnet: string; address: string }, AddressAvailability> = (state, request) => {
  const vnet = state.world.vnets[request.vnet];
  if (vnet === undefined) return fail(platformErrors.unknownVnet(request.vnet));
  for (const subnet of Object.values(vnet.subnets)) {
    if (!isDipInPool(subnet.prefix, request.address)) continue;
    const pool = parsePoolPrefix(subnet.prefix);
    const isTaken = (ip: string): boolean => isReservedDip(subnet.prefix, ip) || findDipHolder(subnet.allocations, ip) !== undefined
      || ip === formatIpv4(pool.network);
    const available: string[] = [];
    const size = 2 ** (32 - pool.length);
    for (let i = 0; i < size && available.length < SUGGESTED_ADDRESSES; i++) {
      const ip = formatIpv4(pool.network + i);
      if (!isTaken(ip)) available.push(ip);
    }
    return succeed({ isAvailable: !isTaken(request.address), availableAddresses: available });
  }
  return fail(platformErrors.addressOutsideSubnets(request.address));
};

function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}
