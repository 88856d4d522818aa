import {
  describeDeploymentStatus, describeInternalDnsSuffix, describePowerState, describeVipName, roleKey,
  type ComputeRecords, type RoleRecord,
} from '../asm/index.js';
import { listServiceVms, type CloudService, type Endpoint, type Vm, type World } from '../sim/index.js';
import { parentElement, textElement, type XmlNode } from './xml-writer.js';

const el = (name: string, ...children: XmlNode[]): XmlNode => parentElement(name, children);
const text = textElement;
const nil = (name: string): XmlNode => ({ name, nil: true });
const typed = (name: string, type: string, ...children: XmlNode[]): XmlNode => ({ name, type, children });

/**
 * The compute wire shapes, element for element in the order the live API sent them (asm-recorded.md §3.1–§3.3, cited
 * per shape). Only the NetworkConfiguration set of a role is ever returned: provisioning sets (passwords) never come
 * back.
 */

/** Everything a compute shape needs besides the world: the records, the URL base and the simulated clock. */
export interface ComputeShapeContext {
  world: World;
  records: ComputeRecords;
  /** `https://management.core.windows.net/<sub>` or the emulator's own base, for Url elements. */
  subscriptionUrl: string;
  /** Formats a simulated instant as the platform's ISO time. */
  formatTime: (simMs: number) => string;
}

const base64 = (value: string): string => Buffer.from(value, 'utf8').toString('base64');

/** HostedServiceProperties (STC; SVCSHOW writes `<Description i:nil="true"/>` when none). */
function hostedServiceProperties(service: CloudService, ctx: ComputeShapeContext): XmlNode {
  const record = ctx.records.services[service.name];
  const created = ctx.formatTime(record?.createdMs ?? 0);
  return el('HostedServiceProperties',
    record?.description == null ? nil('Description') : text('Description', record.description),
    service.affinityGroup === null ? text('Location', service.region) : text('AffinityGroup', service.affinityGroup),
    text('Label', base64(record?.label ?? service.name)),
    text('Status', 'Created'),
    text('DateCreated', created),
    text('DateLastModified', ctx.formatTime(record?.modifiedMs ?? 0)),
    el('ExtendedProperties', ...Object.entries(record?.extendedProperties ?? {}).map(([name, value]) => el('ExtendedProperty', text('Name', name), text('Value', value)))),
  );
}

/** `Url` of a hosted service: `{base}/services/hostedservices/{name}`, no `/subscriptions/` (STC). */
function hostedServiceUrl(name: string, ctx: ComputeShapeContext): string {
  return `${ctx.subscriptionUrl}/services/hostedservices/${name}`;
}

/** One HostedService of GET hostedservices, or GET hostedservices/<svc> (with Deployments when embed-detail=true). */
export function hostedServiceXml(service: CloudService, ctx: ComputeShapeContext, embedDetail: boolean): XmlNode {
  const deployment = embedDetail && service.deployments.production !== null ? [deploymentXml(service, ctx)] : [];
  return el('HostedService',
    text('Url', hostedServiceUrl(service.name, ctx)),
    text('ServiceName', service.name),
    hostedServiceProperties(service, ctx),
    ...(embedDetail ? [el('Deployments', ...deployment)] : []),
  );
}

/** HostedServices (GET /services/hostedservices). */
export function hostedServicesXml(ctx: ComputeShapeContext): XmlNode {
  return el('HostedServices', ...Object.values(ctx.world.services).map((s) => hostedServiceXml(s, ctx, false)));
}

function instanceEndpointXml(e: Endpoint, vip: string | null): XmlNode {
  return el('InstanceEndpoint',
    text('Name', e.name),
    ...(vip === null ? [] : [text('Vip', vip)]),
    text('PublicPort', String(e.publicPort)),
    text('LocalPort', String(e.privatePort)),
    text('Protocol', e.protocol),
  );
}

/** RoleInstance (STSHOW order: …, IpAddress, InstanceEndpoints, PowerState, HostName, …). */
function roleInstanceXml(vm: Vm, vip: string | null): XmlNode {
  const endpoints = Object.values(vm.endpoints);
  return el('RoleInstance',
    text('RoleName', vm.name),
    text('InstanceName', vm.name),
    text('InstanceStatus', vm.state),
    text('InstanceUpgradeDomain', '0'),
    text('InstanceFaultDomain', '0'),
    text('InstanceSize', vm.size),
    text('InstanceStateDetails', ''),
    ...(vm.dip === null ? [] : [text('IpAddress', vm.dip)]),
    ...(endpoints.length === 0 ? [] : [el('InstanceEndpoints', ...endpoints.map((e) => instanceEndpointXml(e, vip)))]),
    text('PowerState', describePowerState(vm.state)),
    text('HostName', vm.hostName ?? vm.name),
  );
}

/**
 * InputEndpoint (EPC/ACL order, LoadBalancerName? after EndpointAcl); the deployment's RoleList carries the Vip, role
 * GET does not. An endpoint on the internal load balancer names it and its Vip is the private one.
 */
