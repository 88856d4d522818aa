import { z } from 'zod';
import type { AclRule, EndpointProtocol, OsFamily, VmSize } from './commands.js';
import type { DeploymentStatus, InstanceStatus, RoleEndpoint, RoleInstance, ServiceKind, Slot } from './model.js';

/**
 * The compute event catalogue: facts in past tense, plain JSON, each event type's payload declared once as a schema.
 * The TypeScript types below are inferred from these schemas; the engine adds the envelope (`seq`, `time`), and the
 * fold in apply-event.ts is the only reader that mutates state. To add an event type, add one entry here.
 */

const SLOT = z.enum(['production', 'staging']) satisfies z.ZodType<Slot>;
const SERVICE_KIND = z.enum(['IaaS', 'PaaS']) satisfies z.ZodType<ServiceKind>;
const DEPLOYMENT_STATUS = z.enum(['Deploying', 'Running', 'Suspended']) satisfies z.ZodType<DeploymentStatus>;
const INSTANCE_STATUS = z.enum([
  'RoleStateUnknown', 'Provisioning', 'StartingVM', 'ReadyRole', 'StoppingVM', 'StoppedVM', 'StoppingAndDeallocating',
  'StoppedDeallocated', 'RestartingRole', 'ProvisioningFailed', 'ProvisioningTimeout', 'FailedStartingVM',
]) satisfies z.ZodType<InstanceStatus>;
const VM_SIZE = z.enum(['ExtraSmall', 'Small', 'Medium', 'Large', 'ExtraLarge', 'A5', 'A6', 'A7', 'A8', 'A9']) satisfies z.ZodType<VmSize>;
const OS_FAMILY = z.enum(['Windows', 'Linux']) satisfies z.ZodType<OsFamily>;
const PROTOCOL = z.enum(['tcp', 'udp']) satisfies z.ZodType<EndpointProtocol>;
const PORT = z.number().int().min(1).max(65535);
const ACL_RULE = z.strictObject({
  order: z.number().int(),
  action: z.enum(['permit', 'deny']),
  remoteSubnet: z.string(),
  description: z.string().optional(),
}) satisfies z.ZodType<AclRule>;
const ROLE_INSTANCE = z.strictObject({ name: z.string(), ip: z.string() }) satisfies z.ZodType<RoleInstance>;
const ROLE_ENDPOINT = z.strictObject({
  name: z.string(), protocol: PROTOCOL, publicPort: PORT, privatePort: PORT,
}) satisfies z.ZodType<RoleEndpoint>;
const VM_SOURCE = z.union([z.strictObject({ image: z.string() }), z.strictObject({ disk: z.string() })]);
const DIP_CHANGE = {
  service: z.string(), vm: z.string(), ip: z.string(), static: z.boolean(),
  vnet: z.string().exactOptional(), subnet: z.string().exactOptional(),
};

