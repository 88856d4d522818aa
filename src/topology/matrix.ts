import type { FlowAnswer, PathKind } from './answer.js';
import type { FlowSource } from './flow-end.js';
import { evaluateFlow, PORT_FREE_QUERY } from './flow.js';
import { evaluateFlowVerdict } from './flow-verdict.js';
import { traceGatewayRoute } from './gateway-route.js';
import type { Prefix4 } from '../ipam/index.js';
import { isVmRunning, type TopologyModel, type TopoService, type TopoVm, type TopoVnet } from './model.js';
import {
  findPartnerKey, isClassLive, partitionWorldWithEnds, representClassMember, type ReachClass, type VmLookup,
} from './reach-classes.js';
import { buildTopologyIndex, type TopologyIndex } from './topology-index.js';

/** Label of a cell whose flows do not depend on the port: a private channel, VNet or tunnel carries every port. */
export const ANY_PORT = 'any';

/** Paths that carry every protocol and port once open (no per-port rule applies on them in classic). */
const PORT_FREE_PATHS: ReadonlySet<PathKind> = new Set(['same-service', 'same-vnet', 'vnet-gateway', 'site-to-site', 'none']);

/** One reachable flow between two classes: every member of `from` reaches every member of `to` on these ports. */
export interface MatrixFlow {
  from: string;
  to: string;
  path: PathKind;
  /**
   * `['any']` on port-free paths, else `protocol/privatePort` labels of the target's endpoints; one list may serve
   * several flows (see PublicEndpointCells), so it is never edited.
   */
  ports: string[];
}

/** Who can reach whom, class to class. */
export interface ReachMatrix {
  classes: ReachClass[];
  flows: MatrixFlow[];
}

/** Every flow label evaluated between two class representatives, with its answer. */
export type CellAnswers = Map<string, FlowAnswer>;

/**
 * Evaluates one cell: a port-free probe first; when the intended path is the public endpoint, one flow per
 * protocol/private port the target publishes. Returns undefined for pairs that are not flows (site to site).
 */
export function evaluateCell(index: TopologyIndex, from: FlowSource, to: FlowSource): CellAnswers | undefined {
  if (from.kind !== 'vm' && to.kind !== 'vm') return undefined;
  const cell: CellAnswers = new Map();
  const probe = evaluateFlow(index, from, to, PORT_FREE_QUERY);
  if (PORT_FREE_PATHS.has(probe.path) || to.kind !== 'vm') {
    cell.set(ANY_PORT, probe);
    return cell;
  }
  for (const endpoint of to.vm.endpoints) {
    const label = `${endpoint.protocol}/${endpoint.privatePort}`;
    if (!cell.has(label)) cell.set(label, evaluateFlow(index, from, to, { protocol: endpoint.protocol, port: endpoint.privatePort }));
  }
  if (cell.size === 0) cell.set(ANY_PORT, probe);
  return cell;
}

/**
 * The two ends standing for a class pair. A class reaching itself needs two distinct members: from two services
 * when it spans several, so the path shown is the one most of its pairs take (the VNet, not one service's channel).
 */
export function representPair(
  index: TopologyIndex, from: ReachClass, to: ReachClass, vmOf?: VmLookup,
): { from: FlowSource; to: FlowSource } | undefined {
  const source = representClassMember(index, from.kind, from.members[0], vmOf);
  const target = representClassMember(index, to.kind, from === to ? findPartnerKey(to.members) : to.members[0], vmOf);
  return source === undefined || target === undefined ? undefined : { from: source, to: target };
}

/** Lists the reachable flow labels of a cell, sorted. */
export function listDeliveredPorts(cell: CellAnswers | undefined): string[] {
  if (cell === undefined) return [];
  return [...cell].filter(([, answer]) => answer.verdict === 'reachable').map(([label]) => label).sort();
}

/**
 * Computes who-can-reach-whom for an indexed world, class to class. Each cell asks verdicts only (no hop, blocker or
 * text is built), pairs of on-premises sites, which are never flows, are not visited at all, and neither are the
 * cells between a site and VMs whose VNet has no route to it (see listSitesRoutedFrom): a large world has thousands
 * of sites, each routed from one VNet or a few, so nearly all of its sites × classes cells deliver nothing.
 */
