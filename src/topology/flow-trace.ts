import type { SourceRef } from '../common/index.js';
import { formatIPv4, formatPrefix } from '../ipam/index.js';
import type { AclDecision } from './acl.js';
import type { Blocker, BlockerCode, Hop, HopKind, Leg } from './answer.js';
import type { FlowProtocol, TopoConnection, TopoEndpoint, TopoLocalSite, TopoService, TopoVm, TopoVnet } from './model.js';
import { keyOfVm, PORT_FREE } from './model.js';
import { vmObject } from './flow-end.js';
import type { TopologyIndex } from './topology-index.js';

/** Collects hops, blockers (each failed condition once) and assumptions while a flow is evaluated. */
export class FlowTrace {
  readonly hops: Hop[] = [];
  readonly blockers: Blocker[] = [];
  readonly assumptions: string[] = [];

  /** Records one step the packet met. */
  addHop(kind: HopKind, object: string, leg: Leg, ok: boolean, detail: string, source?: SourceRef | undefined): void {
    this.hops.push(source === undefined ? { kind, object, leg, ok, detail } : { kind, object, leg, ok, detail, source });
  }

  /** Records a failed condition; the same condition met on both legs is listed once. */
  addBlocker(blocker: Blocker): void {
    // A flow meets a handful of blockers at most, so a scan beats keeping a set per evaluated flow.
    for (const b of this.blockers) if (b.code === blocker.code && b.object === blocker.object) return;
    this.blockers.push(blocker);
  }

  /** Records a modelling assumption the verdict rests on. */
  addAssumption(text: string): void {
    if (!this.assumptions.includes(text)) this.assumptions.push(text);
  }
}

function makeBlocker(
  code: BlockerCode, object: string, leg: Leg, message: string, fix: string, source: SourceRef | undefined,
): Blocker {
  return source === undefined ? { code, object, leg, message, fix } : { code, object, leg, message, fix, source };
}

/** The object id of a VNet's gateway. */
export function gatewayObject(vnet: TopoVnet): string {
  return `gateway:${vnet.name}`;
}

/** The object id of one gateway connection. */
export function connectionObject(vnet: TopoVnet, connection: TopoConnection): string {
  return `connection:${vnet.name}->${connection.site}`;
}

/** A VM that must be running is not: stopped and deallocated VMs answer nothing. */
export function blockVmNotRunning(vm: TopoVm, leg: Leg): Blocker {
  return makeBlocker('vm-not-running', vmObject(vm), leg,
    `VM ${keyOfVm(vm)} is ${vm.state}, and only a ReadyRole VM sends or answers traffic`,
    `start it: Start-AzureVM -ServiceName ${vm.service} -Name ${vm.name}`, vm.source);
}

/**
 * Checks that a service may sit in a VNet: an affinity-group VNet spans only services of that group, a regional
 * VNet only services of that region (seed: "A Virtual Network can also span services – provided they are in the same
 * Affinity group and Region"). The engine refuses such a deployment; an imported world may still hold one.
 */
export function checkVnetMembership(index: TopologyIndex, service: TopoService, vnet: TopoVnet, leg: Leg): Blocker | undefined {
  const problem = findVnetMembershipProblem(index, service, vnet);
  if (problem === 'different-affinity-group') {
    return makeBlocker('different-affinity-group', `service:${service.name}`, leg,
      `service ${service.name} is in ${service.affinityGroup === undefined ? 'no affinity group' : `affinity group ${service.affinityGroup}`}, but VNet ${vnet.name} is bound to affinity group ${vnet.affinityGroup ?? ''}`,
      `redeploy ${service.name} with -AffinityGroup ${vnet.affinityGroup ?? ''} (a service joins a VNet only at deployment)`, service.source);
  }
  if (problem === undefined) return undefined;
  const vnetRegion = index.regionOfVnet(vnet) ?? '';
  return makeBlocker('different-region', `service:${service.name}`, leg,
    `service ${service.name} is in region ${index.regionOfService(service) ?? ''}, but VNet ${vnet.name} is in region ${vnetRegion}`,
    `redeploy ${service.name} with -Location "${vnetRegion}"`, service.source);
}

