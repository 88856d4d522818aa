import type { AclRule, EndpointProtocol, OsFamily, VmSize } from './commands.js';
import { createVmTable, lookUpVmRecord } from './vm-table.js';

export { vmKey } from './vm-table.js';

/**
 * The compute half of the world: plain data (records keyed by name, and maps and sets where a string key per VM or
 * DIP would cost more than the record), so structuredClone copies it. Only the event fold (apply-event.ts) mutates
 * these; rules read them.
 */

/** Instance status names of the Service Management API (compute-lifecycle.md §2.3), the subset the engine reaches. */
export type InstanceStatus =
  | 'RoleStateUnknown' | 'Provisioning' | 'StartingVM' | 'ReadyRole' | 'StoppingVM' | 'StoppedVM'
  | 'StoppingAndDeallocating' | 'StoppedDeallocated' | 'RestartingRole'
  | 'ProvisioningFailed' | 'ProvisioningTimeout' | 'FailedStartingVM';

/** Deployment status names (compute-lifecycle.md §2.3). */
export type DeploymentStatus = 'Deploying' | 'Running' | 'Suspended';

/** What a cloud service became at its first deployment; `null` while it has none ("androgynous"). */
export type ServiceKind = 'IaaS' | 'PaaS';

/** Deployment slot; IaaS uses production only (jj157194). */
export type Slot = 'production' | 'staging';

/** An affinity group: a named set of servers (a scale unit) in one region. */
export interface AffinityGroup {
  name: string;
  region: string;
}

/** A PaaS role's input endpoint, shared by all its instances behind the VIP. */
export interface RoleEndpoint {
  name: string;
  protocol: EndpointProtocol;
  publicPort: number;
  privatePort: number;
}

/** One stateless PaaS role instance and its DIP. */
export interface RoleInstance {
  name: string;
  ip: string;
}

/** A web or worker role of a PaaS deployment. */
export interface PaasRole {
  name: string;
  kind: 'web' | 'worker';
  size: VmSize;
  subnet: string | null;
  instances: RoleInstance[];
  endpoints: RoleEndpoint[];
}

/** A deployment in one slot: IaaS (each VM a role) or PaaS (web/worker roles). */
export interface Deployment {
  name: string;
  slot: Slot;
  kind: ServiceKind;
  status: DeploymentStatus;
  /** Fixed at creation: a deployment never moves between VNets (FAQ-2015 "delete and re-deploy"). */
  vnet: string | null;
  /** Without a VNet, DIPs come from a fabric range private to this deployment. */
  fabricPrefix: string | null;
  /** The DIPs handed out inside the fabric range. */
  fabricAllocations: DipPool;
  /** IaaS: the VM (role) names, in creation order. */
  vms: string[];
  /** PaaS: the roles by name. */
  roles: Record<string, PaasRole>;
}

/** A cloud service: `<name>.cloudapp.net`, placed in an affinity group or a region, with one VIP per slot. */
export interface CloudService {
  name: string;
  dnsName: string;
  affinityGroup: string | null;
  region: string;
  kind: ServiceKind | null;
  deployments: { production: Deployment | null; staging: Deployment | null };
  vips: { production: string | null; staging: string | null };
}

/** A generalized image (sysprep / waagent -deprovision): reusable, every VM from it is provisioned. */
export interface Image {
  name: string;
  os: OsFamily;
}

/** Who holds a disk's lease; it outlives the VM for a while after deletion (compute-lifecycle.md §3.6). */
export interface DiskLease {
  service: string;
  vm: string;
  deployment: string;
}

/** A specialized OS disk: used by at most one VM at a time, never customized. */
export interface Disk {
  name: string;
  os: OsFamily;
  /** Set when the platform copied this disk from an image for a new VM. */
  sourceImage: string | null;
  lease: DiskLease | null;
}

/** An input endpoint: public port on the service VIP → private port on the VM. */
export interface Endpoint {
  name: string;
  protocol: EndpointProtocol;
  publicPort: number;
  privatePort: number;
  loadBalancedSet: string | null;
  acl: AclRule[];
}

/** A virtual machine: one role with one instance in its service's production deployment. */
export interface Vm {
  service: string;
  name: string;
  deployment: string;
  size: VmSize;
  os: OsFamily;
  source: { image: string } | { disk: string };
  osDisk: string;
  state: InstanceStatus;
  /** Simulated ms when `state` was entered; stale follow-up timers compare against it. */
  stateSinceMs: number;
  dip: string | null;
  isStatic: boolean;
  vnet: string | null;
  subnet: string | null;
  mac: string | null;
  hostName: string | null;
  adminUser: string | null;
  endpoints: Record<string, Endpoint>;
}

