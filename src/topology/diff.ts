import type { Blocker, Disposition, Hop } from './answer.js';
import type { TopologyModel } from './model.js';
import {
  groupBySignature, headVmClass, isClassLive, labelVmClass, listOnPremisesSites, makeVmSigner, type ReachClass,
} from './reach-classes.js';
import { ANY_PORT, evaluateCell, representPair, type CellAnswers } from './matrix.js';
import { buildTopologyIndex, type TopologyIndex } from './topology-index.js';

/** One flow that changed between two moments, with what blocks it on the side where it fails. */
export interface FlowChange {
  from: string;
  to: string;
  port: string;
  before: Disposition | 'absent';
  after: Disposition | 'absent';
  /** The blockers of the failing side: after for a lost flow, before for a gained one. */
  blockers: Blocker[];
  /**
   * For a gained flow, the gateways and tunnels it now passes: a gateway not yet provisioned lists no tunnel, so the
   * blockers before name only the gateway, while the tunnel connecting afterwards lifted the flow too. Empty when lost.
   */
  openedThrough: string[];
}

/** Flows gained and lost between two worlds, over classes that are uniform in both. */
export interface ReachDiff {
  classes: ReachClass[];
  gained: FlowChange[];
  lost: FlowChange[];
}

const ABSENT = 'absent';

/**
 * Compares who-can-reach-whom in two worlds. Classes are the common refinement of both partitions (a VM's
 * signature before and after), so every member of a class gained or lost exactly the same flows.
 */
export function diffIndexes(before: TopologyIndex, after: TopologyIndex): ReachDiff {
  const classes = partitionJointly(before, after);
  const gained: FlowChange[] = [];
  const lost: FlowChange[] = [];
  const liveBefore = new Set(classes.filter((c) => isClassLive(before, c)));
  const liveAfter = new Set(classes.filter((c) => isClassLive(after, c)));
  for (const from of classes) {
    for (const to of classes) {
      // A pair with a stopped end in both worlds was unreachable at both moments: nothing changed there.
      const wasLive = liveBefore.has(from) && liveBefore.has(to);
      if (!wasLive && !(liveAfter.has(from) && liveAfter.has(to))) continue;
      const cellBefore = evaluateJointCell(before, from, to);
      const cellAfter = evaluateJointCell(after, from, to);
      const labels = new Set([...(cellBefore?.keys() ?? []), ...(cellAfter?.keys() ?? [])]);
      for (const port of [...labels].sort()) {
        const was = lookupPort(cellBefore, port);
        const now = lookupPort(cellAfter, port);
        const wasOpen = was?.verdict === 'reachable';
        const isOpen = now?.verdict === 'reachable';
        if (wasOpen === isOpen) continue;
        const change: FlowChange = {
          from: from.id,
          to: to.id,
          port,
          before: was?.disposition ?? ABSENT,
          after: now?.disposition ?? ABSENT,
          blockers: (isOpen ? was?.blockers : now?.blockers) ?? [],
          openedThrough: isOpen && now !== undefined ? listRouteObjects(now.hops) : [],
        };
        (isOpen ? gained : lost).push(change);
      }
    }
  }
  return { classes, gained, lost };
}

/** Builds both indexes and diffs them. */
export function diffReachability(before: TopologyModel, after: TopologyModel): ReachDiff {
  return diffIndexes(buildTopologyIndex(before), buildTopologyIndex(after));
}

/** The gateways and tunnels a trace crossed, each once, in the order met. */
function listRouteObjects(hops: readonly Hop[]): string[] {
  return [...new Set(hops.filter((h) => h.kind === 'gateway' || h.kind === 'tunnel').map((h) => h.object))];
}

/** A cell's answer for a port; a port-free answer stands for every port label. */
function lookupPort(cell: CellAnswers | undefined, port: string): ReturnType<CellAnswers['get']> {
  return cell?.get(port) ?? cell?.get(ANY_PORT);
}

function evaluateJointCell(index: TopologyIndex, from: ReachClass, to: ReachClass): CellAnswers | undefined {
  const pair = representPair(index, from, to);
  return pair === undefined ? undefined : evaluateCell(index, pair.from, pair.to);
}

function partitionJointly(before: TopologyIndex, after: TopologyIndex): ReachClass[] {
  const keys = new Set([...before.vmsByKey.keys(), ...after.vmsByKey.keys()]);
  const [signBefore, signAfter] = [makeVmSigner(before), makeVmSigner(after)];
  const signatures: [string, string][] = [...keys].map((key) => {
    const was = before.vmsByKey.get(key);
    const now = after.vmsByKey.get(key);
    return [key, `${was === undefined ? ABSENT : signBefore(was)}#${now === undefined ? ABSENT : signAfter(now)}`];
  });
  const classes: ReachClass[] = groupBySignature(signatures).map((members, i) => {
    const world = after.vmsByKey.has(members[0] ?? '') ? after : before;
    return { id: `c${i + 1}`, kind: 'vms', head: headVmClass(world, members), label: labelVmClass(world, members), members };
  });
  const sites = new Set([...listOnPremisesSites(before), ...listOnPremisesSites(after)].map((s) => s.name));
  for (const name of [...sites].sort()) {
    const label = `on-premises ${name}`;
    classes.push({ id: `c${classes.length + 1}`, kind: 'site', head: label, label, members: [name] });
  }
  return classes;
}
