import type { CreateVm, OsFamily } from './commands.js';
import { accept, reject, type DecideContext, type Decision, type FollowUp, type FollowUpAction } from './context.js';
import { checkStaticDip, createDipPool, findDipHolder, findFreeDip } from './dips.js';
import { describeDiskInUse, nameImageCopyDisk } from './disks.js';
import { MANAGEMENT_ENDPOINTS, makeManagementEndpointAdded, planManagementPorts } from './endpoints.js';
import { makeEvent, type ComputeEventBody, type ComputeEventOf } from './events.js';
import { findVm, vmKey, type CloudService, type ComputeWorld, type DipPool, type Image, type Vm, type Vnet } from './model.js';
import { refuse, type Refusal } from './refusal.js';
import { chooseVip } from './reserved-ips.js';
import { checkServiceKind, checkSizeIsolation, checkVnetPlacement, isSubnetChoiceValid, lookUpService, refuseSubnetChoice } from './service-rules.js';
import { DEFAULT_VM_SIZE } from './sizes.js';
import { vipPortsOf } from './vip-ports.js';
import { linkWhenStored } from './vm-table.js';

/**
 * New-AzureVM. The first VM deploys the service (IaaS, production slot, deployment named after the service) and
 * takes its VIP; an image-based VM is provisioned and customized and gets its management endpoints, a disk-based VM
 * is just booted (seed post; compute-lifecycle.md §3).
 */
export function decideCreateVm(world: ComputeWorld, c: CreateVm, ctx: DecideContext): Decision {
  const service = lookUpService(world, c.service);
  if ('code' in service) return reject(service);
  const source = checkSource(world, c);
  if ('code' in source) return reject(source);
  const problem = checkServiceKind(service, 'IaaS') ?? checkName(world, c) ?? checkSizeIsolation(world, service, c.size ?? DEFAULT_VM_SIZE);
  if (problem !== undefined) return reject(problem);
  const deployment = service.deployments.production;
  if (deployment !== null && c.deploymentName !== undefined && c.deploymentName !== deployment.name) {
    return reject(refuse('deployment-name-fixed', `Cloud service '${c.service}' already has its one IaaS deployment, '${deployment.name}'; VM '${c.name}' joins it as a new role, so drop deploymentName or give '${deployment.name}'.`, vmObjects(c, `service:${c.service}`)));
  }
  if (deployment !== null && deployment.vms.length + 1 > ctx.limits.vmsPerService) {
    return reject(refuse('limit-vms-per-service', `Cloud service '${c.service}' already has ${ctx.limits.vmsPerService} VMs, the maximum per cloud service; put '${c.name}' in another cloud service.`, [`service:${c.service}`]));
  }
  const vnet = decidePlacement(world, service, c, ctx.limits.instancesPerVnet);
  if (vnet !== null && 'code' in vnet) return reject(vnet);
  const fabricPrefix = deployment === null && vnet === null ? ctx.pickFabricPrefix() : deployment?.fabricPrefix ?? null;
  const dip = chooseDip(vnet, c, deployment?.fabricAllocations, fabricPrefix);
  if (typeof dip !== 'string') return reject(dip);

  const ports = deployment?.kind === 'IaaS' ? vipPortsOf(world, c.service, deployment) : undefined;
  const managementPorts = source.kind === 'image' ? planManagementPorts(source.os, ports, ctx) : NO_PORTS;
  if ((ports?.endpointCount ?? 0) + managementPorts.length > ctx.limits.endpointsPerService) {
    return reject(refuse('limit-endpoints-per-service', `Cloud service '${c.service}' has no room for the management endpoints of '${c.name}' (limit ${ctx.limits.endpointsPerService} input endpoints per service); remove endpoints first.`, [`service:${c.service}`]));
  }

  const events: ComputeEventBody[] = [];
  // New-AzureVM: "If not specified, this cmdlet uses the service name as the deployment name" (azure-classic.md §4.1).
  const deploymentName = deployment?.name ?? c.deploymentName ?? c.service;
  if (service.kind === null) events.push(makeEvent('service.kindSet', { service: c.service, kind: 'IaaS' }));
  if (deployment === null) {
    events.push(makeEvent('deployment.created', {
      service: c.service, slot: 'production', name: deploymentName, kind: 'IaaS', status: 'Running',
      ...(vnet === null ? { fabricPrefix: fabricPrefix ?? '' } : { vnet: vnet.name }),
    }));
  }
  if (service.vips.production === null) {
    // -ReservedIPName counts only for the first deployment, as -VNetName does (New-AzureVM warns and ignores it after).
    const vip = chooseVip(world, service, deployment === null ? c : { ...c, reservedIp: undefined }, ctx);
    if ('code' in vip) return reject(vip);
    events.push(makeEvent('vip.assigned', { service: c.service, slot: 'production', ip: vip.ip }));
  }
  const osDisk = source.kind === 'image' ? nameImageCopyDisk(world, c.service, c.name) : source.name;
  // The per-VM events are written out as literals (type first, as makeEvent would): New-AzureVM runs once per VM of a
  // 200k-VM world, and each generic copy of a payload costs more than building the event itself.
  if (source.kind === 'image') events.push({ type: 'disk.added', disk: osDisk, os: source.os, sourceImage: source.name });
  events.push({ type: 'disk.leased', disk: osDisk, service: c.service, vm: c.name, deployment: deploymentName });
  events.push(makeVmCreated(c, deploymentName, source, osDisk, vnet === null ? null : vnet.name, ctx.pickMac()));
  const isStatic = c.staticIp !== undefined;
  events.push(vnet === null
    ? { type: 'dip.allocated', service: c.service, vm: c.name, ip: dip, static: isStatic }
    : { type: 'dip.allocated', service: c.service, vm: c.name, ip: dip, static: isStatic, vnet: vnet.name, subnet: c.subnet ?? '' });
  const management = MANAGEMENT_ENDPOINTS[source.os];
  for (let i = 0; i < managementPorts.length; i++) events.push(makeManagementEndpointAdded(c.service, c.name, management[i]!, managementPorts[i]!));
  const firstState = source.kind === 'image' ? 'Provisioning' : 'StartingVM';
  events.push({ type: 'vm.stateChanged', service: c.service, vm: c.name, from: 'RoleStateUnknown', to: firstState });
  return accept(events, [planFirstBoot(c, source.kind, source.os, firstState, ctx)]);
}

