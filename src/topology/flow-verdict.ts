import { DISPOSITIONS, type BlockerCode, type Disposition, type PathKind } from './answer.js';
import type { FlowEnd, FlowSource } from './flow-end.js';
import { isAclPermitted } from './acl.js';
import { chooseEndpoint, listVipMembers, type FlowQuery } from './flow.js';
import { findVnetMembershipProblem } from './flow-trace.js';
import { traceGatewayRoute, type GatewayRoute } from './gateway-route.js';
import type { TopoService, TopoVm, TopoVnet } from './model.js';
import { isVmRunning } from './model.js';
import { TopologyError } from './topology-change.js';
import type { TopologyIndex } from './topology-index.js';

/**
 * One direction of a flow answered without its explanation: the same path choice and the same conditions as
 * evaluateFlow, in the same order, but each failed condition only lowers a rank instead of building a blocker, a hop
 * and their texts. The matrix asks this for every cell and explains nothing it does not print; a property test holds
 * it to evaluateFlow's path and disposition on random worlds.
 */

/** Where a flow was meant to go and how it ended. */
export interface FlowVerdict {
  path: PathKind;
  disposition: Disposition;
}

const RANK_OF: ReadonlyMap<Disposition, number> = new Map(DISPOSITIONS.map((d, i) => [d, i]));

/** The failed condition a packet meets first, as evaluateFlow's pickDisposition ranks them. */
class WorstBlocker {
  private rank = Number.POSITIVE_INFINITY;
  private code: Disposition = 'delivered';

  block(code: BlockerCode): void {
    const rank = RANK_OF.get(code) ?? Number.POSITIVE_INFINITY;
    if (rank < this.rank) {
      this.rank = rank;
      this.code = code;
    }
  }

  get disposition(): Disposition {
    return this.code;
  }
}

/** Answers one direction of a flow: its intended path and its disposition, exactly as evaluateFlow would. */
export function evaluateFlowVerdict(index: TopologyIndex, from: FlowSource, to: FlowEnd, query: FlowQuery): FlowVerdict {
  const worst = new WorstBlocker();
  const path = judgePath(index, from, to, query, worst);
  return { path, disposition: worst.disposition };
}

function judgePath(index: TopologyIndex, from: FlowSource, to: FlowEnd, query: FlowQuery, worst: WorstBlocker): PathKind {
  if (from.kind === 'unknown' || to.kind === 'unknown') {
    worst.block('unknown-address');
    return 'none';
  }
  if (from.kind === 'vm' && !isVmRunning(from.vm)) worst.block('vm-not-running');
  if (to.kind === 'vip-port') return judgePublicEndpoint(index, from, to, query, worst);
  if (to.kind === 'vm') {
    if (from.kind === 'vm') return judgeVmToVm(index, from, to, query, worst);
    if (from.kind === 'site') return judgeSiteToVm(index, from.address, to.vm, worst);
    if (from.kind === 'internet' && to.via === 'name') return judgePublicEndpoint(index, from, to, query, worst);
    checkRunning(to.vm, worst);
    worst.block('no-shared-network');
    return 'none';
  }
  if (from.kind !== 'vm') throw new TopologyError('outside-model', `a flow from ${from.kind} to ${to.kind} never enters Azure`);
  if (to.kind === 'site') return judgeVmToSite(index, from.vm, to.address, worst);
  judgeSourceVip(index.serviceOf(from.vm), worst);
  return 'internet-egress';
}

function checkRunning(vm: TopoVm, worst: WorstBlocker): void {
  if (!isVmRunning(vm)) worst.block('vm-not-running');
}

function checkMembership(index: TopologyIndex, service: TopoService, vnet: TopoVnet, worst: WorstBlocker): void {
  const problem = findVnetMembershipProblem(index, service, vnet);
  if (problem !== undefined) worst.block(problem);
}

function judgeVmToVm(
  index: TopologyIndex, from: FlowSource & { kind: 'vm' }, to: FlowEnd & { kind: 'vm' }, query: FlowQuery, worst: WorstBlocker,
): PathKind {
  const a = from.vm;
  const b = to.vm;
  const serviceA = index.serviceOf(a);
  const serviceB = index.serviceOf(b);
  if (serviceA.name === serviceB.name) {
    checkRunning(b, worst);
    return 'same-service';
  }
  const vnetA = index.vnetOfService(serviceA);
  const vnetB = index.vnetOfService(serviceB);
  if (vnetA !== undefined && vnetA === vnetB) {
    checkMembership(index, serviceA, vnetA, worst);
    checkMembership(index, serviceB, vnetA, worst);
    checkRunning(b, worst);
    return 'same-vnet';
  }
  if (vnetA !== undefined && vnetB !== undefined) {
    const route = traceGatewayRoute(index, vnetA, b.dip, vnetB);
    if (route.end.kind === 'vnet') {
      checkMembership(index, serviceA, vnetA, worst);
      checkRouteLegs(route, worst);
      checkMembership(index, serviceB, vnetB, worst);
      checkReplyRoute(index, vnetB, a.dip, vnetA, worst);
      checkRunning(b, worst);
      return 'vnet-gateway';
    }
  }
  if (to.via === 'dip') {
    checkRunning(b, worst);
    worst.block('no-shared-network');
    return 'none';
  }
  return judgePublicEndpoint(index, from, to, query, worst);
}

