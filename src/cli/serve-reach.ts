import { applyEvent, createWorld, LiveTopology } from '../sim/index.js';
import { queryReachOnAnyPort, type Blocker, type FlowAnswer, type Hop, type TopologyIndex } from '../topology/index.js';
import type { ReachAnswer, ReachBlocker, ReachHop, VizEvent } from '../viz/index.js';

/** Disposition of a question whose ends are not VMs or on-premises sites (a subnet or a gateway sends nothing). */
const NOT_A_FLOW_END = 'not-a-flow-end';

/**
 * Answers the page's "can this node reach that node" with the topology engine on the world as the log stands now.
 * Pages pick graph nodes (`vm:svc/name`, `site:NAME`); the engine answers on any port, both ways, and its hops and
 * blockers are mapped back onto graph nodes so the page can highlight them. The index follows the log's new events
 * in place (LiveTopology), rebuilt only for events that add or remove objects.
 */
export function createReachAnswerer(readEvents: () => readonly VizEvent[]): (from: string, to: string) => ReachAnswer {
  // Both live worlds only append to their log, so the world is folded forward from the last question, not replayed.
  const world = createWorld();
  const live = new LiveTopology(world);
  let folded = 0;
  const currentIndex = (): TopologyIndex => {
    const events = readEvents();
    for (; folded < events.length; folded++) applyEvent(world, events[folded]!);
    return live.indexAt(events);
  };
  return (fromNode, toNode) => {
    const from = toFlowEnd(fromNode);
    const to = toFlowEnd(toNode);
    if (from === undefined || to === undefined) {
      const node = from === undefined ? fromNode : toNode;
      return {
        verdict: 'unreachable', disposition: NOT_A_FLOW_END, hops: [],
        blockers: [{ nodeId: node, code: NOT_A_FLOW_END, message: `${node} neither sends nor answers traffic: pick a VM or an on-premises site` }],
      };
    }
    const result = queryReachOnAnyPort(currentIndex(), from, to);
    if (!result.ok) {
      return { verdict: 'unreachable', disposition: result.error.code, hops: [], blockers: [{ nodeId: fromNode, code: result.error.code, message: result.error.message }] };
    }
    const { answer } = result;
    // A flow needs its reply: the page shows the forward path, and the blockers of both directions.
    const isDelivered = answer.disposition === 'delivered' && answer.reverse.disposition === 'delivered';
    return {
      verdict: isDelivered ? 'reachable' : 'unreachable',
      disposition: answer.disposition === 'delivered' ? answer.reverse.disposition : answer.disposition,
      hops: mapHops(answer),
      blockers: [...mapBlockers(answer, 'forward'), ...mapBlockers(answer.reverse, 'reverse')],
    };
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
