import { VM_SIZES, type Command, type CreateVm, type Endpoint, type Vm, type VmSize, type World } from '../sim/index.js';
import { computeErrors } from './compute-errors.js';
import type { PlatformError } from './errors.js';
import type { DataDiskRecord, RoleRecord } from './compute-records.js';
import type { InputEndpointSpec, RoleSpec } from './compute-requests.js';
import { recordEndpointSettings } from './endpoint-settings.js';
import { findGalleryImage } from './image-gallery.js';

/**
 * A PersistentVMRole as engine commands. The REST API creates exactly the endpoints a request lists, while the
 * engine (New-AzureVM's behaviour) opens management endpoints on every image-based VM, so a create is followed by
 * removing those the request did not list and adding those it did. Checks the engine cannot make on a single
 * command (a public port used twice within one request) run here first, so a refused request changes nothing.
 */

/** Names of the endpoints the engine opens on its own on an image-based VM (src/vm endpoints.ts). */
const MANAGEMENT_ENDPOINTS: Readonly<Record<'Windows' | 'Linux', readonly string[]>> = {
  Windows: ['RemoteDesktop', 'PowerShell'],
  Linux: ['SSH'],
};

/** True when a role size is one the engine models. */
export function isVmSize(size: string): size is VmSize {
  return Object.hasOwn(VM_SIZES, size);
}

/** Checks a role's size; the platform refused unknown sizes synchronously. */
export function checkRoleSize(role: RoleSpec): PlatformError | undefined {
  if (role.roleSize === undefined || isVmSize(role.roleSize)) return undefined;
  return computeErrors.parameterIncorrect(`role ${role.roleName} asks for RoleSize '${role.roleSize}'; the sizes of the era are ${Object.keys(VM_SIZES).join(', ')}.`);
}

/** The first public port two endpoints share (same protocol), among `endpoints`; the platform's DOCKDUP failure. */
export function findDuplicatePort(endpoints: readonly { protocol: string; port: number | undefined; lbSet: string | undefined }[]): number | undefined {
  const seen = new Map<string, string | undefined>();
  for (const e of endpoints) {
    if (e.port === undefined) continue;
    const key = `${e.protocol}:${e.port}`;
    if (seen.has(key) && (e.lbSet === undefined || seen.get(key) !== e.lbSet)) return e.port;
    seen.set(key, e.lbSet);
  }
  return undefined;
}

/** Public ports held by the other VMs of a service, in findDuplicatePort's shape. */
export function listPeerPorts(world: World, service: string, except: string): { protocol: string; port: number; lbSet: string | undefined }[] {
  return [...world.vms.byService.get(service)?.values() ?? []]
    .filter((vm) => vm.name !== except)
    .flatMap((vm) => Object.values(vm.endpoints).map((e) => ({ protocol: e.protocol, port: e.publicPort, lbSet: e.loadBalancedSet ?? undefined })));
}

/** The requested endpoints in findDuplicatePort's shape. */
export function listRequestedPorts(endpoints: readonly InputEndpointSpec[]): { protocol: string; port: number | undefined; lbSet: string | undefined }[] {
  return endpoints.map((e) => ({ protocol: e.protocol, port: e.port, lbSet: e.loadBalancedEndpointSetName }));
}

/** The source of a new role: a gallery or registered image (registered on first use), or an OS disk. */
function describeSource(world: World, role: RoleSpec): { image: string; register: Command[] } | { disk: string } | PlatformError {
  if (role.sourceImageName !== undefined) {
    if (world.images[role.sourceImageName] !== undefined) return { image: role.sourceImageName, register: [] };
    const gallery = findGalleryImage(role.sourceImageName);
    if (gallery === undefined) return computeErrors.imageNotFound(role.sourceImageName);
    return { image: gallery.name, register: [{ type: 'addImage', name: gallery.name, os: gallery.os }] };
  }
  if (role.osDiskName !== undefined) {
    if (world.disks.get(role.osDiskName) === undefined) return computeErrors.diskNotFound(role.osDiskName);
    return { disk: role.osDiskName };
  }
  return computeErrors.parameterIncorrect(`role ${role.roleName} has no OSVirtualHardDisk with a SourceImageName or DiskName.`);
}

/** Engine commands that create one role of a service, with its endpoints exactly as requested. */
export function planRoleCreation(world: World, service: string, role: RoleSpec, placement: { deploymentName?: string; vnet?: string; reservedIp?: string }): Command[] | PlatformError {
  const source = describeSource(world, role);
  if ('status' in source) return source;
  const size = role.roleSize !== undefined && isVmSize(role.roleSize) ? role.roleSize : undefined;
  const p = role.provisioning;
  const create: CreateVm = {
    type: 'createVm',
    service,
    name: role.roleName,
    ...('image' in source ? { image: source.image } : { disk: source.disk }),
    ...(size === undefined ? {} : { size }),
    ...(placement.deploymentName === undefined ? {} : { deploymentName: placement.deploymentName }),
    ...(placement.vnet === undefined ? {} : { vnet: placement.vnet }),
    ...(placement.reservedIp === undefined ? {} : { reservedIp: placement.reservedIp }),
    ...(role.subnetNames[0] === undefined ? {} : { subnet: role.subnetNames[0] }),
    ...(role.staticIp === undefined ? {} : { staticIp: role.staticIp }),
    ...('image' in source && p !== undefined
      ? {
          ...(p.hostName === undefined ? {} : { hostName: p.hostName }),
          ...(p.adminUser === undefined ? {} : { adminUser: p.adminUser }),
          ...(p.password === undefined ? {} : { password: p.password }),
          ...(p.sshKey === undefined ? {} : { sshKey: p.sshKey }),
        }
      : {}),
  };
  const os = 'image' in source ? world.images[source.image]?.os ?? findGalleryImage(source.image)?.os : undefined;
  const auto = os === undefined ? [] : MANAGEMENT_ENDPOINTS[os];
  const commands: Command[] = ['register' in source ? source.register : [], [create]].flat();
  for (const name of auto) commands.push({ type: 'removeEndpoint', service, vm: role.roleName, name });
  for (const e of role.endpoints) commands.push(makeAddEndpoint(service, role.roleName, e));
  return commands;
}

