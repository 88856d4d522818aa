import type { ClassRef, DiffFlow, DiffReply, MomentRef } from '../panel-protocol.js';
import type { ClientMessage } from '../protocol.js';
import { formatClock } from '../event-line.js';
import { formatSimTime } from './timeline-view.js';

/** Prefix of the request ids this panel sends, so the page routes the replies back to it. */
export const DIFF_REQUEST_PREFIX = 'd';

/** Causes listed per flow; a longer list shows the first ones, how many more, and the last, as `vnetsim diff` does. */
const MAX_CAUSES_SHOWN = 4;

/** The graph nodes a diff marks: the ends of the flows gained and of the flows lost. */
export interface DiffMarks {
  gained: ReadonlySet<string>;
  lost: ReadonlySet<string>;
}

/** No diff shown. */
const NO_MARKS: DiffMarks = { gained: new Set(), lost: new Set() };

/**
 * The diff panel: "set A" and "set B" take the moment on screen (the scrubber's), and once both are set the server
 * answers with `vnetsim diff`'s flows gained and lost between them and the events that caused each; the ends of
 * those flows are marked on the graph (marks()). The CLI's own text is one click away.
 */
export class DiffPanel {
  private momentA: MomentRef | null = null;
  private momentB: MomentRef | null = null;
  private reply: DiffReply | null = null;
  private error: string | null = null;
  private request = 0;
  /** The flow whose ends alone are marked, after a click on it; `null` marks the ends of every flow. */
  private focused: DiffFlow | null = null;
  private readonly result: HTMLElement;

  /**
   * Wires the panel's buttons: `shownMoment` reads the moment on screen when A or B is set; a click on a cause shows
   * the world right after that event (`showSeq`).
   */
  constructor(
    container: HTMLElement, private readonly send: (message: ClientMessage) => void, shownMoment: () => MomentRef, onChange: () => void,
    showSeq: (seq: number) => void,
  ) {
    const bar = document.createElement('div');
    bar.className = 'diff-controls';
    const button = (id: string, text: string, title: string, action: () => void): void => {
      const b = Object.assign(document.createElement('button'), { id, type: 'button', textContent: text, title });
      b.addEventListener('click', () => {
        action();
        onChange();
      });
      bar.append(b);
    };
    button('diff-set-a', 'set A', 'A = the moment shown on the scrubber', () => this.setMoments(shownMoment(), this.momentB));
    button('diff-set-b', 'set B', 'B = the moment shown on the scrubber', () => this.setMoments(this.momentA, shownMoment()));
    button('diff-clear', 'clear', 'Forget A and B', () => this.setMoments(null, null));
    this.result = document.createElement('div');
    this.result.id = 'diff-result';
    this.result.addEventListener('click', (event) => {
      const target = event.target as HTMLElement;
      const seq = target.closest<HTMLElement>('li[data-seq]')?.dataset['seq'];
      if (seq !== undefined) showSeq(Number(seq));
      const head = target.closest<HTMLElement>('.diff-flow-head');
      if (head === null) return;
      const flows = [...(this.reply?.lost ?? []), ...(this.reply?.gained ?? [])];
      const flow = flows[Number(head.dataset['index'])] ?? null;
      this.focused = flow === this.focused ? null : flow;
      this.draw();
      onChange();
    });
    container.replaceChildren(bar, this.result);
    this.draw();
  }

  /** Takes a reply or error addressed to this panel; false when the id is not the panel's latest request. */
  receive(requestId: string, reply: DiffReply | null, error: string | null): boolean {
    if (requestId !== `${DIFF_REQUEST_PREFIX}${this.request}`) return false;
    this.reply = reply;
    this.error = error;
    this.focused = null;
    this.draw();
    return true;
  }

  /** The nodes to mark on the graph: the classes at both ends of every flow gained and lost, or of the one clicked. */
  marks(): DiffMarks {
    if (this.reply === null) return NO_MARKS;
    const byId = new Map(this.reply.classes.map((c) => [c.id, c]));
    const focus = this.focused;
    const endsOf = (flows: readonly DiffFlow[]): Set<string> => new Set(flows.filter((f) => focus === null || f === focus)
      .flatMap((f) => [f.from, f.to]).flatMap((id) => byId.get(id)?.nodeIds ?? []));
    return { gained: endsOf(this.reply.gained), lost: endsOf(this.reply.lost) };
  }

