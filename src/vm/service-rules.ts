import type { CreateAffinityGroup, CreateService, DeleteAffinityGroup, DeleteService, VmSize } from './commands.js';
import { accept, reject, type Decision } from './context.js';
import { makeEvent } from './events.js';
import type { CloudService, ComputeWorld, ServiceKind, Vnet } from './model.js';
import { refuse, type Refusal } from './refusal.js';
import { listDeployedSizes, sizeMixOf } from './size-mix.js';
import { isComputeIntensiveSize } from './sizes.js';

/**
 * Affinity groups, cloud services and where a service may go. A service is "androgynous" until its first
 * deployment makes it IaaS or PaaS, and the two never mix (Mackenzie 2012, compute-lifecycle.md §2.1).
 */

/** DNS name of a cloud service: `<name>.cloudapp.net` (compute-lifecycle.md §2.1). */
export function formatServiceDnsName(service: string): string {
  return `${service}.cloudapp.net`;
}

/** Decides New-AzureAffinityGroup. */
export function decideCreateAffinityGroup(world: ComputeWorld, c: CreateAffinityGroup): Decision {
  if (world.affinityGroups[c.name] !== undefined) {
    return reject(refuse('affinity-group-exists', `Affinity group '${c.name}' already exists; pick another name.`, [`affinityGroup:${c.name}`]));
  }
  return accept([makeEvent('affinityGroup.created', { affinityGroup: c.name, region: c.region })]);
}

/** Decides Remove-AzureAffinityGroup: only a group no cloud service and no VNet is placed in can go. */
export function decideDeleteAffinityGroup(world: ComputeWorld, c: DeleteAffinityGroup): Decision {
  const objects = [`affinityGroup:${c.name}`];
  if (world.affinityGroups[c.name] === undefined) return reject(refuse('unknown-affinity-group', `There is no affinity group '${c.name}'.`, objects));
  const users = [
    ...Object.values(world.services).filter((s) => s.affinityGroup === c.name).map((s) => `cloud service ${s.name}`),
    ...Object.values(world.vnets).filter((v) => v.affinityGroup === c.name).map((v) => `virtual network ${v.name}`),
  ];
  if (users.length > 0) {
    return reject(refuse('affinity-group-in-use', `Affinity group '${c.name}' holds ${users.join(', ')}; delete them before the group.`, objects));
  }
  return accept([makeEvent('affinityGroup.deleted', { affinityGroup: c.name })]);
}

/** Decides New-AzureService: exactly one of affinity group or region, and a DNS name nobody holds. */
export function decideCreateService(world: ComputeWorld, c: CreateService): Decision {
  const objects = [`service:${c.name}`];
  if (world.services[c.name] !== undefined) {
    return reject(refuse('service-exists', `The DNS name '${formatServiceDnsName(c.name)}' is already taken by cloud service '${c.name}'; pick another service name.`, objects));
  }
  if (c.affinityGroup !== undefined && c.region !== undefined) {
    return reject(refuse('service-location-ambiguous', `Cloud service '${c.name}' names both affinity group '${c.affinityGroup}' and region '${c.region}'; give only one (-AffinityGroup or -Location).`, objects));
  }
  if (c.affinityGroup !== undefined) {
    const group = world.affinityGroups[c.affinityGroup];
    if (group === undefined) {
      return reject(refuse('unknown-affinity-group', `Cloud service '${c.name}' names affinity group '${c.affinityGroup}', which does not exist; create it first (New-AzureAffinityGroup).`, [...objects, `affinityGroup:${c.affinityGroup}`]));
    }
    return accept([makeEvent('service.created', { service: c.name, dnsName: formatServiceDnsName(c.name), affinityGroup: group.name, region: group.region })]);
  }
  if (c.region === undefined) {
    return reject(refuse('service-location-required', `Cloud service '${c.name}' needs a place: give an affinity group or a region (-AffinityGroup or -Location).`, objects));
  }
  return accept([makeEvent('service.created', { service: c.name, dnsName: formatServiceDnsName(c.name), region: c.region })]);
}

/** Decides Remove-AzureService: only an empty service can go. */
export function decideDeleteService(world: ComputeWorld, c: DeleteService): Decision {
  const found = lookUpService(world, c.name);
  if ('code' in found) return reject(found);
  if (found.deployments.production !== null || found.deployments.staging !== null) {
    return reject(refuse('service-has-deployments', `Cloud service '${c.name}' still has a deployment; delete its VMs or deployments first (Remove-AzureDeployment).`, [`service:${c.name}`]));
  }
  return accept([makeEvent('service.deleted', { service: c.name })]);
}

/** Finds a service or explains that it does not exist. */
export function lookUpService(world: ComputeWorld, name: string): CloudService | Refusal {
  return world.services[name] ?? refuse('unknown-service', `Cloud service '${name}' does not exist; create it first (New-AzureService).`, [`service:${name}`]);
}

/** Refuses putting a deployment of `kind` into a service that already became the other kind. */
export function checkServiceKind(service: CloudService, kind: ServiceKind): Refusal | undefined {
  if (service.kind === null || service.kind === kind) return undefined;
  const what = kind === 'IaaS' ? 'a virtual machine' : 'a web/worker role deployment';
  const has = service.kind === 'IaaS' ? 'virtual machines (IaaS: persistent disks)' : 'web/worker roles (PaaS: stateless instances)';
  return refuse('service-kind-mismatch', `Cloud service '${service.name}' already runs ${has}; ${what} cannot join it because IaaS and PaaS never mix in one cloud service. Use another cloud service.`, [`service:${service.name}`]);
}