/** The code of {@link checkVnetMembership}'s blocker without its texts, for verdict-only flows. */
export function findVnetMembershipProblem(
  index: TopologyIndex, service: TopoService, vnet: TopoVnet,
): 'different-affinity-group' | 'different-region' | undefined {
  if (vnet.affinityGroup !== undefined) return service.affinityGroup === vnet.affinityGroup ? undefined : 'different-affinity-group';
  const vnetRegion = index.regionOfVnet(vnet);
  const serviceRegion = index.regionOfService(service);
  return vnetRegion === undefined || serviceRegion === undefined || vnetRegion === serviceRegion ? undefined : 'different-region';
}

/** The two ends share no private channel and no gateway route leads from one to the other. */
export function blockNoSharedNetwork(from: string, target: TopoVm | TopoService, leg: Leg): Blocker {
  const isVm = 'dip' in target;
  const object = isVm ? vmObject(target) : `service:${target.name}`;
  const what = isVm ? `private address ${formatIPv4(target.dip)} of ${keyOfVm(target)}` : `service ${target.name}`;
  return makeBlocker('no-shared-network', object, leg,
    `${from} shares no cloud service or virtual network with ${what}, and no gateway route leads there`,
    'deploy both into one VNet, connect their VNets through DynamicRouting gateways, or call a public endpoint on the VIP',
    target.source);
}

/** A gateway on the path is missing or not Provisioned. */
export function blockGatewayNotProvisioned(vnet: TopoVnet, leg: Leg): Blocker {
  const state = vnet.gateway?.state ?? 'absent';
  return makeBlocker('gateway-not-provisioned', gatewayObject(vnet), leg,
    `the gateway of VNet ${vnet.name} is ${state}; traffic leaves a VNet for a local site only through a Provisioned gateway`,
    state === 'Provisioning'
      ? `wait for provisioning to finish (10–17 minutes for StaticRouting, 20–35 for DynamicRouting), then connect`
      : `create it: New-AzureVNetGateway -VNetName ${vnet.name} -GatewayType DynamicRouting (20–35 minutes)`,
    vnet.gateway?.source ?? vnet.source);
}

/** A VNet-to-VNet leg crosses a StaticRouting (policy-based) gateway, which supports only one site-to-site tunnel. */
export function blockGatewayType(vnet: TopoVnet, leg: Leg): Blocker {
  return makeBlocker('gateway-type-unsupported', gatewayObject(vnet), leg,
    `the gateway of VNet ${vnet.name} is StaticRouting, and VNet-to-VNet needs DynamicRouting gateways at both ends`,
    `delete and recreate it: New-AzureVNetGateway -VNetName ${vnet.name} -GatewayType DynamicRouting (its IP changes)`,
    vnet.gateway?.source ?? vnet.source);
}

/** A connection on the path is not Connected. */
export function blockTunnel(vnet: TopoVnet, connection: TopoConnection, leg: Leg): Blocker {
  return makeBlocker('tunnel-not-connected', connectionObject(vnet, connection), leg,
    `the connection from VNet ${vnet.name} to local site ${connection.site} is ${connection.state}`,
    `check the shared key (Set-AzureVNetGatewayKey -VNetName ${vnet.name} -LocalNetworkSiteName ${connection.site}) and the device at ${connection.site}, then connect it`,
    connection.source);
}

/**
 * No local site on a VNet's gateway holds the address, so the gateway has nowhere to send it: a gateway routes only
 * the prefixes of the local sites it connects. Names those sites and their prefixes, and the declared site holding
 * the address when there is one, so the fix is concrete.
 */
export function blockPrefixNotInLocalSite(
  vnet: TopoVnet, address: number, leg: Leg, sites: { connected: readonly TopoLocalSite[]; holder: TopoLocalSite | undefined },
): Blocker {
  const ip = formatIPv4(address);
  const connected = sites.connected.length === 0
    ? 'it connects no local site'
    : `it connects ${sites.connected.map((s) => `${s.name} (${s.addressPrefixes.map(formatPrefix).join(', ')})`).join(', ')}`;
  const holder = sites.holder === undefined ? '' : `; ${ip} is in local site ${sites.holder.name}, which it does not connect`;
  return makeBlocker('prefix-not-in-local-site', `gateway:${vnet.name}`, leg,
    `no local site connected to the gateway of VNet ${vnet.name} holds ${ip}, so ${vnet.name} has no route to it: ${connected}${holder}`,
    sites.holder === undefined
      ? `add a prefix holding ${ip} to the AddressSpace of a local site connected to ${vnet.name}'s gateway (or declare a site for it and connect it)`
      : `connect ${vnet.name}'s gateway to ${sites.holder.name} (addSite, or gateway.connectionsToLocalNetwork), or add a prefix holding ${ip} to a site it connects`,
    vnet.gateway?.source ?? vnet.source);
}