  private setMoments(a: MomentRef | null, b: MomentRef | null): void {
    this.momentA = a;
    this.momentB = b;
    this.reply = null;
    this.error = null;
    this.request++;
    if (a !== null && b !== null) this.send({ type: 'diff', requestId: `${DIFF_REQUEST_PREFIX}${this.request}`, fromSeq: a.atSeq, toSeq: b.atSeq });
    this.draw();
  }

  private draw(): void {
    const out = this.result;
    out.replaceChildren();
    const line = (text: string, className = ''): HTMLElement => {
      const p = Object.assign(document.createElement('p'), { textContent: text, className });
      out.append(p);
      return p;
    };
    delete out.dataset['gained'];
    delete out.dataset['lost'];
    line(`A: ${describeMoment(this.momentA)}   B: ${describeMoment(this.momentB)}`, 'diff-moments');
    if (this.momentA === null || this.momentB === null) {
      line('Scrub to a moment and set A, then to another and set B: the flows gained and lost between them are listed and marked on the graph.', 'hint');
      return;
    }
    if (this.error !== null) {
      line(this.error, 'verdict-unreachable');
      return;
    }
    const reply = this.reply;
    if (reply === null) {
      line('comparing…');
      return;
    }
    out.dataset['gained'] = String(reply.gainedCount);
    out.dataset['lost'] = String(reply.lostCount);
    line(`${reply.gainedCount} flows gained, ${reply.lostCount} lost`, 'diff-summary');
    const byId = new Map(reply.classes.map((c) => [c.id, c]));
    let index = 0;
    for (const [title, flows, total] of [['lost', reply.lost, reply.lostCount], ['gained', reply.gained, reply.gainedCount]] as const) {
      const list = document.createElement('ul');
      list.className = `diff-flows ${title}`;
      for (const flow of flows) {
        const item = flowItem(flow, title, byId);
        const head = item.querySelector<HTMLElement>('.diff-flow-head')!;
        head.dataset['index'] = String(index++);
        head.title = 'click to mark only this flow\'s ends on the graph (again: every flow)';
        if (flow === this.focused) item.classList.add('focused');
        list.append(item);
      }
      if (flows.length === 0) list.append(Object.assign(document.createElement('li'), { textContent: 'none' }));
      if (total > flows.length) list.append(Object.assign(document.createElement('li'), { textContent: `… ${total - flows.length} more (see the text below)` }));
      out.append(Object.assign(document.createElement('h3'), { textContent: `${title} (${total})` }), list);
    }
    const details = document.createElement('details');
    details.append(Object.assign(document.createElement('summary'), { textContent: 'as `vnetsim diff` prints it' }));
    details.append(Object.assign(document.createElement('pre'), { className: 'diff-text', textContent: reply.text }));
    out.append(details);
  }
}

function flowItem(flow: DiffFlow, title: 'lost' | 'gained', byId: ReadonlyMap<string, ClassRef>): HTMLLIElement {
  const label = (id: string): string => byId.get(id)?.label ?? id;
  const item = document.createElement('li');
  item.className = 'diff-flow';
  item.dataset['from'] = flow.from;
  item.dataset['to'] = flow.to;
  item.dataset['port'] = flow.port;
  const target = flow.from === flow.to ? 'each other' : label(flow.to);
  const head = Object.assign(document.createElement('div'), {
    className: 'diff-flow-head',
    textContent: `${title === 'lost' ? '✗' : '✓'} ${label(flow.from)} → ${target}, ${flow.port === 'any' ? 'any port' : flow.port}: ${flow.before} → ${flow.after}`,
  });
  item.append(head);
  const causes = document.createElement('ul');
  causes.className = 'diff-causes';
  const shown = flow.causes.length <= MAX_CAUSES_SHOWN
    ? flow.causes
    : [...flow.causes.slice(0, MAX_CAUSES_SHOWN - 1), undefined, flow.causes[flow.causes.length - 1]!];
  for (const c of shown) {
    const li = document.createElement('li');
    if (c === undefined) {
      li.textContent = `… ${flow.causes.length - MAX_CAUSES_SHOWN} more`;
    } else {
      li.textContent = `#${c.seq}  ${formatClock(c.time)}  ${c.type}  ${c.object}${c.detail === '' ? '' : `  ${c.detail}`}`;
      li.dataset['seq'] = String(c.seq);
      li.title = 'show the world right after this event';
    }
    causes.append(li);
  }
  if (flow.causes.length === 0) causes.append(Object.assign(document.createElement('li'), { textContent: 'no event between the two moments touched these objects' }));
  item.append(causes);
  return item;
}

function describeMoment(moment: MomentRef | null): string {
  return moment === null ? 'not set' : `t = ${formatSimTime(moment.atMs)} (#${moment.atSeq})`;
}
