import { formatIPv4, formatPrefix } from '../ipam/index.js';
import { evaluateAcl, type AclDecision } from './acl.js';
import { pickDisposition, type FlowAnswer, type Leg, type PathKind } from './answer.js';
import { describeFlowEnd, vmObject, type FlowEnd, type FlowSource } from './flow-end.js';
import { describeGuestFirewall, labelEndpoint } from './flow-labels.js';
import {
  blockAclDenied, blockGatewayNotProvisioned, blockGatewayType, blockNoEndpoint, blockNoSharedNetwork, blockNoVip,
  blockPrefixNotInLocalSite, blockRoutingLoop, blockTunnel, blockUnknownAddress, blockVmNotRunning,
  checkVnetMembership, connectionObject, FlowTrace, gatewayObject,
} from './flow-trace.js';
import { isInPrefixes, traceGatewayRoute, type GatewayRoute } from './gateway-route.js';
import type { FlowProtocol, TopoEndpoint, TopoLocalSite, TopoService, TopoVm, TopoVnet } from './model.js';
import { isVmRunning, keyOfVm, PORT_FREE } from './model.js';
import { TopologyError } from './topology-change.js';
import type { TopologyIndex } from './topology-index.js';

/** What is asked: the transport and the destination port (the private port for VMs, the public one for VIP:port). */
export interface FlowQuery {
  protocol: FlowProtocol;
  port: number;
}

/** A question on no particular port; no rule on a port-free path reads its protocol or port. */
export const PORT_FREE_QUERY: Readonly<FlowQuery> = { protocol: 'tcp', port: PORT_FREE };

/**
 * Evaluates one direction of a flow: picks the intended path from where both ends sit, then checks every condition
 * on it (and on the reply it needs), recording each as a hop and each failure as a blocker.
 */
export function evaluateFlow(index: TopologyIndex, from: FlowSource, to: FlowEnd, query: FlowQuery): FlowAnswer {
  const trace = new FlowTrace();
  const path = tracePath(index, from, to, query, trace);
  const disposition = pickDisposition(trace.blockers);
  return {
    verdict: disposition === 'delivered' ? 'reachable' : 'unreachable',
    disposition,
    path,
    from: labelFlowEnd(index, from),
    to: labelFlowEnd(index, to),
    protocol: query.protocol,
    port: query.port,
    hops: trace.hops,
    blockers: trace.blockers,
    assumptions: trace.assumptions,
  };
}

function tracePath(index: TopologyIndex, from: FlowSource, to: FlowEnd, query: FlowQuery, trace: FlowTrace): PathKind {
  if (from.kind === 'unknown' || to.kind === 'unknown') {
    if (from.kind === 'unknown') trace.addBlocker(blockUnknownAddress(from.address, 'forward'));
    if (to.kind === 'unknown') trace.addBlocker(blockUnknownAddress(to.address, 'forward'));
    return 'none';
  }
  if (from.kind === 'vm') {
    const running = isVmRunning(from.vm);
    const labels = index.labels.ofVm(from.vm);
    trace.addHop('originate', labels.object, 'forward', running, labels.stateDetail, from.vm.source);
    if (!running) trace.addBlocker(blockVmNotRunning(from.vm, 'forward'));
  }
  if (to.kind === 'vip-port') return tracePublicEndpoint(index, from, to, query, trace);
  if (to.kind === 'vm') {
    if (from.kind === 'vm') return traceVmToVm(index, from, to, query, trace);
    if (from.kind === 'site') return traceSiteToVm(index, from.address, to.vm, trace);
    if (from.kind === 'internet' && to.via === 'name') return tracePublicEndpoint(index, from, to, query, trace);
    checkTargetRunning(index, to.vm, trace);
    trace.addBlocker(blockNoSharedNetwork(describeFlowEnd(from), to.vm, 'forward'));
    return 'none';
  }
  if (from.kind !== 'vm') {
    throw new TopologyError('outside-model', `a flow from ${describeFlowEnd(from)} to ${describeFlowEnd(to)} never enters Azure`);
  }
  if (to.kind === 'site') return traceVmToSite(index, from.vm, to.address, trace);
  return traceInternetEgress(index, from.vm, to.address, trace);
}