function checkRouteLegs(route: GatewayRoute, worst: WorstBlocker): void {
  for (const step of route.legs) {
    const gateway = step.vnet.gateway;
    if (gateway?.state !== 'Provisioned') worst.block('gateway-not-provisioned');
    if (step.connection.state !== 'Connected') worst.block('tunnel-not-connected');
    const next = step.nextVnet;
    if (next === undefined) continue;
    if (next.gateway?.state !== 'Provisioned') worst.block('gateway-not-provisioned');
    if (gateway?.type === 'StaticRouting' || next.gateway?.type === 'StaticRouting') worst.block('gateway-type-unsupported');
  }
}

function checkRouteEnd(route: GatewayRoute, arrived: boolean, worst: WorstBlocker): void {
  if (arrived) return;
  const end = route.end;
  if (end.kind === 'loop') {
    worst.block('routing-loop');
    return;
  }
  const stuckAt = end.kind === 'no-route' ? end.vnet : route.legs[route.legs.length - 1]?.vnet;
  if (stuckAt === undefined) return;
  if (end.kind === 'no-route' && stuckAt.gateway?.state !== 'Provisioned') worst.block('gateway-not-provisioned');
  worst.block('prefix-not-in-local-site');
}

function checkReplyRoute(index: TopologyIndex, from: TopoVnet, address: number, target: TopoVnet, worst: WorstBlocker): void {
  const route = traceGatewayRoute(index, from, address, target);
  checkRouteLegs(route, worst);
  checkRouteEnd(route, route.end.kind === 'vnet' && route.end.vnet === target, worst);
}

function judgeVmToSite(index: TopologyIndex, a: TopoVm, address: number, worst: WorstBlocker): PathKind {
  const service = index.serviceOf(a);
  const vnet = index.vnetOfService(service);
  if (vnet === undefined) {
    worst.block('no-shared-network');
    return 'none';
  }
  checkMembership(index, service, vnet, worst);
  const route = traceGatewayRoute(index, vnet, address, undefined);
  checkRouteLegs(route, worst);
  checkRouteEnd(route, route.end.kind === 'site', worst);
  const last = route.legs[route.legs.length - 1];
  if (route.end.kind === 'site' && last !== undefined && last.vnet !== vnet) checkReplyRoute(index, last.vnet, a.dip, vnet, worst);
  return 'site-to-site';
}

function judgeSiteToVm(index: TopologyIndex, address: number, b: TopoVm, worst: WorstBlocker): PathKind {
  const service = index.serviceOf(b);
  const vnet = index.vnetOfService(service);
  if (vnet === undefined) {
    checkRunning(b, worst);
    worst.block('no-shared-network');
    return 'none';
  }
  const reply = traceGatewayRoute(index, vnet, address, undefined);
  const last = reply.legs[reply.legs.length - 1];
  if (reply.end.kind === 'site' && last !== undefined && last.vnet !== vnet) {
    const forward = traceGatewayRoute(index, last.vnet, b.dip, vnet);
    checkRouteLegs(forward, worst);
    checkRouteEnd(forward, forward.end.kind === 'vnet' && forward.end.vnet === vnet, worst);
  }
  checkMembership(index, service, vnet, worst);
  checkRunning(b, worst);
  checkRouteLegs(reply, worst);
  checkRouteEnd(reply, reply.end.kind === 'site', worst);
  return 'site-to-site';
}

function judgeSourceVip(service: TopoService, worst: WorstBlocker): number | undefined {
  if (service.vip === undefined) worst.block('no-vip');
  return service.vip;
}

function judgePublicEndpoint(
  index: TopologyIndex, from: FlowSource, to: FlowEnd & { kind: 'vm' | 'vip-port' }, query: FlowQuery, worst: WorstBlocker,
): PathKind {
  const remote = from.kind === 'vm'
    ? judgeSourceVip(index.serviceOf(from.vm), worst)
    : from.kind === 'site' ? from.site?.vpnGatewayAddress : from.address;
  const service = to.kind === 'vm' ? index.serviceOf(to.vm) : to.service;
  if (service.vip === undefined) worst.block('no-vip');
  if (to.kind === 'vm') {
    judgeVmEndpoints(to.vm, query, remote, worst);
    return 'public-endpoint';
  }
  const candidates = listVipMembers(index, to.service, to.protocol, to.publicPort);
  if (candidates.length === 0) {
    worst.block('no-endpoint');
    return 'public-endpoint';
  }
  const { choice, decision } = chooseEndpoint(candidates, remote);
  if (decision !== undefined && !decision.permitted) worst.block('acl-denied');
  checkRunning(choice.vm, worst);
  return 'public-endpoint';
}

/**
 * chooseEndpoint over one VM's endpoints for the asked port, without listing them: every candidate is the same VM,
 * so what decides is whether there is one and whether any admits the caller (the first is shown when none does).
 */
function judgeVmEndpoints(vm: TopoVm, query: FlowQuery, remote: number | undefined, worst: WorstBlocker): void {
  let isPublished = false;
  let admits = false;
  for (const endpoint of vm.endpoints) {
    if (endpoint.protocol !== query.protocol || endpoint.privatePort !== query.port) continue;
    isPublished = true;
    if (remote === undefined || isAclPermitted(endpoint.acl, remote)) {
      admits = true;
      break;
    }
  }
  if (!isPublished) worst.block('no-endpoint');
  else if (!admits) worst.block('acl-denied');
  checkRunning(vm, worst);
}