/** Payload schema of every compute event type, by type. */
export const COMPUTE_EVENT_SCHEMAS = {
  /** An affinity group was created in a region (New-AzureAffinityGroup). */
  'affinityGroup.created': z.strictObject({ affinityGroup: z.string(), region: z.string() }),
  /** An affinity group nothing was placed in was deleted (Remove-AzureAffinityGroup). */
  'affinityGroup.deleted': z.strictObject({ affinityGroup: z.string() }),
  /**
   * A VNet from the network plan exists, bound to an affinity group (2012) or a region (2014); `gatewaySites` are its
   * ConnectionsToLocalNetwork, configured before any gateway exists.
   */
  'vnet.defined': z.strictObject({
    vnet: z.string(),
    affinityGroup: z.string().exactOptional(),
    region: z.string().exactOptional(),
    addressSpace: z.array(z.string()),
    subnets: z.array(z.strictObject({ name: z.string(), prefix: z.string() })),
    gatewaySites: z.array(z.string()).exactOptional(),
  }),
  /** An empty cloud service (no kind yet) was created. */
  'service.created': z.strictObject({
    service: z.string(), dnsName: z.string(), affinityGroup: z.string().exactOptional(), region: z.string(),
  }),
  /** A cloud service with no deployment was deleted. */
  'service.deleted': z.strictObject({ service: z.string() }),
  /** The service's kind was fixed by its first deployment, or cleared (`null`) when its last deployment went. */
  'service.kindSet': z.strictObject({ service: z.string(), kind: SERVICE_KIND.nullable() }),
  /** A deployment was created in a slot; `vnet` is fixed for its lifetime, `fabricPrefix` serves DIPs without one. */
  'deployment.created': z.strictObject({
    service: z.string(),
    slot: SLOT,
    name: z.string(),
    kind: SERVICE_KIND,
    status: DEPLOYMENT_STATUS,
    vnet: z.string().exactOptional(),
    fabricPrefix: z.string().exactOptional(),
  }),
  /** A deployment's status changed (PaaS: Deploying → Running). */
  'deployment.statusChanged': z.strictObject({ service: z.string(), slot: SLOT, from: DEPLOYMENT_STATUS, to: DEPLOYMENT_STATUS }),
  /** A deployment was removed from its slot (last VM deleted, or Remove-AzureDeployment). */
  'deployment.deleted': z.strictObject({ service: z.string(), slot: SLOT, name: z.string() }),
  /** A public VIP was taken from the pool for a slot. */
  'vip.assigned': z.strictObject({ service: z.string(), slot: SLOT, ip: z.string() }),
  /** A slot's VIP went back to the pool (every VM deallocated or deleted, or the deployment deleted). */
  'vip.released': z.strictObject({ service: z.string(), slot: SLOT, ip: z.string() }),
  /** Production and staging deployments exchanged slots; each VIP stays with its slot (Move-AzureDeployment). */
  'vip.swapped': z.strictObject({ service: z.string(), production: z.string().nullable(), staging: z.string().nullable() }),
  /** A public IP was taken from the shared pool for something other than a VIP (a gateway). */
  'publicIp.allocated': z.strictObject({ ip: z.string(), owner: z.string() }),
  /** A public IP was reserved from the shared pool (New-AzureReservedIP). */
  'reservedIp.created': z.strictObject({ name: z.string(), ip: z.string(), location: z.string() }),
  /** A reserved IP went back to the pool (Remove-AzureReservedIP). */
  'reservedIp.deleted': z.strictObject({ name: z.string(), ip: z.string() }),
  /** A deployment's internal load balancer took a private address in a subnet (or the fabric range without a VNet). */
  'internalLoadBalancer.added': z.strictObject({
    service: z.string(), name: z.string(), deployment: z.string(), ip: z.string(), vnet: z.string().exactOptional(), subnet: z.string().exactOptional(),
  }),
  /** The internal load balancer was removed and its address freed (also implied when its deployment is deleted). */
  'internalLoadBalancer.removed': z.strictObject({ service: z.string(), name: z.string(), ip: z.string() }),
  /** A generalized image was registered. */
  'image.added': z.strictObject({ image: z.string(), os: OS_FAMILY }),
  /** A specialized OS disk was registered, or copied from an image for a new VM (`sourceImage`). */
  'disk.added': z.strictObject({ disk: z.string(), os: OS_FAMILY, sourceImage: z.string().exactOptional() }),
  /** A VM took the disk's lease. */
  'disk.leased': z.strictObject({ disk: z.string(), service: z.string(), vm: z.string(), deployment: z.string() }),
  /** The lease was released some time after the VM was deleted. */
  'disk.released': z.strictObject({ disk: z.string(), service: z.string(), vm: z.string() }),
  /** The disk was deleted (Remove-AzureDisk, or Remove-AzureVM -DeleteVHD once the lease is gone). */
  'disk.deleted': z.strictObject({ disk: z.string() }),
  /** A VM was created in the service's production deployment. */
  'vm.created': z.strictObject({
    service: z.string(),
    vm: z.string(),
    deployment: z.string(),
    size: VM_SIZE,
    os: OS_FAMILY,
    source: VM_SOURCE,
    osDisk: z.string(),
    vnet: z.string().exactOptional(),
    subnet: z.string().exactOptional(),
    mac: z.string(),
    hostName: z.string().exactOptional(),
    adminUser: z.string().exactOptional(),
  }),
  /** A VM's size or subnet changed (Update-AzureVM); its DIP moves with dip.released / dip.allocated. */
  'vm.reconfigured': z.strictObject({ service: z.string(), vm: z.string(), size: VM_SIZE, subnet: z.string().exactOptional() }),
  /** A VM got a new MAC (only on start after Stopped (Deallocated), FAQ-2015). */
  'vm.macAssigned': z.strictObject({ service: z.string(), vm: z.string(), mac: z.string() }),
  /** A DIP was handed to a VM (dynamic from the allocator, or static via Set-AzureStaticVNetIP). */
  'dip.allocated': z.strictObject(DIP_CHANGE),
  /** A VM's DIP went back to its subnet or fabric range. */
  'dip.released': z.strictObject(DIP_CHANGE),
  /** A VM's instance status changed. */
  'vm.stateChanged': z.strictObject({ service: z.string(), vm: z.string(), from: INSTANCE_STATUS, to: INSTANCE_STATUS }),
  /** A VM was removed from its deployment. */
  'vm.deleted': z.strictObject({ service: z.string(), vm: z.string() }),
  /** An input endpoint was opened on the VIP. */
  'endpoint.added': z.strictObject({
    service: z.string(),
    vm: z.string(),
    endpoint: z.string(),
    protocol: PROTOCOL,
    publicPort: PORT,
    privatePort: PORT,
    loadBalancedSet: z.string().exactOptional(),
    acl: z.array(ACL_RULE),
  }),
  /** An input endpoint was closed. */
  'endpoint.removed': z.strictObject({ service: z.string(), vm: z.string(), endpoint: z.string(), protocol: PROTOCOL, publicPort: PORT }),
  /** An endpoint's ACL was replaced. */
  'endpoint.aclChanged': z.strictObject({ service: z.string(), vm: z.string(), endpoint: z.string(), acl: z.array(ACL_RULE) }),
  /** A PaaS role's instances (with their DIPs) and endpoints were set. */
  'role.instancesChanged': z.strictObject({
    service: z.string(),
    slot: SLOT,
    role: z.string(),
    kind: z.enum(['web', 'worker']),
    size: VM_SIZE,
    subnet: z.string().exactOptional(),
    instances: z.array(ROLE_INSTANCE),
    endpoints: z.array(ROLE_ENDPOINT),
  }),
};