/** {@link describeFlowEnd} with the VM's key from the index's labels. */
function labelFlowEnd(index: TopologyIndex, end: FlowEnd): string {
  return end.kind === 'vm' && end.via === 'name' ? index.labels.ofVm(end.vm).key : describeFlowEnd(end);
}

function checkTargetRunning(index: TopologyIndex, vm: TopoVm, trace: FlowTrace): void {
  const running = isVmRunning(vm);
  const labels = index.labels.ofVm(vm);
  trace.addHop('deliver', labels.object, 'forward', running, labels.stateDetail, vm.source);
  if (!running) trace.addBlocker(blockVmNotRunning(vm, 'forward'));
}

function checkMembership(index: TopologyIndex, service: TopoService, vnet: TopoVnet, leg: Leg, trace: FlowTrace): void {
  const blocker = checkVnetMembership(index, service, vnet, leg);
  trace.addHop('vnet', `vnet:${vnet.name}`, leg, blocker === undefined, `service ${service.name} sits in VNet ${vnet.name}`, vnet.source);
  if (blocker !== undefined) trace.addBlocker(blocker);
}

function traceVmToVm(
  index: TopologyIndex, from: FlowSource & { kind: 'vm' }, to: FlowEnd & { kind: 'vm' }, query: FlowQuery, trace: FlowTrace,
): PathKind {
  const a = from.vm;
  const b = to.vm;
  const labelsA = index.labels.ofVm(a);
  const labelsB = index.labels.ofVm(b);
  const serviceA = labelsA.service;
  const serviceB = labelsB.service;
  guestFirewallAssumption(index, b, query.protocol, query.port, trace);
  if (serviceA.name === serviceB.name) {
    // azure-classic.md §4.3: VMs of one cloud service talk over the private channel, VNet or not.
    trace.addHop('private-channel', `service:${serviceA.name}`, 'forward', true, `same cloud service ${serviceA.name}: direct private channel`, serviceA.source);
    checkTargetRunning(index, b, trace);
    return 'same-service';
  }
  const vnetA = labelsA.vnet;
  const vnetB = labelsB.vnet;
  if (vnetA !== undefined && vnetA === vnetB) {
    // seed: "All machines within a Virtual Network can freely communicate ... no IP subnet isolation."
    checkMembership(index, serviceA, vnetA, 'forward', trace);
    checkMembership(index, serviceB, vnetA, 'forward', trace);
    trace.addAssumption(`subnets of VNet ${vnetA.name} do not isolate traffic (classic VNets have no subnet isolation)`);
    checkTargetRunning(index, b, trace);
    return 'same-vnet';
  }
  if (vnetA !== undefined && vnetB !== undefined) {
    const route = traceGatewayRoute(index, vnetA, b.dip, vnetB);
    if (route.end.kind === 'vnet') {
      checkMembership(index, serviceA, vnetA, 'forward', trace);
      checkRouteLegs(route, 'forward', trace);
      checkMembership(index, serviceB, vnetB, 'forward', trace);
      checkReplyRoute(index, vnetB, a.dip, vnetA, trace);
      checkTargetRunning(index, b, trace);
      return 'vnet-gateway';
    }
  }
  if (to.via === 'dip') {
    checkTargetRunning(index, b, trace);
    trace.addBlocker(blockNoSharedNetwork(keyOfVm(a), b, 'forward'));
    return 'none';
  }
  // The public path reads only which VMs the ends are, never how they were named, so the ends pass as they are.
  return tracePublicEndpoint(index, from, to, query, trace);
}

function guestFirewallAssumption(index: TopologyIndex, vm: TopoVm, protocol: FlowProtocol, port: number, trace: FlowTrace): void {
  trace.addAssumption(describeGuestFirewall(index.labels.ofVm(vm), protocol, port));
}