export function computeMatrix(index: TopologyIndex): ReachMatrix {
  const { classes, vmOf, judgeVip } = partitionWorldWithEnds(index);
  const live = classes.filter((c) => isClassLive(index, c, vmOf)).map((cls, order) => representClass(index, cls, order, vmOf, judgeVip));
  const vmClasses = live.filter((c) => c.cls.kind === 'vms');
  const sitesByVnet = listSitesRoutedFrom(index, vmClasses, live.filter((c) => c.cls.kind === 'site'));
  // A site's row holds only VM columns (site to site is not a flow): those whose VNet routes to it, in class order.
  const vmColumnsOfSite = new Map<RepresentedClass, RepresentedClass[]>();
  for (const vms of vmClasses) {
    for (const site of sitesByVnet.get(vms.vnet) ?? NO_CLASSES) appendColumn(vmColumnsOfSite, site, vms);
  }
  const flows: MatrixFlow[] = [];
  const publicCells = new PublicEndpointCells(index);
  for (const from of live) {
    const source = from.first;
    if (source === undefined) continue;
    const columns = from.cls.kind === 'site' ? vmColumnsOfSite.get(from) ?? NO_CLASSES : vmClasses.concat(sitesByVnet.get(from.vnet) ?? NO_CLASSES);
    for (const to of columns) {
      const target = from === to ? to.partner : to.first;
      if (target === undefined) continue;
      const cell = from !== to && source.kind === 'vm' && target.kind === 'vm'
        ? publicCells.judge(from, source, to, target)
        : judgeCell(index, source, target);
      if (cell !== undefined && cell.ports.length > 0) flows.push({ from: from.cls.id, to: to.cls.id, path: cell.path, ports: cell.ports });
    }
  }
  // Rows were visited in class order, each row's columns in class order (VM classes before sites), so the order is
  // the full classes × classes loop's.
  return { classes, flows };
}

const NO_CLASSES: readonly RepresentedClass[] = [];

/** A class with the ends standing for it, found once: its first member, and a partner for pairs within the class. */
interface RepresentedClass {
  cls: ReachClass;
  /** Its place among the live classes, which follow class order. */
  order: number;
  first: FlowSource | undefined;
  partner: FlowSource | undefined;
  /** A VM class's first member's service, undefined for a site. */
  service: TopoService | undefined;
  /** A VM class's VNet (its first member's service's), undefined for a site or VMs outside any VNet. */
  vnet: TopoVnet | undefined;
  /** How a VM class's first member calls a public endpoint: whether it runs and how ACLs judge its VIP (-1 for a site). */
  vip: number;
}

function representClass(
  index: TopologyIndex, cls: ReachClass, order: number, vmOf: VmLookup, judgeVip: (vip: number | undefined) => number,
): RepresentedClass {
  const pair = representPair(index, cls, cls, vmOf);
  const first = representClassMember(index, cls.kind, cls.members[0], vmOf);
  if (first?.kind !== 'vm') return { cls, order, first, partner: pair?.to, service: undefined, vnet: undefined, vip: -1 };
  const service = index.serviceOf(first.vm);
  const vip = judgeVip(service.vip) * 2 + (isVmRunning(first.vm) ? 1 : 0);
  return { cls, order, first, partner: pair?.to, service, vnet: index.vnetOfService(service), vip };
}

/**
 * The cells between VMs that share no service, VNet or gateway route: their only path is the target's public
 * endpoints, where a flow's answer depends on its source through the source's running state and how the ACLs judge
 * its service's VIP alone (judgePublicEndpoint). Such a cell is judged once per target class and kind of caller:
 * a large world's VNets mostly reach each other over the Internet, and its classes² cells then take a few hundred
 * verdicts instead of three each. Every other cell is judged on its own.
 */
class PublicEndpointCells {
  private readonly byTarget = new Map<RepresentedClass, Map<number, JudgedCell | undefined>>();

  constructor(private readonly index: TopologyIndex) {}

  /** The cell from one VM class's first member to another's (`target`, the first of `to`). */
  judge(from: RepresentedClass, source: FlowSource & { kind: 'vm' }, to: RepresentedClass, target: FlowSource & { kind: 'vm' }): JudgedCell | undefined {
    if (!this.isPublicEndpointOnly(from, to, target.vm)) return judgeCell(this.index, source, target);
    let byCaller = this.byTarget.get(to);
    if (byCaller === undefined) this.byTarget.set(to, (byCaller = new Map()));
    if (byCaller.has(from.vip)) return byCaller.get(from.vip);
    const cell = judgeCell(this.index, source, target);
    byCaller.set(from.vip, cell);
    return cell;
  }

  /**
   * Whether judgeVmToVm takes none of its private paths from the first member of `from` to `b`, the first of `to`:
   * other services, not one VNet, and no gateway leg toward b.
   */
  private isPublicEndpointOnly(from: RepresentedClass, to: RepresentedClass, b: TopoVm): boolean {
    if (from.service?.name === to.service?.name) return false;
    const { vnet: vnetA } = from;
    const { vnet: vnetB } = to;
    if (vnetA === undefined || vnetB === undefined) return true;
    // A gateway walk with no first leg ends at once, short of b's VNet.
    return vnetA !== vnetB && this.index.routes.findLeg(vnetA, b.dip) === undefined;
  }
}

