import type { SourceRef } from '../common/index.js';
import { parseIPv4, scanIPv4 } from '../ipam/index.js';
import { keyOfVm, NO_DIP, type TopoVm, type VmSource } from '../topology/index.js';
import { findVm, vmKey, type CloudService, type Deployment, type DeploymentStatus, type Vm } from '../vm/index.js';
import { EndpointReader } from './topology-endpoints.js';
import type { TopologySourceLookup } from './topology-view.js';
import type { World } from './world.js';

// A PaaS role instance answers while its deployment runs; the fabric reports the deployment, not each instance.
const INSTANCE_STATE_BY_DEPLOYMENT: Record<DeploymentStatus, string> = {
  Running: 'ReadyRole',
  Deploying: 'Provisioning',
  Suspended: 'StoppedVM',
};

/**
 * A world's VMs (then its PaaS role instances) as the reachability model shows them, read from the world's own
 * records: whole, one by one, or through one passing view per VM (see VmSource), which is how a matrix classes a
 * large world without a model VM per VM. The world must not change while an index reads from it.
 */
export class WorldVms implements VmSource {
  readonly keys: string[];
  /** The world's VMs in creation order, in step with the first `vmCount` keys. */
  private readonly vms: Vm[] = [];
  private readonly endpoints = new EndpointReader();
  private readonly instances = new Map<string, TopoVm>();
  /** How many of the keys are the world's VMs (the role instances' follow). */
  private readonly vmCount: number;

  constructor(private readonly world: World, private readonly findSource: TopologySourceLookup | undefined) {
    // The world files its VMs by service and name, with no key string: the index's keys are composed once, here.
    this.keys = [];
    for (const vm of world.vms.inCreationOrder) {
      this.vms.push(vm);
      this.keys.push(vmKey(vm.service, vm.name));
    }
    this.vmCount = this.keys.length;
    for (const service of Object.values(world.services)) {
      for (const instance of readRoleInstances(service, findSource)) {
        const key = keyOfVm(instance);
        this.keys.push(key);
        this.instances.set(key, instance);
      }
    }
  }

  read(key: string): TopoVm | undefined {
    const vm = this.findWorldVm(key);
    return vm === undefined ? this.instances.get(key) : readVm(vm, this.endpoints, this.findSource);
  }

  /** The world's VM of a `service/name` key: tried at each slash, since neither name is barred from holding one. */
  private findWorldVm(key: string): Vm | undefined {
    for (let slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
      const vm = findVm(this.world, key.slice(0, slash), key.slice(slash + 1));
      if (vm !== undefined) return vm;
    }
    return undefined;
  }

  keysNamed(name: string): string[] {
    const named: string[] = [];
    for (let i = 0; i < this.keys.length; i++) {
      const vm = i < this.vmCount ? this.vms[i] : this.instances.get(this.keys[i]!);
      if (vm?.name === name) named.push(this.keys[i]!);
    }
    return named;
  }

  readAll(): TopoVm[] {
    const read: TopoVm[] = [];
    for (let i = 0; i < this.keys.length; i++) {
      read.push(i < this.vmCount ? readVm(this.vms[i]!, this.endpoints, this.findSource) : this.instances.get(this.keys[i]!)!);
    }
    return read;
  }

  forEachView(visit: (view: TopoVm, key: string) => void): void {
    const { vms } = this;
    const view: TopoVm = { service: '', name: '', dip: NO_DIP, state: '', subnet: undefined, endpoints: [] };
    for (let i = 0; i < this.vmCount; i++) {
      const key = this.keys[i]!;
      const vm = vms[i]!;
      view.service = vm.service;
      view.name = vm.name;
      view.dip = readDip(vm.dip);
      view.state = vm.state;
      view.subnet = vm.subnet ?? undefined;
      view.endpoints = this.endpoints.view(vm);
      visit(view, key);
    }
    for (let i = this.vmCount; i < this.keys.length; i++) visit(this.instances.get(this.keys[i]!)!, this.keys[i]!);
  }
}

/** One VM as the model shows it, without source positions. */
export function readTopoVm(vm: Vm): TopoVm {
  return readVm(vm, new EndpointReader(), undefined);
}

function readVm(vm: Vm, endpoints: EndpointReader, findSource: TopologySourceLookup | undefined): TopoVm {
  const read: TopoVm = {
    service: vm.service,
    name: vm.name,
    dip: readDip(vm.dip),
    state: vm.state,
    subnet: vm.subnet ?? undefined,
    endpoints: endpoints.readAll(vm, findSource),
  };
  // Positions are looked up only when asked for: composing every VM's key costs a string each at full size.
  return findSource === undefined ? read : withSource(read, findSource('vm', `${vm.service}/${vm.name}`));
}

/** A DIP as a number: the fast scan reads the world's own dotted text, the full parser only what the scan refused. */
function readDip(text: string | null): number {
  if (text === null) return NO_DIP;
  const scanned = scanIPv4(text, 0, text.length);
  return scanned >= 0 ? scanned : parseAddress(text) ?? NO_DIP;
}

/** A service's PaaS role instances as the model shows them (after every VM), without source positions. */
export function readTopoRoleInstances(service: CloudService): TopoVm[] {
  return readRoleInstances(service, undefined);
}

/** PaaS role instances reach and are reached like VMs: over their DIP in the service, or the role's public endpoints. */
function readRoleInstances(service: CloudService, findSource: TopologySourceLookup | undefined): TopoVm[] {
  const deployment = deploymentOf(service);
  if (deployment === null || deployment.kind !== 'PaaS') return [];
  const source = findSource?.('service', service.name);
  return Object.values(deployment.roles).flatMap((role) => role.instances.map((instance): TopoVm => withSource({
    service: service.name,
    name: instance.name,
    dip: parseAddress(instance.ip) ?? NO_DIP,
    state: INSTANCE_STATE_BY_DEPLOYMENT[deployment.status],
    subnet: role.subnet ?? undefined,
    endpoints: role.endpoints.map((e) => ({ name: e.name, protocol: e.protocol, publicPort: e.publicPort, privatePort: e.privatePort, acl: [] })),
  }, source)));
}

/** The value with the scenario position it was declared at, when the scenario knows one. */
export function withSource<T extends object>(value: T, source: SourceRef | undefined): T {
  return source === undefined ? value : { ...value, source };
}

/** The deployment the model reads a service's VNet and role instances from: production, else staging. */
export function deploymentOf(service: CloudService): Deployment | null {
  return service.deployments.production ?? service.deployments.staging;
}

/** A dotted address as a number; undefined when absent or unreadable. */
export function parseAddress(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const parsed = parseIPv4(text);
  return parsed.ok ? parsed.value : undefined;
}