function inputEndpointXml(e: Endpoint, publicVip: string | null, ilb: { name: string; ip: string } | undefined): XmlNode {
  const vip = ilb === undefined || publicVip === null ? publicVip : ilb.ip;
  const acl = e.acl.length === 0 ? [] : [el('EndpointAcl', el('Rules', ...e.acl.map((rule) => el('Rule',
    text('Order', String(rule.order)),
    text('Action', rule.action),
    text('RemoteSubnet', rule.remoteSubnet),
    text('Description', rule.description ?? ''),
  ))))];
  return el('InputEndpoint',
    ...(e.loadBalancedSet === null ? [] : [text('LoadBalancedEndpointSetName', e.loadBalancedSet)]),
    text('LocalPort', String(e.privatePort)),
    text('Name', e.name),
    text('Port', String(e.publicPort)),
    text('Protocol', e.protocol),
    ...(vip === null ? [] : [text('Vip', vip)]),
    text('EnableDirectServerReturn', 'false'),
    ...acl,
    ...(ilb === undefined ? [] : [text('LoadBalancerName', ilb.name)]),
  );
}

/** The NetworkConfiguration set, the only set the platform returned (STRM). */
function networkConfigurationSetXml(vm: Vm, vip: string | null, ctx: ComputeShapeContext): XmlNode {
  const endpoints = Object.values(vm.endpoints);
  const settings = ctx.records.roles[roleKey(vm.service, vm.name)]?.endpointSettings;
  const ilb = ctx.world.internalLoadBalancers[vm.service];
  const ilbOf = (e: Endpoint): { name: string; ip: string } | undefined =>
    ilb !== undefined && settings?.[e.name]?.internalLoadBalancerName?.toLowerCase() === ilb.name.toLowerCase() ? ilb : undefined;
  return typed('ConfigurationSet', 'NetworkConfigurationSet',
    text('ConfigurationSetType', 'NetworkConfiguration'),
    ...(endpoints.length === 0 ? [] : [el('InputEndpoints', ...endpoints.map((e) => inputEndpointXml(e, vip, ilbOf(e))))]),
    ...(vm.subnet === null ? [] : [el('SubnetNames', text('SubnetName', vm.subnet))]),
    ...(vm.isStatic && vm.dip !== null ? [text('StaticVirtualNetworkIPAddress', vm.dip)] : []),
  );
}

function dataDisksXml(record: RoleRecord | undefined): XmlNode {
  return el('DataVirtualHardDisks', ...(record?.dataDisks ?? []).map((d) => el('DataVirtualHardDisk',
    text('HostCaching', d.hostCaching),
    text('DiskLabel', d.label),
    text('DiskName', d.name),
    text('Lun', String(d.lun)),
    text('LogicalDiskSizeInGB', String(d.sizeGb)),
    text('MediaLink', d.mediaLink),
  )));
}

/** The children of a PersistentVMRole (role GET, and each Role of a deployment's RoleList). */
function roleChildren(vm: Vm, ctx: ComputeShapeContext, vip: string | null): XmlNode[] {
  const record = ctx.records.roles[roleKey(vm.service, vm.name)];
  const source = 'image' in vm.source ? vm.source.image : undefined;
  return [
    text('RoleName', vm.name),
    text('OsVersion', ''),
    text('RoleType', 'PersistentVMRole'),
    el('ConfigurationSets', networkConfigurationSetXml(vm, vip, ctx)),
    ...(record?.availabilitySet == null ? [] : [text('AvailabilitySetName', record.availabilitySet)]),
    dataDisksXml(record),
    el('OSVirtualHardDisk',
      text('HostCaching', record?.osDiskHostCaching ?? 'ReadWrite'),
      text('DiskName', vm.osDisk),
      text('MediaLink', record?.osDiskMediaLink ?? ctx.records.osDiskMedia[vm.osDisk]?.mediaLink ?? ''),
      ...(source === undefined ? [] : [text('SourceImageName', source)]),
      text('OS', vm.os),
      text('IOType', 'Standard'),
    ),
    text('RoleSize', vm.size),
    text('ProvisionGuestAgent', String(record?.provisionGuestAgent ?? true)),
  ];
}

/** PersistentVMRole (GET …/roles/<vm>): the endpoints carry no Vip (asm-recorded.md §3.3). */
export function persistentVmRoleXml(vm: Vm, ctx: ComputeShapeContext): XmlNode {
  return el('PersistentVMRole', ...roleChildren(vm, ctx, null));
}

/** A ServiceConfiguration document for the Configuration element (base64), one Role per VM. */
function serviceConfiguration(service: string, vms: readonly Vm[]): string {
  const roles = vms.map((vm) => `<Role name="${vm.name}"><Instances count="1" /></Role>`).join('');
  return `<ServiceConfiguration xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" serviceName="${service}" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration">${roles}</ServiceConfiguration>`;
}