type JudgedCell = ReturnType<typeof judgeCell>;

function appendColumn(columns: Map<RepresentedClass, RepresentedClass[]>, row: RepresentedClass, column: RepresentedClass): void {
  const known = columns.get(row);
  if (known === undefined) columns.set(row, [column]);
  else known.push(column);
}

/**
 * For each VNet of a VM class, the site classes (in class order) whose cells with that VNet's VMs may deliver: those
 * whose address the VNet's gateway walk ends at a site. Every other cell between a site and VMs delivers nothing
 * either way, and evaluateFlowVerdict blocks both directions there: VMs outside any VNet share no network with a
 * site, and a site's flow replies over the VNet's walk toward the site's address. The walk depends on the VNet and
 * the address alone, so it is traced once per VNet and site, and only for the sites whose address lies in a prefix
 * of a site the VNet's gateway connects to (a walk that finds no first leg ends nowhere): a large world's VNet
 * connects to a few of its thousands of sites.
 */
function listSitesRoutedFrom(
  index: TopologyIndex, vmClasses: readonly RepresentedClass[], siteClasses: readonly RepresentedClass[],
): Map<TopoVnet | undefined, RepresentedClass[]> {
  const byAddress = siteClasses.flatMap((c) => (c.first?.kind === 'site' ? [{ address: c.first.address, cls: c }] : []));
  byAddress.sort((a, b) => a.address - b.address);
  const sitesByVnet = new Map<TopoVnet | undefined, RepresentedClass[]>();
  for (const { vnet } of vmClasses) {
    if (vnet === undefined || sitesByVnet.has(vnet)) continue;
    const near = new Set<RepresentedClass>();
    for (const connection of vnet.gateway?.connections ?? []) {
      for (const prefix of index.sitesByName.get(connection.site)?.addressPrefixes ?? []) addHeldSites(byAddress, prefix, near);
    }
    // The few sites near, back in class order, rather than a pass over every site class per VNet.
    sitesByVnet.set(vnet, [...near].sort((a, b) => a.order - b.order).filter((c) => c.first?.kind === 'site'
      && traceGatewayRoute(index, vnet, c.first.address, undefined).end.kind === 'site'));
  }
  return sitesByVnet;
}

/** Adds the site classes whose address the prefix holds (every one for a length outside 1–32, as the route table reads it). */
function addHeldSites(byAddress: readonly { address: number; cls: RepresentedClass }[], prefix: Prefix4, held: Set<RepresentedClass>): void {
  const isRange = Number.isInteger(prefix.length) && prefix.length >= 1 && prefix.length <= 32;
  const low = isRange ? (prefix.network & (-1 << (32 - prefix.length))) >>> 0 : 0;
  const high = isRange ? low + 2 ** (32 - prefix.length) - 1 : 2 ** 32 - 1;
  let at = lowerBound(byAddress, low);
  for (; at < byAddress.length && byAddress[at]!.address <= high; at++) held.add(byAddress[at]!.cls);
}

/** The first position whose address is at least `address` in a list sorted by address. */
function lowerBound(byAddress: readonly { address: number }[], address: number): number {
  let low = 0;
  let high = byAddress.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byAddress[middle]!.address < address) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The delivered ports of a cell and the path of its first flow, as listDeliveredPorts and evaluateCell give them. */
function judgeCell(index: TopologyIndex, from: FlowSource, to: FlowSource): { path: PathKind; ports: string[] } | undefined {
  if (from.kind !== 'vm' && to.kind !== 'vm') return undefined;
  const probe = evaluateFlowVerdict(index, from, to, PORT_FREE_QUERY);
  const deliveredOnAnyPort = probe.disposition === 'delivered' ? [ANY_PORT] : [];
  if (PORT_FREE_PATHS.has(probe.path) || to.kind !== 'vm' || to.vm.endpoints.length === 0) return { path: probe.path, ports: deliveredOnAnyPort };
  const asked = new Set<string>();
  const ports: string[] = [];
  let path: PathKind | undefined;
  for (const endpoint of to.vm.endpoints) {
    const label = `${endpoint.protocol}/${endpoint.privatePort}`;
    if (asked.has(label)) continue;
    asked.add(label);
    const verdict = evaluateFlowVerdict(index, from, to, { protocol: endpoint.protocol, port: endpoint.privatePort });
    path ??= verdict.path;
    if (verdict.disposition === 'delivered') ports.push(label);
  }
  return { path: path ?? probe.path, ports: ports.sort() };
}

/** Builds the index for one world and computes its matrix. */
export function matrix(model: TopologyModel): ReachMatrix {
  return computeMatrix(buildTopologyIndex(model));
}
