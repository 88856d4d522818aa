import { parseIPv4 } from '../ipam/index.js';
import { buildTopologyIndex, type TopologyIndex, type TopoVm } from '../topology/index.js';
import { findDipHolderAt, findVm, type CloudService, type DipHolder, type DipPool, type Vm } from '../vm/index.js';
import { readTopoNetwork, readTopoRoleInstances, readTopoService, readTopoVm } from './topology-view.js';
import type { World } from './world.js';

/** An address end as a reach question writes it: a dotted quad, alone or as VIP:port. */
const ADDRESS_END_PATTERN = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?$/;

/**
 * The index of the part of a world one reach question between `ends` reads, looked up directly instead of reading
 * every VM: the networks whole (a few thousand records at the largest); of the VMs (PaaS role instances alike) only
 * those an end can name — the VM of `service:vm` or `service/vm`, every VM of a bare name, every owner of a DIP in
 * its VNet's subnets or its deployment's fabric range, every VM behind a VIP; and their services, with every service
 * holding an address an end names as its VIP. Each list a question reads is then the whole world's list, in the
 * world's order within a service, so an answer found here is the whole index's answer. Where the ends name nothing
 * here, the whole index says why (with its suggestions).
 */
export function toPairTopologyIndex(world: World, ends: readonly string[]): TopologyIndex {
  const picked = new PickedVms(world);
  for (const end of ends) pickNamedBy(world, end.trim(), picked);
  const services = Object.values(world.services).filter((service) => picked.services.has(service.name));
  return buildTopologyIndex({
    ...readTopoNetwork(world),
    services: services.map(readTopoService),
    vms: picked.read(services),
  }, { ownsModel: true });
}

/** The VMs and services with role instances an end may name, read into the model in the world's order. */
class PickedVms {
  /** The services the model shows: those of the picked VMs and instances, and those whose VIP an end names. */
  readonly services = new Set<string>();
  private readonly vms = new Set<Vm>();
  private readonly instanceServices = new Set<string>();

  constructor(private readonly world: World) {}

  addVm(vm: Vm | undefined): void {
    if (vm === undefined) return;
    this.vms.add(vm);
    this.services.add(vm.service);
  }

  /** Every role instance of the service goes in: they are few, and one may be named by its DIP or name. */
  addInstancesOf(service: string): void {
    this.instanceServices.add(service);
    this.services.add(service);
  }

  /**
   * The model's VMs: the picked VMs by service, each service's in creation order (its deployment's list, the order
   * the world files them in), then role instances, as the whole model lists them after every VM.
   */
  read(services: readonly CloudService[]): TopoVm[] {
    const read: TopoVm[] = [];
    const byService = new Map<string, Set<string>>();
    for (const vm of this.vms) {
      const names = byService.get(vm.service);
      if (names === undefined) byService.set(vm.service, new Set([vm.name]));
      else names.add(vm.name);
    }
    for (const [service, names] of byService) {
      for (const name of this.world.services[service]?.deployments.production?.vms ?? []) {
        const vm = names.has(name) ? findVm(this.world, service, name) : undefined;
        if (vm !== undefined) read.push(readTopoVm(vm));
      }
    }
    for (const service of services) if (this.instanceServices.has(service.name)) read.push(...readTopoRoleInstances(service));
    return read;
  }
}

/** Picks what one end may name, under every reading reach could give it (picking more than it reads changes nothing). */
function pickNamedBy(world: World, end: string, picked: PickedVms): void {
  const address = ADDRESS_END_PATTERN.exec(end)?.[1];
  const parsed = address === undefined ? undefined : parseIPv4(address);
  if (parsed?.ok === true) {
    pickAddressOwners(world, parsed.value, picked);
    return;
  }
  const colon = end.indexOf(':');
  const separator = colon >= 0 ? colon : end.indexOf('/');
  if (separator >= 0) {
    const service = end.slice(0, separator);
    picked.addVm(findVm(world, service, end.slice(separator + 1)));
    picked.addInstancesOf(service);
  }
  // A bare name may be any service's VM.
  for (const service of Object.values(world.services)) {
    picked.addVm(findVm(world, service.name, end));
    if (hasInstanceNamed(service, end)) picked.addInstancesOf(service.name);
  }
}

/** Every VM and role instance holding the address as its DIP, and every VM behind it as a service's VIP. */
function pickAddressOwners(world: World, address: number, picked: PickedVms): void {
  const pickOwner = (pool: DipPool | undefined): void => {
    const holder: DipHolder | undefined = pool === undefined ? undefined : findDipHolderAt(pool, address);
    if (holder === undefined) return;
    // A VM holds its DIP as itself; a role instance or load balancer as its owner name, `service/…`.
    const vm = typeof holder === 'string' ? undefined : findVm(world, holder.service, holder.name);
    if (vm !== undefined) picked.addVm(vm);
    else picked.addInstancesOf(typeof holder === 'string' ? holder.slice(0, holder.indexOf('/')) : holder.service);
  };
  for (const vnet of Object.values(world.vnets)) {
    for (const subnet of Object.values(vnet.subnets)) pickOwner(subnet.allocations);
  }
  for (const service of Object.values(world.services)) {
    pickOwner(service.deployments.production?.fabricAllocations);
    pickOwner(service.deployments.staging?.fabricAllocations);
    const vip = service.vips.production === null ? undefined : parseIPv4(service.vips.production);
    if (vip?.ok === true && vip.value === address) {
      for (const name of service.deployments.production?.vms ?? []) picked.addVm(findVm(world, service.name, name));
      picked.addInstancesOf(service.name);
    }
  }
}

function hasInstanceNamed(service: CloudService, name: string): boolean {
  for (const deployment of [service.deployments.production, service.deployments.staging]) {
    if (deployment === null || deployment.kind !== 'PaaS') continue;
    for (const role of Object.values(deployment.roles)) if (role.instances.some((instance) => instance.name === name)) return true;
  }
  return false;
}