/**
 * Deployment (GET deploymentslots/Production and deployments/<d>), STSHOW order: VirtualNetworkName between
 * RollbackAllowed and CreatedTime, VirtualNetworkId last.
 */
export function deploymentXml(service: CloudService, ctx: ComputeShapeContext): XmlNode {
  const deployment = service.deployments.production;
  if (deployment === null) throw new Error(`deploymentXml: ${service.name} has no deployment`);
  const vms = listServiceVms(ctx.world, service.name);
  const record = ctx.records.deployments[service.name];
  const vip = service.vips.production;
  const reserved = findReservedVip(service.name, ctx.world);
  return el('Deployment',
    text('Name', deployment.name),
    text('DeploymentSlot', 'Production'),
    text('PrivateID', record?.privateId ?? '0'.repeat(32)),
    text('Status', describeDeploymentStatus(ctx.world, service.name)),
    text('Label', base64(record?.label ?? deployment.name)),
    text('Url', `http://${service.dnsName}/`),
    text('Configuration', base64(serviceConfiguration(service.name, vms))),
    el('RoleInstanceList', ...vms.map((vm) => roleInstanceXml(vm, vip))),
    text('UpgradeDomainCount', '1'),
    el('RoleList', ...vms.map((vm) => typed('Role', 'PersistentVMRole', ...roleChildren(vm, ctx, vip)))),
    text('SdkVersion', ''),
    text('Locked', 'false'),
    text('RollbackAllowed', 'false'),
    ...(deployment.vnet === null ? [] : [text('VirtualNetworkName', deployment.vnet)]),
    text('CreatedTime', ctx.formatTime(record?.createdMs ?? 0)),
    text('LastModifiedTime', ctx.formatTime(record?.modifiedMs ?? 0)),
    el('ExtendedProperties'),
    el('VirtualIPs', ...virtualIpsXml(service, vms, ctx)),
    ...(reserved === undefined ? [] : [text('ReservedIPName', reserved.name)]),
    text('InternalDnsSuffix', describeInternalDnsSuffix(service.name)),
    el('LoadBalancers', ...loadBalancersXml(service.name, ctx)),
    ...(deployment.vnet === null ? [] : [text('VirtualNetworkId', vnetId(deployment.vnet))]),
  );
}

/** The reserved IP that is the service's VIP, if it has one (New-AzureVM -ReservedIPName, a deployment's ReservedIPName). */
function findReservedVip(service: string, world: World): { name: string } | undefined {
  return Object.values(world.reservedIps).find((r) => r.service === service);
}

/**
 * VirtualIP{Address, IsDnsProgrammed, Name, IsReserved?, ReservedIPName?, Type?} (STSHOW, asm-recorded.md §3.2): the
 * public VIP, marked reserved when it is one, then the internal load balancer's private VIP with Type Private, as
 * Get-AzureInternalLoadBalancer read its address from the deployment [U: no recording of a deployment with an ILB].
 */
function virtualIpsXml(service: CloudService, vms: readonly Vm[], ctx: ComputeShapeContext): XmlNode[] {
  const vip = service.vips.production;
  const reserved = findReservedVip(service.name, ctx.world);
  const ilb = ctx.world.internalLoadBalancers[service.name];
  return [
    ...(vip === null ? [] : [el('VirtualIP', text('Address', vip), text('IsDnsProgrammed', 'true'), text('Name', describeVipName(vms, service.name)),
      ...(reserved === undefined ? [] : [text('IsReserved', 'true'), text('ReservedIPName', reserved.name)]))]),
    ...(ilb === undefined ? [] : [el('VirtualIP', text('Address', ilb.ip), text('IsDnsProgrammed', 'false'), text('Name', ilb.name), text('Type', 'Private'))]),
  ];
}

/**
 * LoadBalancers{LoadBalancer{Name, FrontendIpConfiguration{Type, SubnetName?, StaticVirtualNetworkIPAddress?}}}, the
 * shape Create Load Balancer takes and `azure service internal-load-balancer list` reads; the address appears only
 * when the request named one (the allocated one is in VirtualIPs).
 */
function loadBalancersXml(service: string, ctx: ComputeShapeContext): XmlNode[] {
  const ilb = ctx.world.internalLoadBalancers[service];
  if (ilb === undefined) return [];
  const staticIp = ctx.records.internalLoadBalancerStaticIps[service];
  return [el('LoadBalancer', text('Name', ilb.name), el('FrontendIpConfiguration',
    text('Type', 'Private'),
    ...(ilb.subnet === null ? [] : [text('SubnetName', ilb.subnet)]),
    ...(staticIp === ilb.ip ? [text('StaticVirtualNetworkIPAddress', staticIp)] : []),
  ))];
}

/** A stable GUID-shaped id for a VNet name (the platform's VirtualNetworkId is a GUID). */
function vnetId(name: string): string {
  let hash = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}:${name}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(hash.toString(16).padStart(8, '0'));
  }
  const all = hex.join('');
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20, 32)}`;
}
