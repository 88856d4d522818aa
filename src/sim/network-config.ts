import { checkPlan, type NetworkPlan, type PlanLocalSite, type PlanVnet } from '../ipam/index.js';
import { GATEWAY_SUBNET_NAME, listDipHolders, nameDipHolder } from '../vm/index.js';
import type { World } from './world.js';

/**
 * Set Network Configuration as the platform applied it (asm-recorded.md §2.2, azure-classic.md): the new document
 * replaces the old one as a whole. New VNets, subnets and sites appear; a VNet, subnet or site still in use cannot be
 * removed or renumbered, and the whole upload is refused naming each object in use; the address-plan rules run on the
 * new document and any error refuses it. This file decides (pure); the engine applies.
 */

/** Uploads a whole network configuration document (Set-AzureVNetConfig, PUT /services/networking/media). */
export interface SetNetworkConfig {
  type: 'setNetworkConfig';
  /** The new document, already parsed (NetworkConfig.xml or a scenario `network:` section). */
  plan: NetworkPlan;
}

/** Code of a refusal for a document that breaks an address-plan rule. */
export const NETWORK_CONFIG_INVALID = 'network-config-invalid';
/** Code of a refusal for a document that removes or renumbers an object in use. */
export const NETWORK_CONFIG_IN_USE = 'network-config-in-use';
/** Code of a refusal for a VNet bound to an affinity group that does not exist. */
export const NETWORK_CONFIG_UNKNOWN_AFFINITY_GROUP = 'network-config-unknown-affinity-group';

/** What the engine must do to move from the current world to the new document. */
export interface NetworkConfigChange {
  /** Sites new or with changed prefixes or device address (re-applied to their tunnels). */
  definedSites: PlanLocalSite[];
  removedSites: string[];
  /** VNets new or changed (re-defined; in-use ones only in ways that keep their in-use parts). */
  definedVnets: PlanVnet[];
  removedVnets: string[];
}

/** The refusal of a document: a stable code, one message naming every problem, the objects involved. */
export interface NetworkConfigRefusal {
  code: string;
  message: string;
  objects: string[];
}

/** Decides a setNetworkConfig against the world: the change to apply, or why the whole document is refused. */
export function decideNetworkConfig(world: World, plan: NetworkPlan): { ok: true; change: NetworkConfigChange } | { ok: false; refusal: NetworkConfigRefusal } {
  const errors = checkPlan(plan, { era: world.era }).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return { ok: false, refusal: { code: NETWORK_CONFIG_INVALID, message: errors.map((d) => d.message).join(' '), objects: errors.flatMap((d) => d.objects) } };
  }
  const unknownGroups = plan.vnets.filter((v) => v.affinityGroup !== undefined && world.affinityGroups[v.affinityGroup.value] === undefined);
  if (unknownGroups.length > 0) {
    const message = unknownGroups.map((v) => `The affinity group ${v.affinityGroup?.value} of virtual network ${v.name} does not exist; create it first.`).join(' ');
    return { ok: false, refusal: { code: NETWORK_CONFIG_UNKNOWN_AFFINITY_GROUP, message, objects: unknownGroups.map((v) => `vnet:${v.name}`) } };
  }
  const problems: string[] = [];
  const objects: string[] = [];
  const newVnets = new Map(plan.vnets.map((v) => [v.name, v]));
  for (const vnet of Object.values(world.vnets)) {
    const users = findVnetUsers(world, vnet.name);
    if (users.length === 0) continue;
    const next = newVnets.get(vnet.name);
    const reason = next === undefined ? 'removed' : isRenumbered(vnet.addressSpace, next.addressSpace.map((p) => p.value))
      || (vnet.affinityGroup ?? undefined) !== next.affinityGroup?.value || (vnet.region ?? undefined) !== next.location?.value ? 'changed' : undefined;
    if (reason !== undefined) {
      problems.push(`The virtual network ${vnet.name} is in use by ${users.join(', ')} and cannot be ${reason}.`);
      objects.push(`vnet:${vnet.name}`);
      continue;
    }
    for (const subnet of Object.values(vnet.subnets)) {
      const subnetUsers = findSubnetUsers(world, vnet.name, subnet.name);
      if (subnetUsers.length === 0) continue;
      const kept = next?.subnets.find((s) => s.name === subnet.name);
      if (kept !== undefined && kept.addressPrefix.value === subnet.prefix) continue;
      problems.push(`The subnet ${subnet.name} of virtual network ${vnet.name} is in use by ${subnetUsers.join(', ')} and cannot be ${kept === undefined ? 'removed' : 'renumbered'}.`);
      objects.push(`subnet:${vnet.name}/${subnet.name}`);
    }
  }
  const newSites = new Set(plan.localSites.map((s) => s.name));
  for (const site of Object.keys(world.localSites)) {
    if (newSites.has(site)) continue;
    const connected = findSiteConnections(world, site);
    if (connected.length === 0) continue;
    problems.push(`The local network site ${site} is in use by the gateway connection of ${connected.map((v) => `virtual network ${v}`).join(', ')} and cannot be removed.`);
    objects.push(`site:${site}`);
  }
  if (problems.length > 0) return { ok: false, refusal: { code: NETWORK_CONFIG_IN_USE, message: problems.join(' '), objects } };
  return { ok: true, change: describeChange(world, plan) };
}

