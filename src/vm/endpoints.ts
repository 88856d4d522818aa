import type { AclRule, AddEndpoint, EndpointProtocol, OsFamily, RemoveEndpoint, SetEndpointAcl } from './commands.js';
import { accept, reject, type DecideContext, type Decision } from './context.js';
import { makeEvent, type ComputeEventBody } from './events.js';
import { parsePrefix4 } from '../ipam/index.js';
import { findVm, listServiceVms, type ComputeWorld, type Endpoint, type Vm } from './model.js';
import { refuse, type Refusal } from './refusal.js';
import { isPublicPortTaken, vipPortsOf, type VipPorts } from './vip-ports.js';

/**
 * Input endpoints: a public port on the service VIP mapped to a private port on one VM. Every VM of a service shares
 * the VIP, so a public port (per protocol) is unique on it unless the endpoints form one load-balanced set.
 */

/** Private port of Remote Desktop on Windows VMs (New-AzureQuickVM: `LocalPort = 3389`). */
export const RDP_PRIVATE_PORT = 3389;
/** WinRM over HTTPS, the "PowerShell" endpoint; its public port equals the private one when free. */
export const WINRM_HTTPS_PORT = 5986;
/** SSH on Linux VMs; public 22 for the first VM of a service, an automatic port for later ones. */
export const SSH_PORT = 22;
/** Highest valid TCP/UDP port. */
export const MAX_PORT = 65_535;

/** Key of a public port on a VIP. */
export function formatPortKey(protocol: EndpointProtocol, port: number): string {
  return `${protocol}:${port}`;
}

/** Number of input endpoints of a service's VMs (limit 150 per service, LIMITS-2015). */
export function countServiceEndpoints(world: ComputeWorld, service: string): number {
  const deployment = world.services[service]?.deployments.production;
  if (deployment == null || deployment.kind !== 'IaaS') return 0;
  return vipPortsOf(world, service, deployment).endpointCount;
}

/** The ports of a VIP no VM uses yet. */
const NO_PORTS: VipPorts = { holders: new Map(), endpointCount: 0 };

/** A management endpoint New-AzureVM opens on a VM made from an image: TCP, in no load-balanced set, without ACL. */
export interface ManagementEndpoint {
  name: string;
  privatePort: number;
}

/**
 * Endpoints the platform opens on a VM made from an image: Windows gets RemoteDesktop (random public port) and
 * PowerShell (5986), Linux gets SSH (22 if free, else random) — azure-classic.md §4.2.
 */
export const MANAGEMENT_ENDPOINTS: Readonly<Record<OsFamily, readonly ManagementEndpoint[]>> = {
  Windows: [{ name: 'RemoteDesktop', privatePort: RDP_PRIVATE_PORT }, { name: 'PowerShell', privatePort: WINRM_HTTPS_PORT }],
  Linux: [{ name: 'SSH', privatePort: SSH_PORT }],
};

/** A free public TCP port of the VIP, other than `alsoTaken` (the port just planned for the VM's other endpoint). */
function pickFreeTcpPort(vip: VipPorts, alsoTaken: number, ctx: DecideContext): number {
  return ctx.pickPublicPort((port) => port === alsoTaken || isPublicPortTaken(vip, 'tcp', port));
}

/**
 * The public ports of {@link MANAGEMENT_ENDPOINTS}`[os]`, in order. `ports` are the VIP's taken ports (undefined for
 * a service's first VM); each planned endpoint's port counts as taken for the next.
 */
export function planManagementPorts(os: OsFamily, ports: VipPorts | undefined, ctx: DecideContext): number[] {
  const vip = ports ?? NO_PORTS;
  if (os === 'Windows') {
    const rdp = pickFreeTcpPort(vip, 0, ctx);
    const winrm = rdp !== WINRM_HTTPS_PORT && !isPublicPortTaken(vip, 'tcp', WINRM_HTTPS_PORT) ? WINRM_HTTPS_PORT : pickFreeTcpPort(vip, rdp, ctx);
    return [rdp, winrm];
  }
  return [isPublicPortTaken(vip, 'tcp', SSH_PORT) ? pickFreeTcpPort(vip, 0, ctx) : SSH_PORT];
}

