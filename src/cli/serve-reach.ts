import { queryReachOnAnyPort, type Blocker, type FlowAnswer, type Hop, type TopologyIndex } from '../topology/index.js';
import type { EventLog } from '../sim/index.js';
import type { ReachAnswer, ReachBlocker, ReachHop, ReachReply } from '../viz/index.js';
import { formatReachText } from './reach-format.js';
import { createMomentIndexer, type MomentIndexer } from './serve-moment.js';

/** Disposition of a question whose ends are not VMs or on-premises sites (a subnet or a gateway sends nothing). */
const NOT_A_FLOW_END = 'not-a-flow-end';

/** How the page's answers name the world in their CLI-style text: the scenario (or emulator) and its file. */
export interface ReachWorldLabel {
  scenario: string;
  file: string;
}

/**
 * Answers the page's "can this node reach that node" with the topology engine on the world as it stood after the
 * event the page shows (`atSeq`; the newest event when absent), so a page scrubbed back gets that moment's answer.
 * Pages pick graph nodes (`vm:svc/name`, `site:NAME`); the engine answers on any port, both ways, and its hops and
 * blockers are mapped back onto graph nodes so the page can highlight them; `text` is what `vnetsim reach` prints.
 */
export function createReachAnswerer(
  readEvents: () => EventLog, label: ReachWorldLabel, moments: MomentIndexer = createMomentIndexer(readEvents),
): (from: string, to: string, atSeq?: number) => ReachReply {
  return (fromNode, toNode, atSeq) => {
    const { index, atSeq: seq, atMs } = moments.indexAt(atSeq);
    return { atSeq: seq, atMs, answer: answerAt(index, fromNode, toNode, { ...label, atMs }) };
  };
}

function answerAt(index: TopologyIndex, fromNode: string, toNode: string, where: ReachWorldLabel & { atMs: number }): ReachAnswer {
  const from = toFlowEnd(fromNode);
  const to = toFlowEnd(toNode);
  if (from === undefined || to === undefined) {
    const node = from === undefined ? fromNode : toNode;
    const message = `${node} neither sends nor answers traffic: pick a VM or an on-premises site`;
    return { verdict: 'unreachable', disposition: NOT_A_FLOW_END, hops: [], blockers: [{ nodeId: node, code: NOT_A_FLOW_END, message }], text: `${message}\n` };
  }
  const result = queryReachOnAnyPort(index, from, to);
  if (!result.ok) {
    const { code, message } = result.error;
    return { verdict: 'unreachable', disposition: code, hops: [], blockers: [{ nodeId: fromNode, code, message }], text: `${message}\n` };
  }
  const { answer } = result;
  // A flow needs its reply: the page shows the forward path, and the blockers of both directions.
  const isDelivered = answer.disposition === 'delivered' && answer.reverse.disposition === 'delivered';
  return {
    verdict: isDelivered ? 'reachable' : 'unreachable',
    disposition: answer.disposition === 'delivered' ? answer.reverse.disposition : answer.disposition,
    hops: mapHops(answer),
    blockers: [...mapBlockers(answer, 'forward'), ...mapBlockers(answer.reverse, 'reverse')],
    text: formatReachText({ scenario: where.scenario, file: where.file, atMs: where.atMs, from, to, port: result.port, answer }),
  };
}

/** A graph node id as the engine names a flow end: `vm:svc/name` → `svc:name`, `site:NAME` as is. */
function toFlowEnd(nodeId: string): string | undefined {
  if (nodeId.startsWith('vm:')) {
    const name = nodeId.slice('vm:'.length);
    const slash = name.indexOf('/');
    return slash < 0 ? undefined : `${name.slice(0, slash)}:${name.slice(slash + 1)}`;
  }
  return nodeId.startsWith('site:') ? nodeId : undefined;
}

/** The engine's object names match the graph's ids, except endpoints (drawn on their VM) and tunnels (links). */
function toNodeId(object: string): string | null {
  if (object.startsWith('endpoint:')) return `vm:${object.slice('endpoint:'.length).split('/').slice(0, 2).join('/')}`;
  if (object.startsWith('connection:')) return null;
  return object;
}

function mapHops(answer: FlowAnswer): ReachHop[] {
  const hops: ReachHop[] = [];
  for (const hop of answer.hops.filter((h: Hop) => h.leg === 'forward')) {
    const nodeId = toNodeId(hop.object);
    if (nodeId === null || hops.at(-1)?.nodeId === nodeId) continue;
    hops.push({ nodeId, label: hop.detail });
  }
  return hops;
}

function mapBlockers(answer: FlowAnswer, direction: 'forward' | 'reverse'): ReachBlocker[] {
  return answer.blockers.map((b: Blocker) => ({
    nodeId: toNodeId(b.object),
    code: b.code,
    message: `${direction === 'reverse' ? 'reply direction: ' : ''}${b.message}; fix: ${b.fix}`,
  }));
}