function describeChange(world: World, plan: NetworkPlan): NetworkConfigChange {
  const definedSites = plan.localSites.filter((site) => {
    const known = world.localSites[site.name];
    return known === undefined || isRenumbered(known.addressPrefixes, site.addressSpace.map((p) => p.value))
      || (known.vpnGatewayAddress ?? undefined) !== site.vpnGatewayAddress?.value;
  });
  const definedVnets = plan.vnets.filter((vnet) => {
    const known = world.vnets[vnet.name];
    if (known === undefined) return true;
    const subnets = Object.values(known.subnets).map((s) => `${s.name}=${s.prefix}`);
    return isRenumbered(known.addressSpace, vnet.addressSpace.map((p) => p.value))
      || isRenumbered(subnets, vnet.subnets.map((s) => `${s.name}=${s.addressPrefix.value}`))
      || isRenumbered(known.gatewaySites, vnet.gateway?.connections.map((c) => c.site.value) ?? [], true)
      || (known.affinityGroup ?? undefined) !== vnet.affinityGroup?.value || (known.region ?? undefined) !== vnet.location?.value;
  });
  const planVnets = new Set(plan.vnets.map((v) => v.name));
  const planSites = new Set(plan.localSites.map((s) => s.name));
  return {
    definedSites,
    removedSites: Object.keys(world.localSites).filter((s) => !planSites.has(s)),
    definedVnets,
    removedVnets: Object.keys(world.vnets).filter((v) => !planVnets.has(v)),
  };
}

/** Whether a VNet's gateway exists or is being created or deleted. */
export function hasGateway(world: World, vnet: string): boolean {
  const state = world.gateway.gateways[vnet]?.state;
  return state !== undefined && state !== 'NotProvisioned';
}

/** Names what keeps a VNet in use: its VMs and role instances' deployments, and its gateway. */
export function findVnetUsers(world: World, vnet: string): string[] {
  const users = Object.values(world.services).flatMap((service) =>
    [service.deployments.production, service.deployments.staging]
      .filter((d) => d !== null && d.vnet === vnet)
      .map((d) => `deployment ${service.name}/${d?.name ?? ''}`));
  if (hasGateway(world, vnet)) users.push(`its gateway`);
  return users;
}

function findSubnetUsers(world: World, vnet: string, subnet: string): string[] {
  const users = [...world.vms.inCreationOrder].filter((vm) => vm.vnet === vnet && vm.subnet === subnet).map((vm) => `VM ${vm.service}/${vm.name}`);
  const pool = world.vnets[vnet]?.subnets[subnet]?.allocations;
  for (const [, holder] of pool === undefined ? [] : listDipHolders(pool)) {
    const owner = nameDipHolder(holder);
    if (!users.some((u) => u.endsWith(owner))) users.push(`role instance ${owner}`);
  }
  if (subnet === GATEWAY_SUBNET_NAME && hasGateway(world, vnet)) users.push('the gateway');
  return users;
}

function findSiteConnections(world: World, site: string): string[] {
  return Object.values(world.vnets).filter((v) => v.gatewaySites.includes(site) && hasGateway(world, v.name)).map((v) => v.name);
}

// Order matters for gateway connections (tunnels are configured in declared order), not for prefixes or subnets.
function isRenumbered(before: readonly string[], after: readonly string[], ordered = false): boolean {
  if (before.length !== after.length) return true;
  if (ordered) return before.some((value, i) => value !== after[i]);
  const set = new Set(before);
  return after.some((value) => !set.has(value));
}