/** Checks that a service may join a VNet: the VNet exists and the service sits in its affinity group or region. */
export function checkVnetPlacement(world: ComputeWorld, service: CloudService, vnetName: string): Vnet | Refusal {
  const vnet = world.vnets[vnetName];
  const objects = [`service:${service.name}`, `vnet:${vnetName}`];
  if (vnet === undefined) {
    return refuse('unknown-vnet', `Virtual network '${vnetName}' is not in the network configuration; define it there (Set-AzureVNetConfig) or fix the name.`, objects);
  }
  const where = service.affinityGroup === null ? `region '${service.region}'` : `affinity group '${service.affinityGroup}'`;
  if (vnet.affinityGroup !== null && service.affinityGroup !== vnet.affinityGroup) {
    return refuse('service-not-in-vnet-affinity-group', `Cloud service '${service.name}' is in ${where}, but virtual network '${vnetName}' is bound to affinity group '${vnet.affinityGroup}'; create the service in that affinity group (New-AzureService -AffinityGroup ${vnet.affinityGroup}) — a service cannot move into a VNet later.`, objects);
  }
  if (vnet.region !== null && service.region !== vnet.region) {
    return refuse('service-not-in-vnet-region', `Cloud service '${service.name}' is in ${where}, but regional virtual network '${vnetName}' is in '${vnet.region}'; create the service in that region.`, objects);
  }
  return vnet;
}

/**
 * Refuses mixing A8/A9 with other sizes in one affinity group: they live in separate RDMA stamps and the platform
 * answers Compute.OverconstrainedAllocationRequest (azure-content A8–A11 specs, compute-lifecycle.md §4.2).
 */
export function checkSizeIsolation(world: ComputeWorld, service: CloudService, size: VmSize): Refusal | undefined {
  if (service.affinityGroup === null) return undefined;
  const wantsIntensive = isComputeIntensiveSize(size);
  const mix = sizeMixOf(world, service.affinityGroup);
  if ((wantsIntensive ? mix.other : mix.intensive) === 0) return undefined;
  // A clash: find the first one in service order, as the refusal names it.
  for (const name in world.services) {
    const other = world.services[name]!;
    if (other.affinityGroup !== service.affinityGroup) continue;
    for (const otherSize of listDeployedSizes(world, other)) {
      if (isComputeIntensiveSize(otherSize) !== wantsIntensive) {
        return refuse('size-a8-a9-isolation', `The VM size (or combination of VM sizes) required by this deployment cannot be provisioned due to deployment request constraints: size ${size} cannot share affinity group '${service.affinityGroup}' with ${otherSize} (cloud service '${other.name}'); A8/A9 need an affinity group of their own, or a regional placement.`, [...new Set([`service:${service.name}`, `affinityGroup:${service.affinityGroup}`, `service:${other.name}`])]);
      }
    }
  }
  return undefined;
}

/** Name of the subnet that only gateways may use (VPN FAQ: nothing else may be deployed into it). */
export const GATEWAY_SUBNET_NAME = 'GatewaySubnet';

/** True when a VM or role may go into `subnet` of `vnet`: it names one, it exists, and it is not the gateway's. */
export function isSubnetChoiceValid(vnet: Vnet, subnet: string | undefined): subnet is string {
  return subnet !== undefined && subnet !== GATEWAY_SUBNET_NAME && vnet.subnets[subnet] !== undefined;
}

/** Checks the subnet a VM or role asks for inside its VNet. */
export function checkSubnetChoice(vnet: Vnet, subnet: string | undefined, owner: string): Refusal | undefined {
  return isSubnetChoiceValid(vnet, subnet) ? undefined : refuseSubnetChoice(vnet, subnet, owner);
}

/** Why `subnet` of `vnet` cannot take a VM or role (the choice failed {@link isSubnetChoiceValid}), listing the choices. */
export function refuseSubnetChoice(vnet: Vnet, subnet: string | undefined, owner: string): Refusal {
  const names = Object.keys(vnet.subnets).filter((n) => n !== GATEWAY_SUBNET_NAME).map((n) => `'${n}'`);
  if (subnet === undefined) {
    return refuse('subnet-required', `${owner} joins virtual network '${vnet.name}' but names no subnet; pick one of ${names.join(', ') || '(none defined)'} (Set-AzureSubnet).`, [`vnet:${vnet.name}`]);
  }
  if (subnet === GATEWAY_SUBNET_NAME) {
    return refuse('gateway-subnet-reserved', `${owner} cannot be placed in '${GATEWAY_SUBNET_NAME}' of '${vnet.name}': that subnet is reserved for the VPN gateway; pick one of ${names.join(', ')}.`, [`subnet:${vnet.name}/${subnet}`]);
  }
  return refuse('unknown-subnet', `Virtual network '${vnet.name}' has no subnet '${subnet}'; pick one of ${names.join(', ')}.`, [`subnet:${vnet.name}/${subnet}`]);
}
