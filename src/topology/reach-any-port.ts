import type { FlowAnswer, ReachAnswer } from './answer.js';
import { resolveFlowSource, resolveFlowTarget, type EndpointError } from './endpoint-resolve.js';
import type { FlowSource } from './flow-end.js';
import { evaluateFlow, PORT_FREE_QUERY, type FlowQuery } from './flow.js';
import { ANY_PORT, evaluateCell, listDeliveredPorts } from './matrix.js';
import { answerReach, describeNoReverse, joinDirections, reverseFlowEnds } from './reach.js';
import type { TopologyIndex } from './topology-index.js';

/** The answer to "can FROM reach TO at all", with the port label it was answered on (`any` on port-free paths). */
export type AnyPortResult = { ok: true; answer: ReachAnswer; port: string } | { ok: false; error: EndpointError };

/**
 * Answers FROM → TO when no port is asked: a private channel, VNet or tunnel carries every port, so one answer
 * stands for all; across cloud services only the target's public endpoints lead in (azure-classic.md §4.3), so each
 * endpoint's port is tried and the first delivered one is answered (else the first, so its blockers are real). The
 * reverse direction picks its own port the same way, from the endpoints it meets.
 * A VIP:port target is answered on the port it names.
 */
export function queryReachOnAnyPort(index: TopologyIndex, from: string, to: string): AnyPortResult {
  const source = resolveFlowSource(index, from);
  if (!source.ok) return source;
  const target = resolveFlowTarget(index, to, source.value, PORT_FREE_QUERY.protocol);
  if (!target.ok) return target;
  const end = target.value;
  if (end.kind === 'vip-port') {
    const query: FlowQuery = { protocol: end.protocol, port: end.publicPort };
    return { ok: true, answer: answerReach(index, source.value, end, query), port: `${end.protocol}/${end.publicPort}` };
  }
  const forward = answerOnAnyPort(index, source.value, end);
  const back = reverseFlowEnds(index, source.value, end);
  const reverse = back === undefined ? describeNoReverse(forward.answer) : answerOnAnyPort(index, back.from, back.to).answer;
  return { ok: true, answer: joinDirections(forward.answer, reverse), port: forward.port };
}

/**
 * One direction on the port it is answered on: the first delivered label of its cell, else the cell's first label
 * (so its blockers are real), taking the answer the cell already evaluated for that label.
 */
function answerOnAnyPort(index: TopologyIndex, from: FlowSource, to: FlowSource): { answer: FlowAnswer; port: string } {
  const cell = evaluateCell(index, from, to);
  const port = listDeliveredPorts(cell)[0] ?? cell?.keys().next().value ?? ANY_PORT;
  return { answer: cell?.get(port) ?? evaluateFlow(index, from, to, PORT_FREE_QUERY), port };
}
