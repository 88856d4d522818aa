import type { FlowAnswer, PathKind } from './answer.js';
import type { FlowSource } from './flow-end.js';
import { evaluateFlow, PORT_FREE_QUERY } from './flow.js';
import type { TopologyModel } from './model.js';
import { isClassLive, partitionWorld, representClassMember, serviceOfMember, type ReachClass } from './reach-classes.js';
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
  /** `['any']` on port-free paths, else `protocol/privatePort` labels of the target's endpoints. */
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
  index: TopologyIndex, from: ReachClass, to: ReachClass,
): { from: FlowSource; to: FlowSource } | undefined {
  const first = from.members[0] ?? '';
  const source = representClassMember(index, from.kind, first);
  const partner = from === to
    ? to.members.find((key) => serviceOfMember(key) !== serviceOfMember(first)) ?? to.members[1]
    : to.members[0];
  const target = representClassMember(index, to.kind, partner);
  return source === undefined || target === undefined ? undefined : { from: source, to: target };
}

/** Lists the reachable flow labels of a cell, sorted. */
export function listDeliveredPorts(cell: CellAnswers | undefined): string[] {
  if (cell === undefined) return [];
  return [...cell].filter(([, answer]) => answer.verdict === 'reachable').map(([label]) => label).sort();
}

/** Computes who-can-reach-whom for an indexed world, class to class. */
export function computeMatrix(index: TopologyIndex): ReachMatrix {
  const classes = partitionWorld(index);
  const live = classes.filter((c) => isClassLive(index, c));
  const flows: MatrixFlow[] = [];
  for (const from of live) {
    for (const to of live) {
      const pair = representPair(index, from, to);
      if (pair === undefined) continue;
      const cell = evaluateCell(index, pair.from, pair.to);
      const ports = listDeliveredPorts(cell);
      const path = cell?.values().next().value?.path;
      if (ports.length > 0 && path !== undefined) flows.push({ from: from.id, to: to.id, path, ports });
    }
  }
  return { classes, flows };
}

/** Builds the index for one world and computes its matrix. */
export function matrix(model: TopologyModel): ReachMatrix {
  return computeMatrix(buildTopologyIndex(model));
}
