import type { MatrixCell, MatrixClass, MatrixReply } from '../panel-protocol.js';
import type { ClientMessage, ReachReply } from '../protocol.js';
import { formatSimTime } from './timeline-view.js';

/** Prefix of the request ids this panel sends (its matrix queries and the reach questions of a clicked cell). */
export const MATRIX_REQUEST_PREFIX = 'm';

/** A cell picked for its explanation: its row and column classes and the reach question standing for it. */
interface PickedCell {
  from: string;
  to: string;
  fromNode: string;
  toNode: string;
}

/**
 * The reachability matrix at the moment on screen, class by class as `vnetsim matrix` computes it: a row and a column
 * per class, ✓ where every member of the row reaches every member of the column (its path and ports in the title),
 * ✗ where not, and nothing where no flow is asked (site to site, a one-VM class to itself). A click on a cell asks
 * the reach question for the two members standing for it and shows what `vnetsim reach` prints. Like the reach panel
 * it asks again whenever the moment changes, one question at a time, and only while open.
 */
export class MatrixPanel {
  private reply: MatrixReply | null = null;
  private explanation: ReachReply | null = null;
  private error: string | null = null;
  private picked: PickedCell | null = null;
  private request = 0;
  private inFlight: string | null = null;
  private shownSeq = -1;
  private drawnReply: MatrixReply | null = null;
  private readonly grid: HTMLElement;
  private readonly explain: HTMLElement;

  /** Draws into `container` while `isOpen()` (a closed panel asks nothing). */
  constructor(container: HTMLElement, private readonly send: (message: ClientMessage) => void, private readonly isOpen: () => boolean) {
    this.grid = Object.assign(document.createElement('div'), { id: 'matrix-grid' });
    this.explain = Object.assign(document.createElement('div'), { id: 'matrix-explain' });
    container.replaceChildren(this.grid, this.explain);
    this.grid.addEventListener('click', (event) => {
      const td = (event.target as HTMLElement).closest<HTMLElement>('td[data-from]');
      const { from, to, fromNode, toNode } = td?.dataset ?? {};
      if (from === undefined || to === undefined || fromNode === undefined || toNode === undefined) return;
      this.picked = { from, to, fromNode, toNode };
      this.explanation = null;
      this.error = null;
      this.inFlight = null;
      this.update(this.shownSeq);
    });
  }

  /** Follows the moment on screen: withdraws answers about another moment and asks for this one. */
  update(shownSeq: number): void {
    // An error was about the moment it was asked for: another moment may well be answered.
    if (shownSeq !== this.shownSeq) this.error = null;
    this.shownSeq = shownSeq;
    if (!this.isOpen()) return;
    if (this.inFlight === null && this.error === null && shownSeq >= 0) {
      if (this.reply?.atSeq !== shownSeq) this.ask({ type: 'matrix', atSeq: shownSeq });
      else if (this.picked !== null && this.explanation?.atSeq !== shownSeq) {
        this.ask({ type: 'reach', from: this.picked.fromNode, to: this.picked.toNode, atSeq: shownSeq });
      }
    }
    this.draw();
  }

  /** Takes a reply or error addressed to this panel; false when the id is not the one in flight. */
  receive(requestId: string, reply: { matrix?: MatrixReply; reach?: ReachReply }, error: string | null): boolean {
    if (requestId !== this.inFlight) return false;
    this.inFlight = null;
    if (reply.matrix !== undefined) this.reply = reply.matrix;
    if (reply.reach !== undefined) this.explanation = reply.reach;
    this.error = error;
    this.update(this.shownSeq);
    return true;
  }

  private ask(message: { type: 'matrix'; atSeq: number } | { type: 'reach'; from: string; to: string; atSeq: number }): void {
    this.request++;
    this.inFlight = `${MATRIX_REQUEST_PREFIX}${this.request}`;
    this.send({ ...message, requestId: this.inFlight });
  }

  private draw(): void {
    const reply = this.reply?.atSeq === this.shownSeq ? this.reply : null;
    if (reply !== this.drawnReply || reply === null) {
      this.drawnReply = reply;
      this.grid.replaceChildren(...(reply === null ? [Object.assign(document.createElement('p'), { textContent: 'asking about the moment shown…' })] : drawGrid(reply)));
    }
    for (const td of this.grid.querySelectorAll<HTMLElement>('td.picked')) td.classList.remove('picked');
    if (this.picked !== null) this.grid.querySelector(`td[data-from="${this.picked.from}"][data-to="${this.picked.to}"]`)?.classList.add('picked');
    this.drawExplanation();
  }