/** The addEndpoint command for a requested endpoint. */
export function makeAddEndpoint(service: string, vm: string, e: InputEndpointSpec): Command {
  return {
    type: 'addEndpoint',
    service,
    vm,
    name: e.name,
    protocol: e.protocol,
    ...(e.port === undefined ? {} : { publicPort: e.port }),
    privatePort: e.localPort,
    ...(e.loadBalancedEndpointSetName === undefined ? {} : { loadBalancedSet: e.loadBalancedEndpointSetName }),
    ...(e.acl.length === 0 ? {} : { acl: e.acl }),
  };
}

function sameEndpoint(current: Endpoint, wanted: InputEndpointSpec): boolean {
  return current.protocol === wanted.protocol
    && current.privatePort === wanted.localPort
    && (wanted.port === undefined || wanted.port === current.publicPort)
    && (current.loadBalancedSet ?? undefined) === wanted.loadBalancedEndpointSetName;
}

/**
 * Update Role (PUT the whole PersistentVMRole): the request replaces the role's mutable parts — endpoints (removed,
 * added, changed, ACLs), the static IP, the size and the subnet — so the commands bring the VM from what it is to what
 * was sent. Removals run first so a port can move between endpoints; a size or subnet change (updateVm: the role
 * restarts, a moved role gets a DIP in its new subnet) runs before the static IP, which must then lie in the new subnet.
 */
export function planRoleUpdate(vm: Vm, role: RoleSpec): Command[] | PlatformError {
  const service = vm.service;
  const sizeProblem = checkRoleSize(role);
  if (sizeProblem !== undefined) return sizeProblem;
  const size = role.roleSize !== undefined && isVmSize(role.roleSize) && role.roleSize !== vm.size ? role.roleSize : undefined;
  const wantedSubnet = role.subnetNames[0];
  const subnet = vm.subnet !== null && wantedSubnet !== undefined && wantedSubnet !== vm.subnet ? wantedSubnet : undefined;
  const update: Command[] = size === undefined && subnet === undefined ? []
    : [{ type: 'updateVm', service, name: vm.name, ...(size === undefined ? {} : { size }), ...(subnet === undefined ? {} : { subnet }) }];
  const removals: Command[] = [];
  const additions: Command[] = [];
  const wanted = new Map(role.endpoints.map((e) => [e.name, e]));
  for (const current of Object.values(vm.endpoints)) {
    const next = wanted.get(current.name);
    if (next === undefined || !sameEndpoint(current, next)) {
      removals.push({ type: 'removeEndpoint', service, vm: vm.name, name: current.name });
      if (next !== undefined) additions.push(makeAddEndpoint(service, vm.name, next));
    } else if (JSON.stringify(current.acl) !== JSON.stringify(next.acl)) {
      additions.push({ type: 'setEndpointAcl', service, vm: vm.name, name: current.name, acl: next.acl });
    }
  }
  for (const e of role.endpoints) {
    if (vm.endpoints[e.name] === undefined) additions.push(makeAddEndpoint(service, vm.name, e));
  }
  // A moved role leaves its old address behind and holds a dynamic one until a static IP is set again.
  const isStatic = vm.isStatic && subnet === undefined;
  const addressing: Command[] = [];
  if (role.staticIp !== undefined && (!isStatic || vm.dip !== role.staticIp)) {
    addressing.push({ type: 'setStaticIp', service, name: vm.name, ip: role.staticIp });
  } else if (role.staticIp === undefined && isStatic) {
    addressing.push({ type: 'removeStaticIp', service, name: vm.name });
  }
  return [...removals, ...update, ...addressing, ...additions];
}

/** The record of a new role: OS-disk media link, caching, availability set and data disks as requested. */
export function makeRoleRecord(role: RoleSpec, defaultMediaLink: string): RoleRecord {
  const endpointSettings = recordEndpointSettings(role.endpoints);
  return {
    ...(endpointSettings === undefined ? {} : { endpointSettings }),
    osDiskMediaLink: role.osDiskMediaLink ?? defaultMediaLink,
    osDiskHostCaching: role.osDiskHostCaching ?? 'ReadWrite',
    availabilitySet: role.availabilitySet ?? null,
    provisionGuestAgent: role.provisionGuestAgent,
    dataDisks: role.dataDisks.map((d, i): DataDiskRecord => ({
      lun: d.lun ?? i,
      name: d.diskName ?? `${role.roleName}-data-${d.lun ?? i}`,
      label: d.label ?? '',
      mediaLink: d.mediaLink ?? defaultMediaLink.replace(/\.vhd$/, `-data-${d.lun ?? i}.vhd`),
      sizeGb: d.sizeGb ?? 0,
      hostCaching: d.hostCaching ?? 'None',
    })),
  };
}