/**
 * The ACL of an endpoint without rules, shared (and frozen) by every such event and endpoint record: New-AzureVM opens
 * one or two per VM, and nothing edits an ACL in place (Set-AzureEndpoint -ACL replaces it).
 */
export const EMPTY_ACL: AclRule[] = Object.freeze([]) as readonly AclRule[] as AclRule[];

/** The `endpoint.added` event of a management endpoint. */
export function makeManagementEndpointAdded(service: string, vm: string, endpoint: ManagementEndpoint, publicPort: number): ComputeEventBody {
  return { type: 'endpoint.added', service, vm, endpoint: endpoint.name, protocol: 'tcp', publicPort, privatePort: endpoint.privatePort, acl: EMPTY_ACL };
}

/** Builds the `endpoint.added` event for an endpoint. */
export function makeEndpointAdded(service: string, vm: string, e: Endpoint): ComputeEventBody {
  const { name: endpoint, protocol, publicPort, privatePort, loadBalancedSet, acl } = e;
  return loadBalancedSet === null
    ? { type: 'endpoint.added', service, vm, endpoint, protocol, publicPort, privatePort, acl }
    : { type: 'endpoint.added', service, vm, endpoint, protocol, publicPort, privatePort, loadBalancedSet, acl };
}

/** Finds a VM or explains which of service or VM is missing. */
export function lookUpVm(world: ComputeWorld, service: string, name: string): Vm | Refusal {
  if (world.services[service] === undefined) {
    return refuse('unknown-service', `Cloud service '${service}' does not exist; create it first (New-AzureService).`, [`service:${service}`]);
  }
  return findVm(world, service, name) ?? refuse('unknown-vm', `Cloud service '${service}' has no virtual machine '${name}'; check the name (Get-AzureVM -ServiceName ${service}).`, [`vm:${service}/${name}`]);
}

/** Checks an ACL: unique orders, valid remote subnets, at most the per-endpoint rule limit. */
export function checkAcl(acl: readonly AclRule[], maxRules: number, owner: string): Refusal | undefined {
  if (acl.length > maxRules) {
    return refuse('limit-acl-rules', `Endpoint ${owner} has ${acl.length} ACL rules; at most ${maxRules} are allowed per endpoint. Merge rules into wider subnets.`, [owner]);
  }
  const orders = new Set<number>();
  for (const rule of acl) {
    if (orders.has(rule.order)) {
      return refuse('acl-order-duplicate', `Endpoint ${owner} has two ACL rules with order ${rule.order}; each rule needs its own order (lowest wins).`, [owner]);
    }
    orders.add(rule.order);
    if (!parsePrefix4(rule.remoteSubnet).ok) {
      return refuse('acl-invalid-subnet', `ACL rule ${rule.order} of endpoint ${owner} has remote subnet '${rule.remoteSubnet}', which is not an IPv4 prefix like 203.0.113.0/24.`, [owner]);
    }
  }
  return undefined;
}

function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= MAX_PORT;
}