/** The `vm.created` event: `vnet`/`subnet` only inside a VNet, `hostName`/`adminUser` only for a provisioned image. */
function makeVmCreated(c: CreateVm, deployment: string, source: Source, osDisk: string, vnet: string | null, mac: string): ComputeEventOf<'vm.created'> {
  const { service, name: vm } = c;
  const size = c.size ?? DEFAULT_VM_SIZE;
  const os = source.os;
  const from = source.from;
  if (source.kind === 'disk') {
    return vnet === null
      ? { type: 'vm.created', service, vm, deployment, size, os, source: from, osDisk, mac }
      : { type: 'vm.created', service, vm, deployment, size, os, source: from, osDisk, vnet, subnet: c.subnet ?? '', mac };
  }
  const hostName = c.hostName ?? vm;
  const adminUser = c.adminUser ?? '';
  return vnet === null
    ? { type: 'vm.created', service, vm, deployment, size, os, source: from, osDisk, mac, hostName, adminUser }
    : { type: 'vm.created', service, vm, deployment, size, os, source: from, osDisk, vnet, subnet: c.subnet ?? '', mac, hostName, adminUser };
}

/** What a VM boots: an image or a disk, and the `source` its `vm.created` event and record name. */
type Source = Readonly<{ kind: 'image' | 'disk'; name: string; os: OsFamily; from: Vm['source'] }>;

// Every VM made from one image has the same Source, and the same `source` value in its event and record: one frozen
// pair per image record serves them all (nothing edits a VM's source) instead of two more objects per VM.
const imageSources = new WeakMap<Image, Source>();

function imageSourceOf(image: Image): Source {
  let source = imageSources.get(image);
  if (source === undefined) {
    source = Object.freeze({ kind: 'image' as const, name: image.name, os: image.os, from: Object.freeze({ image: image.name }) });
    imageSources.set(image, source);
  }
  return source;
}

/** The public ports of a VM booted from a disk, which opens no management endpoint. */
const NO_PORTS: readonly number[] = [];

/** The objects a refusal of this VM names: the VM, then `more`; built only when refusing. */
function vmObjects(c: CreateVm, ...more: string[]): string[] {
  return [`vm:${c.service}/${c.name}`, ...more];
}