/** The VMs of a world (see vm-table.ts): by service then name, and in creation order. */
export interface VmTable {
  /** Service name → VM name → VM. */
  byService: Map<string, Map<string, Vm>>;
  /** Every VM, in creation order. */
  inCreationOrder: Set<Vm>;
  /** VMs removed so far: a follow-up's link made before a removal may point at a VM that is gone. */
  removals: number;
  /**
   * The VM last filed or found (not enumerable: a cache, so snapshots and copies leave it out). A VM's events come in
   * a run (created, DIP, endpoints, state), and a follow-up's VM is folded right after it is decided.
   */
  recent?: Vm | undefined;
}

/** A public IP the subscription reserved (New-AzureReservedIP, 2014): kept across deployments and deallocation. */
export interface ReservedIp {
  name: string;
  ip: string;
  /** The region it was reserved in; only a service in that region can use it. */
  location: string;
  /** The service whose production VIP it is, or null while unused. */
  service: string | null;
}

/** A deployment's internal load balancer (Add-AzureInternalLoadBalancer, 2014): a private VIP in a subnet or the fabric range. */
export interface InternalLoadBalancer {
  name: string;
  service: string;
  deployment: string;
  vnet: string | null;
  subnet: string | null;
  ip: string;
}

/**
 * Who holds a DIP: a VM (named `service/vm` as an owner), or the owner name of a role instance
 * (`service/deployment/instance`) or an internal load balancer (`ilb:service/name`).
 */
export type DipHolder = Vm | string;

/**
 * The DIPs handed out in a subnet or a fabric range. Each is filed under its offset from the range's network address
 * (a small integer), in allocation order: a VM's DIP costs no address string as a key nor an owner string, where a
 * record keyed by the address text made each new address an interned key of a large table (issue #10). Only
 * dips.ts reads or writes the holders.
 */
export interface DipPool {
  /** The range's network address as a number (0 when the deployment has no fabric range). */
  network: number;
  /** Holder by address offset from `network`, in allocation order. */
  holders: Map<number, DipHolder>;
}

/** A subnet and the DIPs handed out in it. */
export interface Subnet {
  name: string;
  prefix: string;
  allocations: DipPool;
}

/** A virtual network bound to an affinity group (2012) or a region (regional VNets, 2014). */
export interface Vnet {
  name: string;
  affinityGroup: string | null;
  region: string | null;
  addressSpace: string[];
  subnets: Record<string, Subnet>;
  /** VMs + role instances placed in this VNet (limit 2,048, LIMITS-2015). */
  instanceCount: number;
  /** The local sites its gateway connects to (ConnectionsToLocalNetwork), whether or not a gateway exists yet. */
  gatewaySites: string[];
}

/** The compute state: everything src/vm rules read and the fold writes. */
export interface ComputeWorld {
  affinityGroups: Record<string, AffinityGroup>;
  services: Record<string, CloudService>;
  images: Record<string, Image>;
  /**
   * By name. A map: New-AzureVM names a new disk per VM from an image, and a record would intern each generated name
   * as a key of a 200k-entry table.
   */
  disks: Map<string, Disk>;
  vms: VmTable;
  vnets: Record<string, Vnet>;
  /** Public IP → owner (`vip:<service>/<slot>`, `gateway:<vnet>` or `reserved:<name>`); VIPs, gateway IPs and reserved IPs share one pool. */
  publicIps: Record<string, string>;
  /** Reserved IPs by name. */
  reservedIps: Record<string, ReservedIp>;
  /** Internal load balancers by service (one per deployment); the private VIP is recorded in its pool as `ilb:<service>/<name>`. */
  internalLoadBalancers: Record<string, InternalLoadBalancer>;
}

/** Creates an empty compute world. */
export function createComputeWorld(): ComputeWorld {
  return { affinityGroups: {}, services: {}, images: {}, disks: new Map(), vms: createVmTable(), vnets: {}, publicIps: {}, reservedIps: {}, internalLoadBalancers: {} };
}

/** Looks up a cloud service by name. */
export function findService(world: ComputeWorld, name: string): CloudService | undefined {
  return world.services[name];
}

/** Looks up a VM by service and name. */
export function findVm(world: ComputeWorld, service: string, name: string): Vm | undefined {
  return lookUpVmRecord(world.vms, service, name);
}

/** Lists the VMs of a service in creation order. */
export function listServiceVms(world: ComputeWorld, service: string): Vm[] {
  const deployment = world.services[service]?.deployments.production;
  if (deployment === null || deployment === undefined || deployment.kind !== 'IaaS') return [];
  const vms: Vm[] = [];
  for (const name of deployment.vms) {
    const vm = lookUpVmRecord(world.vms, service, name);
    if (vm !== undefined) vms.push(vm);
  }
  return vms;
}