/** A compute event type name. */
export type ComputeEventType = keyof typeof COMPUTE_EVENT_SCHEMAS;

/** Payload of each compute event type, inferred from its schema. */
export type ComputeEventPayloads = { [K in ComputeEventType]: z.infer<(typeof COMPUTE_EVENT_SCHEMAS)[K]> };

/** One compute event body (without the envelope): `type` and the payload of that type. */
export type ComputeEventOf<K extends ComputeEventType> = { type: K } & ComputeEventPayloads[K];

/** Any compute event body (without the envelope). */
export type ComputeEventBody = { [K in ComputeEventType]: ComputeEventOf<K> }[ComputeEventType];

/**
 * Makes a fresh payload literal the typed event body by giving it its `type`: the literal is the event (no copy, and
 * its fields stay where the literal put them, in the object itself, for the fold to read). The log puts `type` first
 * whatever the body's key order (src/sim/event-layout.ts). Pass a literal no one else holds.
 */
export function makeEvent<K extends ComputeEventType>(type: K, payload: ComputeEventPayloads[K]): ComputeEventOf<K> {
  const body = payload as ComputeEventOf<K>;
  body.type = type;
  return body;
}

/** True when `type` is one of the compute events. */
export function isComputeEventType(type: string): type is ComputeEventType {
  return Object.hasOwn(COMPUTE_EVENT_SCHEMAS, type);
}