/** Checks every state on the legs of a gateway walk: gateways Provisioned, tunnels Connected, VNet-to-VNet types. */
function checkRouteLegs(route: GatewayRoute, leg: Leg, trace: FlowTrace): void {
  for (const step of route.legs) {
    const gateway = step.vnet.gateway;
    const provisioned = gateway?.state === 'Provisioned';
    trace.addHop('gateway', gatewayObject(step.vnet), leg, provisioned, `gateway of ${step.vnet.name} is ${gateway?.state ?? 'absent'}`, gateway?.source ?? step.vnet.source);
    if (!provisioned) trace.addBlocker(blockGatewayNotProvisioned(step.vnet, leg));
    const connected = step.connection.state === 'Connected';
    trace.addHop('tunnel', connectionObject(step.vnet, step.connection), leg, connected,
      `tunnel to local site ${step.site.name} (${step.site.addressPrefixes.map(formatPrefix).join(', ')}) is ${step.connection.state}`,
      step.connection.source);
    if (!connected) trace.addBlocker(blockTunnel(step.vnet, step.connection, leg));
    const next = step.nextVnet;
    if (next === undefined) {
      trace.addHop('local-site', `site:${step.site.name}`, leg, true, `on-premises site ${step.site.name}${step.site.vpnGatewayAddress === undefined ? '' : ` behind ${formatIPv4(step.site.vpnGatewayAddress)}`}`, step.site.source);
      continue;
    }
    const nextGateway = next.gateway;
    const nextProvisioned = nextGateway?.state === 'Provisioned';
    trace.addHop('gateway', gatewayObject(next), leg, nextProvisioned, `site ${step.site.name} is the gateway of VNet ${next.name}, ${nextGateway?.state ?? 'absent'}`, nextGateway?.source ?? next.source);
    if (!nextProvisioned) trace.addBlocker(blockGatewayNotProvisioned(next, leg));
    // azure-classic.md §3.1: VNet-to-VNet is not supported by StaticRouting (policy-based) gateways.
    if (gateway?.type === 'StaticRouting') trace.addBlocker(blockGatewayType(step.vnet, leg));
    if (nextGateway?.type === 'StaticRouting') trace.addBlocker(blockGatewayType(next, leg));
  }
}

/** Adds the blockers for a walk that did not arrive where it should. */
function checkRouteEnd(index: TopologyIndex, route: GatewayRoute, address: number, arrived: boolean, leg: Leg, trace: FlowTrace): void {
  if (arrived) return;
  const end = route.end;
  if (end.kind === 'loop') {
    trace.addBlocker(blockRoutingLoop(end.vnet, address, leg));
    return;
  }
  const stuckAt = end.kind === 'no-route' ? end.vnet : route.legs[route.legs.length - 1]?.vnet;
  if (stuckAt === undefined) return;
  trace.addHop('gateway', gatewayObject(stuckAt), leg, false, `no local site on ${stuckAt.name}'s gateway holds ${formatIPv4(address)}`, stuckAt.gateway?.source ?? stuckAt.source);
  if (end.kind === 'no-route' && stuckAt.gateway?.state !== 'Provisioned') trace.addBlocker(blockGatewayNotProvisioned(stuckAt, leg));
  trace.addBlocker(blockPrefixNotInLocalSite(stuckAt, address, leg, describeSites(index, stuckAt, address)));
}

/** The sites a stuck VNet's gateway connects, with their prefixes, and the declared site holding the address if any. */
function describeSites(index: TopologyIndex, vnet: TopoVnet, address: number): { connected: TopoLocalSite[]; holder: TopoLocalSite | undefined } {
  const connected = (vnet.gateway?.connections ?? []).flatMap((c) => index.sitesByName.get(c.site) ?? []);
  const holder = [...index.sitesByName.values()].find((site) => isInPrefixes(site.addressPrefixes, address));
  return { connected, holder };
}

/** The reply from `from` back to `address` in `target` must find its own way through local-site prefixes. */
function checkReplyRoute(index: TopologyIndex, from: TopoVnet, address: number, target: TopoVnet, trace: FlowTrace): void {
  const route = traceGatewayRoute(index, from, address, target);
  checkRouteLegs(route, 'reply', trace);
  checkRouteEnd(index, route, address, route.end.kind === 'vnet' && route.end.vnet === target, 'reply', trace);
}

function traceVmToSite(index: TopologyIndex, a: TopoVm, address: number, trace: FlowTrace): PathKind {
  const service = index.serviceOf(a);
  const vnet = index.vnetOfService(service);
  if (vnet === undefined) {
    trace.addBlocker(blockNoSharedNetwork(keyOfVm(a), service, 'forward'));
    return 'none';
  }
  checkMembership(index, service, vnet, 'forward', trace);
  const route = traceGatewayRoute(index, vnet, address, undefined);
  checkRouteLegs(route, 'forward', trace);
  checkRouteEnd(index, route, address, route.end.kind === 'site', 'forward', trace);
  const last = route.legs[route.legs.length - 1];
  if (route.end.kind === 'site' && last !== undefined) {
    trace.addAssumption(`the device at ${route.end.site.name} routes ${formatIPv4(a.dip)} back into its tunnel and the host at ${formatIPv4(address)} answers`);
    if (last.vnet !== vnet) checkReplyRoute(index, last.vnet, a.dip, vnet, trace);
  }
  return 'site-to-site';
}

