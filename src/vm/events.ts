import type { AclRule, EndpointProtocol, OsFamily, VmSize } from './commands.js';
import type { DeploymentStatus, InstanceStatus, RoleEndpoint, RoleInstance, ServiceKind, Slot } from './model.js';

/**
 * The compute event catalogue: facts in past tense, plain JSON. Each entry maps an event `type` to its payload; the
 * envelope (`seq`, `time`) is added by the engine. The fold in apply-event.ts is the only reader that mutates state.
 */
export interface ComputeEventPayloads {
  /** An affinity group was created in a region (New-AzureAffinityGroup). */
  'affinityGroup.created': { affinityGroup: string; region: string };
  /** A VNet from the network plan exists, bound to an affinity group (2012) or a region (2014). */
  'vnet.defined': {
    vnet: string;
    affinityGroup?: string;
    region?: string;
    addressSpace: string[];
    subnets: { name: string; prefix: string }[];
    /** ConnectionsToLocalNetwork: the local sites the VNet's gateway connects to, configured before any gateway exists. */
    gatewaySites?: string[];
  };
  /** An empty cloud service (no kind yet) was created. */
  'service.created': { service: string; dnsName: string; affinityGroup?: string; region: string };
  /** A cloud service with no deployment was deleted. */
  'service.deleted': { service: string };
  /** The service's kind was fixed by its first deployment, or cleared (`null`) when its last deployment went. */
  'service.kindSet': { service: string; kind: ServiceKind | null };
  /** A deployment was created in a slot; `vnet` is fixed for its lifetime, `fabricPrefix` serves DIPs without one. */
  'deployment.created': {
    service: string;
    slot: Slot;
    name: string;
    kind: ServiceKind;
    status: DeploymentStatus;
    vnet?: string;
    fabricPrefix?: string;
  };
  /** A deployment's status changed (PaaS: Deploying → Running). */
  'deployment.statusChanged': { service: string; slot: Slot; from: DeploymentStatus; to: DeploymentStatus };
  /** A deployment was removed from its slot (last VM deleted, or Remove-AzureDeployment). */
  'deployment.deleted': { service: string; slot: Slot; name: string };
  /** A public VIP was taken from the pool for a slot. */
  'vip.assigned': { service: string; slot: Slot; ip: string };
  /** A slot's VIP went back to the pool (every VM deallocated or deleted, or the deployment deleted). */
  'vip.released': { service: string; slot: Slot; ip: string };
  /** Production and staging deployments exchanged slots; each VIP stays with its slot (Move-AzureDeployment). */
  'vip.swapped': { service: string; production: string | null; staging: string | null };
  /** A public IP was taken from the shared pool for something other than a VIP (a gateway). */
  'publicIp.allocated': { ip: string; owner: string };
  /** A generalized image was registered. */
  'image.added': { image: string; os: OsFamily };
  /** A specialized OS disk was registered, or copied from an image for a new VM (`sourceImage`). */
  'disk.added': { disk: string; os: OsFamily; sourceImage?: string };
  /** A VM took the disk's lease. */
  'disk.leased': { disk: string; service: string; vm: string; deployment: string };
  /** The lease was released some time after the VM was deleted. */
  'disk.released': { disk: string; service: string; vm: string };
  /** The disk was deleted (Remove-AzureDisk, or Remove-AzureVM -DeleteVHD once the lease is gone). */
  'disk.deleted': { disk: string };
  /** A VM was created in the service's production deployment. */
  'vm.created': {
    service: string;
    vm: string;
    deployment: string;
    size: VmSize;
    os: OsFamily;
    source: { image: string } | { disk: string };
    osDisk: string;
    vnet?: string;
    subnet?: string;
    mac: string;
    hostName?: string;
    adminUser?: string;
  };
  /** A VM got a new MAC (only on start after Stopped (Deallocated), FAQ-2015). */
  'vm.macAssigned': { service: string; vm: string; mac: string };
  /** A DIP was handed to a VM (dynamic from the allocator, or static via Set-AzureStaticVNetIP). */
  'dip.allocated': { service: string; vm: string; ip: string; static: boolean; vnet?: string; subnet?: string };
  /** A VM's DIP went back to its subnet or fabric range. */
  'dip.released': { service: string; vm: string; ip: string; static: boolean; vnet?: string; subnet?: string };
  /** A VM's instance status changed. */
  'vm.stateChanged': { service: string; vm: string; from: InstanceStatus; to: InstanceStatus };
  /** A VM was removed from its deployment. */
  'vm.deleted': { service: string; vm: string };
  /** An input endpoint was opened on the VIP. */
  'endpoint.added': {
    service: string;
    vm: string;
    endpoint: string;
    protocol: EndpointProtocol;
    publicPort: number;
    privatePort: number;
    loadBalancedSet?: string;
    acl: AclRule[];
  };
  /** An input endpoint was closed. */
  'endpoint.removed': { service: string; vm: string; endpoint: string; protocol: EndpointProtocol; publicPort: number };
  /** An endpoint's ACL was replaced. */
  'endpoint.aclChanged': { service: string; vm: string; endpoint: string; acl: AclRule[] };
  /** A PaaS role's instances (with their DIPs) and endpoints were set. */
  'role.instancesChanged': {
    service: string;
    slot: Slot;
    role: string;
    kind: 'web' | 'worker';
    size: VmSize;
    subnet?: string;
    instances: RoleInstance[];
    endpoints: RoleEndpoint[];
  };
}

/** Any compute event body (without the envelope). */
export type ComputeEventBody = { [K in keyof ComputeEventPayloads]: { type: K } & ComputeEventPayloads[K] }[keyof ComputeEventPayloads];

/** Builds a typed event body; keeps `type` first so logged lines read naturally. */
export function makeEvent<K extends keyof ComputeEventPayloads>(type: K, payload: ComputeEventPayloads[K]): ComputeEventBody {
  return { type, ...payload } as ComputeEventBody;
}

/** True when `type` is one of the compute events. */
export function isComputeEventType(type: string): type is keyof ComputeEventPayloads {
  return COMPUTE_EVENT_TYPES.has(type);
}

const COMPUTE_EVENT_TYPES: ReadonlySet<string> = new Set<keyof ComputeEventPayloads>([
  'affinityGroup.created', 'vnet.defined', 'service.created', 'service.deleted', 'service.kindSet',
  'deployment.created', 'deployment.statusChanged', 'deployment.deleted', 'vip.assigned', 'vip.released',
  'vip.swapped', 'publicIp.allocated', 'image.added', 'disk.added', 'disk.leased', 'disk.released', 'disk.deleted',
  'vm.created', 'vm.macAssigned', 'dip.allocated', 'dip.released', 'vm.stateChanged', 'vm.deleted',
  'endpoint.added', 'endpoint.removed', 'endpoint.aclChanged', 'role.instancesChanged',
]);
