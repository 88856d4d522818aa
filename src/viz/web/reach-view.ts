import type { ReachReply } from '../protocol.js';
import { formatSimTime } from './timeline-view.js';

/**
 * Shows the reach panel: the picked endpoints, the moment the answer is about, the verdict, and what `vnetsim reach`
 * prints for the same question (both directions, every hop, every blocker with its fix). A reply about another
 * moment than the one shown is never passed in: the panel says it is asking instead.
 */
export function drawReach(container: HTMLElement, selected: readonly string[], reply: ReachReply | null, error: string | null): void {
  container.replaceChildren();
  const line = (text: string, className = ''): HTMLElement => {
    const p = document.createElement('p');
    p.textContent = text;
    if (className !== '') p.className = className;
    container.append(p);
    return p;
  };
  if (selected.length === 0) return;
  line(`from ${selected[0]}${selected[1] === undefined ? ' — now pick the destination' : ` to ${selected[1]}`}`);
  if (error !== null) {
    line(error, 'verdict-unreachable');
    return;
  }
  delete container.dataset['verdict'];
  delete container.dataset['atSeq'];
  if (selected.length < 2) return;
  if (reply === null) {
    line('asking about the moment shown…');
    return;
  }
  const { answer } = reply;
  container.dataset['verdict'] = answer.verdict;
  container.dataset['atSeq'] = String(reply.atSeq);
  line(`at t = ${formatSimTime(reply.atMs)} (event #${reply.atSeq}): ${answer.verdict} (${answer.disposition})`, `verdict-${answer.verdict}`);
  const pre = document.createElement('pre');
  pre.className = 'reach-text';
  pre.textContent = answer.text;
  container.append(pre);
}