function checkSource(world: ComputeWorld, c: CreateVm): Source | Refusal {
  if ((c.image === undefined) === (c.disk === undefined)) {
    return refuse('vm-source-required', `VM '${c.name}' needs exactly one source: an image (generalized, provisioned and customized) or an OS disk (specialized, booted as is).`, vmObjects(c));
  }
  if (c.image !== undefined) {
    const image = world.images[c.image];
    if (image === undefined) return refuse('unknown-image', `Image '${c.image}' for VM '${c.name}' is not registered; add it first (Add-AzureVMImage).`, vmObjects(c, `image:${c.image}`));
    if (c.adminUser === undefined || (c.password === undefined && c.sshKey === undefined)) {
      return refuse('provisioning-config-required', `VM '${c.name}' comes from image '${c.image}', which the platform provisions: give an admin user and a password${image.os === 'Linux' ? ' or an SSH key' : ''} (Add-AzureProvisioningConfig).`, vmObjects(c));
    }
    if (image.os === 'Windows' && c.sshKey !== undefined) {
      return refuse('ssh-key-needs-linux', `VM '${c.name}' is Windows (image '${c.image}'); SSH keys apply to Linux images only — give a password.`, vmObjects(c));
    }
    return imageSourceOf(image);
  }
  const disk = world.disks.get(c.disk ?? '');
  if (disk === undefined) return refuse('unknown-disk', `OS disk '${c.disk}' for VM '${c.name}' is not registered; add it first (Add-AzureDisk -OS).`, vmObjects(c, `disk:${c.disk}`));
  if (disk.lease !== null) {
    const inUse = describeDiskInUse(world, disk);
    return refuse('disk-leased', `${inUse?.message ?? ''} An OS disk serves one VM at a time; copy the VHD to a new disk for '${c.name}'.`, vmObjects(c, `disk:${disk.name}`));
  }
  if (c.hostName !== undefined || c.adminUser !== undefined || c.password !== undefined || c.sshKey !== undefined) {
    return refuse('disk-not-customizable', `VM '${c.name}' boots OS disk '${disk.name}', which is specialized and never customized; drop the host name, admin user, password and SSH key, or use an image.`, vmObjects(c));
  }
  return { kind: 'disk', name: disk.name, os: disk.os, from: { disk: disk.name } };
}

function checkName(world: ComputeWorld, c: CreateVm): Refusal | undefined {
  if (findVm(world, c.service, c.name) === undefined) return undefined;
  return refuse('vm-exists', `Cloud service '${c.service}' already has a VM named '${c.name}'; pick another name.`, vmObjects(c));
}

/** The VNet the VM goes into (null: none, its DIP comes from the fabric range), or why it cannot be placed. */
function decidePlacement(world: ComputeWorld, service: CloudService, c: CreateVm, maxInstancesPerVnet: number): Vnet | null | Refusal {
  const deployment = service.deployments.production;
  let vnet: Vnet | null = null;
  if (deployment !== null) {
    if (c.vnet !== undefined && c.vnet !== deployment.vnet) {
      const now = deployment.vnet === null ? 'no virtual network' : `virtual network '${deployment.vnet}'`;
      return refuse('service-vnet-fixed', `Cloud service '${c.service}' was deployed into ${now}; a service joins a VNet only at its first deployment and can never move. Drop vnet from '${c.name}', or use a new cloud service.`, vmObjects(c, `service:${c.service}`));
    }
    vnet = deployment.vnet === null ? null : world.vnets[deployment.vnet] ?? null;
  } else if (c.vnet !== undefined) {
    const placed = checkVnetPlacement(world, service, c.vnet);
    if ('code' in placed) return placed;
    vnet = placed;
  }
  if (vnet === null) {
    if (c.subnet !== undefined) return refuse('subnet-needs-vnet', `VM '${c.name}' names subnet '${c.subnet}' but cloud service '${c.service}' is not in a virtual network; give vnet on the first VM of the service.`, vmObjects(c));
    if (c.staticIp !== undefined) return refuse('static-ip-needs-vnet', `VM '${c.name}' asks for static IP ${c.staticIp}, but static IPs exist only inside a virtual network (Set-AzureStaticVNetIP); deploy the service into a VNet.`, vmObjects(c));
    return null;
  }
  // New-AzureVM asks this for every VM: the refusal's wording (the VM named) is built only when refusing.
  if (!isSubnetChoiceValid(vnet, c.subnet)) return refuseSubnetChoice(vnet, c.subnet, `VM '${c.name}'`);
  if (vnet.instanceCount + 1 > maxInstancesPerVnet) {
    return refuse('limit-vms-per-vnet', `Virtual network '${vnet.name}' already holds ${maxInstancesPerVnet} VMs and role instances, the limit per VNet; put '${c.name}' in another virtual network.`, vmObjects(c, `vnet:${vnet.name}`));
  }
  return vnet;
}