  private drawExplanation(): void {
    const out = this.explain;
    out.replaceChildren();
    delete out.dataset['verdict'];
    if (this.error !== null) {
      out.append(Object.assign(document.createElement('p'), { className: 'verdict-unreachable', textContent: this.error }));
      return;
    }
    if (this.picked === null) {
      out.append(Object.assign(document.createElement('p'), { className: 'hint', textContent: 'Click a cell for the reach answer behind it.' }));
      return;
    }
    const answer = this.explanation?.atSeq === this.shownSeq ? this.explanation : null;
    const title = `${this.picked.from} → ${this.picked.to}: ${this.picked.fromNode} to ${this.picked.toNode}`;
    out.append(Object.assign(document.createElement('p'), { textContent: answer === null ? `${title} — asking…` : title }));
    if (answer === null) return;
    out.dataset['verdict'] = answer.answer.verdict;
    out.append(Object.assign(document.createElement('p'), {
      className: `verdict-${answer.answer.verdict}`,
      textContent: `at t = ${formatSimTime(answer.atMs)} (event #${answer.atSeq}): ${answer.answer.verdict} (${answer.answer.disposition})`,
    }));
    out.append(Object.assign(document.createElement('pre'), { className: 'reach-text', textContent: answer.answer.text }));
  }
}

function drawGrid(reply: MatrixReply): HTMLElement[] {
  const cells = new Map(reply.cells.map((c) => [`${c.from}>${c.to}`, c]));
  const summary = Object.assign(document.createElement('p'), {
    className: 'matrix-summary',
    textContent: `t = ${formatSimTime(reply.atMs)} (event #${reply.atSeq}): ${reply.classCount} classes, ${reply.cells.length} delivered cells`,
  });
  const parts: HTMLElement[] = [summary];
  if (reply.classCount > reply.classes.length) {
    parts.push(Object.assign(document.createElement('p'), {
      className: 'matrix-truncated',
      textContent: `showing the first ${reply.classes.length} of ${reply.classCount} classes; vnetsim matrix lists them all`,
    }));
  }
  const table = document.createElement('table');
  table.className = 'matrix';
  const head = table.createTHead().insertRow();
  head.append(document.createElement('th'));
  for (const to of reply.classes) head.append(Object.assign(document.createElement('th'), { textContent: to.id, title: to.label, className: 'matrix-col' }));
  const body = table.createTBody();
  for (const from of reply.classes) {
    const tr = body.insertRow();
    tr.append(Object.assign(document.createElement('th'), { textContent: `${from.id} ${from.label}`, title: from.label, className: 'matrix-row' }));
    for (const to of reply.classes) tr.append(matrixCell(from, to, cells.get(`${from.id}>${to.id}`)));
  }
  parts.push(table);
  return parts;
}

function matrixCell(from: MatrixClass, to: MatrixClass, cell: MatrixCell | undefined): HTMLTableCellElement {
  const td = document.createElement('td');
  const toNode = from.id === to.id ? from.partnerNodeId : to.nodeId;
  // Site to site is not a flow, and a class of one VM has no second member to reach.
  if ((from.kind === 'site' && to.kind === 'site') || toNode === null) {
    td.className = 'none';
    td.title = from.id === to.id ? 'a single VM does not reach itself' : 'site to site is not a flow';
    return td;
  }
  Object.assign(td.dataset, { from: from.id, to: to.id, fromNode: from.nodeId, toNode, verdict: cell === undefined ? 'unreachable' : 'reachable' });
  td.className = cell === undefined ? 'unreachable' : 'reachable';
  td.textContent = cell === undefined ? '✗' : '✓';
  const ports = cell === undefined ? '' : cell.ports.length === 1 && cell.ports[0] === 'any' ? ', any port' : `, ${cell.ports.join(' ')}`;
  td.title = `${from.id} → ${to.id}: ${cell === undefined ? 'not delivered' : `${cell.path}${ports}`} (click for the reach answer)`;
  return td;
}