function traceSiteToVm(index: TopologyIndex, address: number, b: TopoVm, trace: FlowTrace): PathKind {
  const service = index.serviceOf(b);
  const vnet = index.vnetOfService(service);
  if (vnet === undefined) {
    checkTargetRunning(index, b, trace);
    trace.addBlocker(blockNoSharedNetwork(formatIPv4(address), service, 'forward'));
    return 'none';
  }
  // The reply decides which tunnel the on-premises host must use: B's gateway sends it by local-site prefix.
  const reply = traceGatewayRoute(index, vnet, address, undefined);
  const last = reply.legs[reply.legs.length - 1];
  if (reply.end.kind === 'site' && last !== undefined) {
    trace.addAssumption(`the device at ${reply.end.site.name} routes ${formatIPv4(b.dip)} into its tunnel to ${last.vnet.name}`);
    if (last.vnet !== vnet) {
      const forward = traceGatewayRoute(index, last.vnet, b.dip, vnet);
      checkRouteLegs(forward, 'forward', trace);
      checkRouteEnd(index, forward, b.dip, forward.end.kind === 'vnet' && forward.end.vnet === vnet, 'forward', trace);
    }
  }
  checkMembership(index, service, vnet, 'forward', trace);
  checkTargetRunning(index, b, trace);
  checkRouteLegs(reply, 'reply', trace);
  checkRouteEnd(index, reply, address, reply.end.kind === 'site', 'reply', trace);
  return 'site-to-site';
}

function traceInternetEgress(index: TopologyIndex, a: TopoVm, address: number, trace: FlowTrace): PathKind {
  const service = index.serviceOf(a);
  checkSourceVip(index, service, trace);
  trace.addHop('internet', `address:${formatIPv4(address)}`, 'forward', true, `Internet host ${formatIPv4(address)}`);
  trace.addAssumption(`the Internet host ${formatIPv4(address)} answers`);
  return 'internet-egress';
}

/** azure-classic.md §4.3: outbound traffic leaves with the service VIP as its source. */
function checkSourceVip(index: TopologyIndex, service: TopoService, trace: FlowTrace): number | undefined {
  const vip = service.vip;
  const labels = index.labels.ofService(service);
  trace.addHop('vip-egress', labels.object, 'forward', vip !== undefined, labels.egressDetail, service.source);
  if (vip === undefined) trace.addBlocker(blockNoVip(service, 'forward'));
  return vip;
}

/** The public address the target's ACL sees for a caller, or undefined when the caller has none. */
function callerAddress(index: TopologyIndex, from: FlowSource, trace: FlowTrace): number | undefined {
  switch (from.kind) {
    case 'vm':
      return checkSourceVip(index, index.labels.ofVm(from.vm).service, trace);
    case 'site':
      if (from.site?.vpnGatewayAddress !== undefined) {
        trace.addAssumption(`on-premises hosts of ${from.site.name} reach the Internet from ${formatIPv4(from.site.vpnGatewayAddress)}`);
      }
      return from.site?.vpnGatewayAddress;
    default:
      return from.address;
  }
}

/** One endpoint a flow may enter by, and the VM behind it. */
export interface EndpointChoice {
  vm: TopoVm;
  endpoint: TopoEndpoint;
}

/**
 * Across cloud services with no shared VNet the only way in is a public endpoint on the target's VIP
 * (azure-classic.md §4.3); PaaS and IaaS services meet the same way (seed: "not through Azure Fabric Services").
 */