/** The VM's DIP, or why there is none. */
function chooseDip(vnet: Vnet | null, c: CreateVm, fabric: DipPool | undefined, fabricPrefix: string | null): string | Refusal {
  if (vnet === null) {
    // A first VM's deployment (and its fabric pool) does not exist yet: its range is empty.
    const ip = findFreeDip(fabricPrefix ?? '', fabric ?? createDipPool(fabricPrefix));
    return ip ?? refuse('fabric-range-full', `The fabric address range of cloud service '${c.service}' is full.`, vmObjects(c));
  }
  const subnet = vnet.subnets[c.subnet ?? ''];
  if (subnet === undefined) return refuse('unknown-subnet', `Virtual network '${vnet.name}' has no subnet '${c.subnet}'.`, vmObjects(c));
  if (c.staticIp !== undefined) {
    const problem = checkStaticDip(subnet.prefix, subnet.allocations, c.staticIp, vmKey(c.service, c.name));
    return problem === undefined ? c.staticIp : describeStaticDipProblem(problem, c.staticIp, vnet.name, subnet.name, subnet.prefix, findDipHolder(subnet.allocations, c.staticIp), vmObjects(c, `subnet:${vnet.name}/${subnet.name}`));
  }
  const ip = findFreeDip(subnet.prefix, subnet.allocations);
  if (ip === undefined) {
    return refuse('subnet-full', `Subnet '${subnet.name}' (${subnet.prefix}) of virtual network '${vnet.name}' has no free address for VM '${c.name}' (5 addresses per subnet are reserved); use a larger or another subnet.`, vmObjects(c, `subnet:${vnet.name}/${subnet.name}`));
  }
  return ip;
}

/** Explains why a static DIP cannot be used, with the platform's reserved-address rule. */
export function describeStaticDipProblem(
  problem: 'dip-outside-subnet' | 'dip-reserved' | 'dip-in-use' | 'dip-invalid',
  ip: string,
  vnet: string,
  subnet: string,
  prefix: string,
  holder: string | undefined,
  objects: string[],
): Refusal {
  switch (problem) {
    case 'dip-invalid':
      return refuse(problem, `'${ip}' is not an IPv4 address; give one like 10.0.1.10.`, objects);
    case 'dip-outside-subnet':
      return refuse(problem, `Static IP ${ip} is outside subnet '${subnet}' (${prefix}) of virtual network '${vnet}'; pick an address inside it (Test-AzureStaticVNetIP lists free ones).`, objects);
    case 'dip-reserved':
      return refuse(problem, `Static IP ${ip} is reserved in subnet '${subnet}' (${prefix}): Azure keeps the network address, .1–.3 and the broadcast address; the first usable address is .4.`, objects);
    case 'dip-in-use':
      return refuse(problem, `Static IP ${ip} in subnet '${subnet}' of virtual network '${vnet}' is already held by ${holder ?? 'another VM'}; pick a free address (Test-AzureStaticVNetIP).`, objects);
  }
}

function planFirstBoot(c: CreateVm, kind: 'image' | 'disk', os: OsFamily, from: 'Provisioning' | 'StartingVM', ctx: DecideContext): FollowUp {
  const p = ctx.profile;
  const bootMs = kind === 'disk' ? p.diskBootMs : ctx.drawDurationMs(os === 'Windows' ? p.windowsProvisionMs : p.linuxProvisionMs);
  const delayMs = c.outcome === 'ProvisioningTimeout' ? p.provisionTimeoutMs : bootMs;
  const action: FollowUpAction = {
    type: 'completeVmTransition', service: c.service, vm: c.name, from, sinceMs: ctx.nowMs, to: c.outcome ?? 'ReadyRole',
    linkedVm: undefined, linkedIn: undefined, linkedAtRemovals: 0,
  };
  // The VM does not exist yet: the fold links its record when it stores it, right after this decision.
  linkWhenStored(action);
  return { delayMs, action };
}