/** Local sites chain back to a VNet already crossed. */
export function blockRoutingLoop(vnet: TopoVnet, address: number, leg: Leg): Blocker {
  return makeBlocker('routing-loop', `gateway:${vnet.name}`, leg,
    `traffic for ${formatIPv4(address)} returns to VNet ${vnet.name} through the chain of local sites without arriving`,
    `narrow the local site prefixes so that exactly one chain of sites leads to ${formatIPv4(address)}`,
    vnet.gateway?.source ?? vnet.source);
}

/** A service has no VIP: no deployment is running, so nothing enters or leaves through a public address. */
export function blockNoVip(service: TopoService, leg: Leg): Blocker {
  return makeBlocker('no-vip', `service:${service.name}`, leg,
    // A PaaS service's public VIP (name.cloudapp.net) belongs to its production slot; staging answers elsewhere.
    service.kind === 'PaaS'
      ? `cloud service ${service.name} has no production deployment, so ${service.name}.cloudapp.net has no VIP`
      : `cloud service ${service.name} has no VIP (a VIP is released once every VM is deallocated or deleted)`,
    service.kind === 'PaaS'
      ? `deploy ${service.name} to the production slot, or swap its staging deployment into production (Move-AzureDeployment)`
      : `start a VM of ${service.name} so the service gets a VIP again`,
    service.source);
}

/** The target VM publishes no endpoint for the protocol and port. */
export function blockNoEndpoint(object: string, where: string, protocol: FlowProtocol, port: number, vm: TopoVm | undefined, leg: Leg): Blocker {
  // Asked on no particular port, the flow found the VM publishes no endpoint at all.
  if (port === PORT_FREE && vm !== undefined) {
    return makeBlocker('no-endpoint', object, leg,
      `${where} publishes no endpoint, and across cloud services only public endpoints on the VIP are reachable`,
      `add one for the port you need: Get-AzureVM -ServiceName ${vm.service} -Name ${vm.name} | Add-AzureEndpoint -Name NAME -Protocol tcp -LocalPort PORT -PublicPort PORT | Update-AzureVM`,
      vm.source);
  }
  return makeBlocker('no-endpoint', object, leg,
    `${where} has no ${protocol} endpoint for port ${port}, and across cloud services only public endpoints on the VIP are reachable`,
    vm === undefined
      ? `add an endpoint with public port ${port} to a VM of the service (Add-AzureEndpoint -Protocol ${protocol} -PublicPort ${port})`
      : `add one: Get-AzureVM -ServiceName ${vm.service} -Name ${vm.name} | Add-AzureEndpoint -Name ${protocol}${port} -Protocol ${protocol} -LocalPort ${port} | Update-AzureVM`,
    vm?.source);
}

/** The endpoint ACL turns the caller's public address away. */
export function blockAclDenied(vm: TopoVm, endpoint: TopoEndpoint, decision: AclDecision, remote: number, leg: Leg): Blocker {
  const key = keyOfVm(vm);
  const address = formatIPv4(remote);
  const why = decision.rule === undefined
    ? `no rule matches ${address} and the ACL has permit rules, so everyone else is denied`
    : `rule ${decision.rule.order} (${decision.rule.action} ${formatPrefix(decision.rule.remoteSubnet)}) matches ${address} first`;
  return makeBlocker('acl-denied', `endpoint:${key}/${endpoint.name}`, leg,
    `endpoint ${endpoint.name} of ${key} denies ${address}: ${why}`,
    `add a permit rule for ${address}/32 with an order lower than every deny rule that matches (Set-AzureAclConfig -AddRule -Action Permit)`,
    decision.rule?.source ?? endpoint.source);
}

/** An address that is no VIP, DIP, local-site address nor public Internet address. */
export function blockUnknownAddress(address: number, leg: Leg): Blocker {
  return makeBlocker('unknown-address', `address:${formatIPv4(address)}`, leg,
    `${formatIPv4(address)} is no VM's DIP, no service VIP and lies in no local site`,
    'name a VM (service:vm), a DIP, VIP:port, or an address inside a local network site', undefined);
}