function tracePublicEndpoint(
  index: TopologyIndex, from: FlowSource, to: FlowEnd & { kind: 'vm' | 'vip-port' }, query: FlowQuery, trace: FlowTrace,
): PathKind {
  const remote = callerAddress(index, from, trace);
  const service = to.kind === 'vm' ? index.labels.ofVm(to.vm).service : to.service;
  const vip = service.vip;
  const serviceLabels = index.labels.ofService(service);
  trace.addHop('vip-endpoint', serviceLabels.object, 'forward', vip !== undefined, serviceLabels.arrivalDetail, service.source);
  if (vip === undefined) trace.addBlocker(blockNoVip(service, 'forward'));
  const candidates = to.kind === 'vm'
    ? listVmEndpoints(to.vm, query)
    : listVipMembers(index, to.service, to.protocol, to.publicPort);
  if (candidates.length === 0) {
    if (to.kind === 'vm') {
      checkTargetRunning(index, to.vm, trace);
      trace.addBlocker(blockNoEndpoint(vmObject(to.vm), keyOfVm(to.vm), query.protocol, query.port, to.vm, 'forward'));
    } else {
      trace.addBlocker(blockNoEndpoint(`vip:${service.name}:${to.protocol}/${to.publicPort}`, `VIP of ${service.name}`, to.protocol, to.publicPort, undefined, 'forward'));
    }
    return 'public-endpoint';
  }
  const { choice, decision } = chooseEndpoint(candidates, remote);
  if (candidates.length > 1 && to.kind === 'vip-port') {
    trace.addAssumption(`the load balancer sends this flow to ${keyOfVm(choice.vm)}, one of ${candidates.length} members behind ${to.protocol}/${to.publicPort}`);
  }
  const chosenVm = index.labels.ofVm(choice.vm);
  const endpointLabels = labelEndpoint(chosenVm, choice.endpoint);
  trace.addHop('vip-endpoint', endpointLabels.object, 'forward', true, endpointLabels.detail, choice.endpoint.source);
  if (remote !== undefined && decision !== undefined) {
    trace.addHop('acl', endpointLabels.object, 'forward', decision.permitted,
      `ACL ${decision.permitted ? 'permits' : 'denies'} ${formatIPv4(remote)} (${decision.reason}${decision.rule === undefined ? '' : `, rule ${decision.rule.order}`})`,
      decision.rule?.source ?? choice.endpoint.source);
    if (!decision.permitted) trace.addBlocker(blockAclDenied(choice.vm, choice.endpoint, decision, remote, 'forward'));
  }
  guestFirewallAssumption(index, choice.vm, choice.endpoint.protocol, choice.endpoint.privatePort, trace);
  checkTargetRunning(index, choice.vm, trace);
  return 'public-endpoint';
}

/** Every VM of a service publishing the public port: one VM, or the members of a load-balanced set. */
export function listVipMembers(index: TopologyIndex, service: TopoService, protocol: FlowProtocol, publicPort: number): EndpointChoice[] {
  const members: EndpointChoice[] = [];
  for (const vm of index.vmsByService.get(service.name) ?? []) {
    for (const endpoint of vm.endpoints) {
      if (endpoint.protocol === protocol && endpoint.publicPort === publicPort) members.push({ vm, endpoint });
    }
  }
  return members;
}

/** The endpoints of one VM that forward to the asked protocol and private port. */
export function listVmEndpoints(vm: TopoVm, query: FlowQuery): EndpointChoice[] {
  const found: EndpointChoice[] = [];
  for (const endpoint of vm.endpoints) {
    if (endpoint.protocol === query.protocol && endpoint.privatePort === query.port) found.push({ vm, endpoint });
  }
  return found;
}

/**
 * Prefers a running member whose ACL lets the caller in; otherwise shows the first member, so its blockers are real.
 * Returns the ACL decision for the caller beside the choice (undefined when the caller has no address).
 */
export function chooseEndpoint(candidates: EndpointChoice[], remote: number | undefined): { choice: EndpointChoice; decision: AclDecision | undefined } {
  let admitted: { choice: EndpointChoice; decision: AclDecision | undefined } | undefined;
  let firstDecision: AclDecision | undefined;
  for (const candidate of candidates) {
    const decision = remote === undefined ? undefined : evaluateAcl(candidate.endpoint.acl, remote);
    firstDecision ??= decision;
    if (decision !== undefined && !decision.permitted) continue;
    if (isVmRunning(candidate.vm)) return { choice: candidate, decision };
    admitted ??= { choice: candidate, decision };
  }
  return admitted ?? { choice: candidates[0] as EndpointChoice, decision: firstDecision };
}
