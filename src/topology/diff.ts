import type { Blocker, Disposition } from './answer.js';
import type { TopologyModel } from './model.js';
import { groupBySignature, labelVmClass, listOnPremisesSites, signVm, type ReachClass } from './reach-classes.js';
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
  for (const from of classes) {
    for (const to of classes) {
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
  const signatures: [string, string][] = [...keys].map((key) => {
    const was = before.vmsByKey.get(key);
    const now = after.vmsByKey.get(key);
    return [key, `${was === undefined ? ABSENT : signVm(before, was)}#${now === undefined ? ABSENT : signVm(after, now)}`];
  });
  const classes: ReachClass[] = groupBySignature(signatures).map((members, i) => ({
    id: `c${i + 1}`,
    kind: 'vms',
    label: labelVmClass(after.vmsByKey.has(members[0] ?? '') ? after : before, members),
    members,
  }));
  const sites = new Set([...listOnPremisesSites(before), ...listOnPremisesSites(after)].map((s) => s.name));
  for (const name of [...sites].sort()) {
    classes.push({ id: `c${classes.length + 1}`, kind: 'site', label: `on-premises ${name}`, members: [name] });
  }
  return classes;
}
