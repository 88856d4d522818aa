import type { ReachAnswer } from '../protocol.js';

/** Shows the reach panel: the picked endpoints, then the verdict with its hops or its blockers. */
export function drawReach(container: HTMLElement, selected: readonly string[], answer: ReachAnswer | null, error: string | null): void {
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
  if (answer === null) return;
  container.dataset['verdict'] = answer.verdict;
  line(`${answer.verdict} (${answer.disposition})`, `verdict-${answer.verdict}`);
  const list = (items: string[]): void => {
    const ol = document.createElement('ol');
    for (const item of items) ol.append(Object.assign(document.createElement('li'), { textContent: item }));
    container.append(ol);
  };
  if (answer.hops.length > 0) list(answer.hops.map((h) => `${h.label} (${h.nodeId})`));
  if (answer.blockers.length > 0) {
    line('blocked by:');
    list(answer.blockers.map((b) => `${b.code}: ${b.message}${b.nodeId === null ? '' : ` at ${b.nodeId}`}`));
  }
}