/** Decides Add-AzureEndpoint: unique name on the VM, unique public port on the VIP unless it joins the same LB set. */
export function decideAddEndpoint(world: ComputeWorld, c: AddEndpoint, ctx: DecideContext): Decision {
  const vm = lookUpVm(world, c.service, c.vm);
  if ('code' in vm) return reject(vm);
  const owner = `endpoint:${c.service}/${c.vm}/${c.name}`;
  if (vm.endpoints[c.name] !== undefined) {
    return reject(refuse('endpoint-exists', `VM '${c.vm}' in cloud service '${c.service}' already has an endpoint '${c.name}'; pick another name or remove it first.`, [owner]));
  }
  for (const port of [c.privatePort, c.publicPort]) {
    if (port !== undefined && !isValidPort(port)) {
      return reject(refuse('port-out-of-range', `Endpoint '${c.name}' uses port ${port}; ports are integers from 1 to ${MAX_PORT}.`, [owner]));
    }
  }
  if (countServiceEndpoints(world, c.service) + 1 > ctx.limits.endpointsPerService) {
    return reject(refuse('limit-endpoints-per-service', `Cloud service '${c.service}' already has ${ctx.limits.endpointsPerService} input endpoints, the limit per cloud service; remove one first.`, [`service:${c.service}`]));
  }
  const aclProblem = checkAcl(c.acl ?? [], ctx.limits.aclRulesPerEndpoint, owner);
  if (aclProblem !== undefined) return reject(aclProblem);
  const peers = listServiceVms(world, c.service).flatMap((other) => Object.values(other.endpoints).map((e) => ({ vm: other.name, e })));
  const setPeer = c.loadBalancedSet === undefined ? undefined : peers.find((p) => p.e.loadBalancedSet === c.loadBalancedSet);
  if (setPeer !== undefined && ((c.publicPort !== undefined && c.publicPort !== setPeer.e.publicPort) || c.protocol !== setPeer.e.protocol)) {
    return reject(refuse('lb-set-mismatch', `Load-balanced set '${c.loadBalancedSet}' of cloud service '${c.service}' uses ${setPeer.e.protocol} public port ${setPeer.e.publicPort}; endpoint '${c.name}' must use the same protocol and public port to join it.`, [owner]));
  }
  const deployment = world.services[c.service]?.deployments.production;
  // The VIP's port index answers each candidate the random pick draws; scanning every peer per candidate was O(service).
  const taken = deployment == null ? NO_PORTS : vipPortsOf(world, c.service, deployment);
  const publicPort = c.publicPort ?? setPeer?.e.publicPort ?? ctx.pickPublicPort((p) => isPublicPortTaken(taken, c.protocol, p));
  const holder = peers.find((p) => p.e.protocol === c.protocol && p.e.publicPort === publicPort);
  const joinsSet = holder !== undefined && c.loadBalancedSet !== undefined && holder.e.loadBalancedSet === c.loadBalancedSet && holder.vm !== c.vm;
  if (holder !== undefined && !joinsSet) {
    return reject(refuse('public-port-in-use', `Public ${c.protocol} port ${publicPort} on the VIP of cloud service '${c.service}' is already used by endpoint '${holder.e.name}' of VM '${holder.vm}'; pick another public port, or put both endpoints in one load-balanced set.`, [owner, `endpoint:${c.service}/${holder.vm}/${holder.e.name}`]));
  }
  const endpoint: Endpoint = { name: c.name, protocol: c.protocol, publicPort, privatePort: c.privatePort, loadBalancedSet: c.loadBalancedSet ?? null, acl: c.acl ?? [] };
  return accept([makeEndpointAdded(c.service, c.vm, endpoint)]);
}

/** Decides Remove-AzureEndpoint. */
export function decideRemoveEndpoint(world: ComputeWorld, c: RemoveEndpoint): Decision {
  const vm = lookUpVm(world, c.service, c.vm);
  if ('code' in vm) return reject(vm);
  const endpoint = vm.endpoints[c.name];
  if (endpoint === undefined) return reject(unknownEndpoint(vm, c.name));
  return accept([makeEvent('endpoint.removed', { service: c.service, vm: c.vm, endpoint: c.name, protocol: endpoint.protocol, publicPort: endpoint.publicPort })]);
}

/** Decides Set-AzureEndpoint -ACL. */
export function decideSetEndpointAcl(world: ComputeWorld, c: SetEndpointAcl, ctx: DecideContext): Decision {
  const vm = lookUpVm(world, c.service, c.vm);
  if ('code' in vm) return reject(vm);
  if (vm.endpoints[c.name] === undefined) return reject(unknownEndpoint(vm, c.name));
  const problem = checkAcl(c.acl, ctx.limits.aclRulesPerEndpoint, `endpoint:${c.service}/${c.vm}/${c.name}`);
  if (problem !== undefined) return reject(problem);
  return accept([makeEvent('endpoint.aclChanged', { service: c.service, vm: c.vm, endpoint: c.name, acl: c.acl })]);
}

function unknownEndpoint(vm: Vm, name: string): Refusal {
  const names = Object.keys(vm.endpoints);
  return refuse('unknown-endpoint', `VM '${vm.name}' in cloud service '${vm.service}' has no endpoint '${name}'; its endpoints are ${names.map((n) => `'${n}'`).join(', ') || '(none)'}.`, [`endpoint:${vm.service}/${vm.name}/${name}`]);
}
