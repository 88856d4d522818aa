import { buildGraph, type Graph } from '../graph-model.js';
import { formatClock } from '../event-line.js';
import type { ExpectationMark, PlaybackState, ReachReply, ServerMessage } from '../protocol.js';
import { ViewHistory } from '../view-history.js';
import { createView, type View } from '../view-model.js';
import {
  CONNECT_LINK_LEGEND, CONNECT_LINK_STYLES, LEGEND, REFUSAL_COLOR, REFUSAL_MARK, TINT_LEGEND, TUNNEL_LEGEND, TUNNEL_STYLES, type TunnelStyle,
} from './colors.js';
import { LiveConnection } from './connection.js';
import { DiffPanel } from './diff-panel.js';
import { downloadText, exportGraphSvg } from './export-svg.js';
import { highlightOf, type Highlight } from './highlight.js';
import { MatrixPanel } from './matrix-panel.js';
import { PrefixTreeView } from './prefix-tree-view.js';
import { drawReach } from './reach-view.js';
import { describeMoment } from './timeline-marks.js';
import { TimelineView } from './timeline-view.js';
import { readRendererChoice, TopologyView } from './topology-view.js';

/**
 * The page: one ViewHistory fed by the socket, a cursor into it (null = follow the newest event), and views that are
 * redrawn at most once per animation frame from the view at the cursor.
 */
const history = new ViewHistory(createView());
let cursor: number | null = null;
let playback: PlaybackState | null = null;
let selected: string[] = [];
let reachReply: ReachReply | null = null;
let reachError: string | null = null;
let reachRequest = 0;
/** The request in flight, if any: one at a time, so playing fast never floods the server with stale questions. */
let reachInFlight: string | null = null;
/** The scenario's expectations checked so far, in order; the one whose marker was clicked is shown under the controls. */
let expectations: ExpectationMark[] = [];
let shownExpectations: readonly ExpectationMark[] = [];
const stats = { hellos: 0, snapshots: 0, duplicates: 0, eventsReceived: 0, renders: 0 };

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const topology = new TopologyView(byId('topology'), pickNode, readRendererChoice(location.search));
const timeline = new TimelineView({
  play: (speed) => {
    cursor = null;
    connection.send({ type: 'play', speed });
  },
  pause: () => connection.send({ type: 'pause' }),
  stepBack: stepBackOneEvent,
  stepForward: stepForwardOneEvent,
  seekSeq: moveCursor,
  goLive: () => moveCursor(history.lastSeq),
  showExpectations: (marks) => {
    shownExpectations = marks;
    scheduleRender();
  },
});

const diffPanel = new DiffPanel(byId('diff'), (message) => connection.send(message), shownMoment, scheduleRender, moveCursor);
const matrixDetails = byId<HTMLDetailsElement>('matrix-panel');
const matrixPanel = new MatrixPanel(byId('matrix'), (message) => connection.send(message), () => matrixDetails.open);
matrixDetails.addEventListener('toggle', scheduleRender);
const planDetails = byId<HTMLDetailsElement>('plan-panel');
const prefixTree = new PrefixTreeView(byId('prefix-tree'), () => planDetails.open);
planDetails.addEventListener('toggle', scheduleRender);

const connection = new LiveConnection({
  lastSeq: () => history.lastSeq,
  onMessage: receive,
  onStatus: (state, detail) => {
    const status = byId('status');
    status.dataset['state'] = state;
    status.textContent = detail;
  },
});

const legendItem = (label: string, swatch: HTMLElement): HTMLElement => {
  const item = document.createElement('span');
  item.append(swatch, label);
  return item;
};
/** A short line stroked like a link, for the legend. */
function lineKey(style: TunnelStyle): HTMLElement {
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  line.setAttribute('class', 'line-key');
  line.innerHTML = `<line x1="0" y1="5" x2="22" y2="5" stroke="${style.color}" stroke-width="${style.width}" stroke-dasharray="${style.dash.join(' ')}"/>`;
  return line as unknown as HTMLElement;
}
byId('legend-items').replaceChildren(
  ...LEGEND.map(([label, color]) => legendItem(label, Object.assign(document.createElement('i'), { style: `background:${color}` }))),
  ...TUNNEL_LEGEND.map(([label, condition]) => legendItem(label, lineKey(TUNNEL_STYLES[condition]))),
  ...CONNECT_LINK_LEGEND.map(([label, kind]) => legendItem(label, lineKey(CONNECT_LINK_STYLES[kind]))),
  legendItem('refused command', Object.assign(document.createElement('b'), { textContent: REFUSAL_MARK, style: `color:${REFUSAL_COLOR}` })),
  Object.assign(document.createElement('span'), { className: 'tint-key', textContent: TINT_LEGEND }),
);
// At 800×600 the 20 items take three lines over the graph's bottom: a narrow window starts with the legend folded.
if (window.matchMedia('(max-width: 999px)').matches) (byId('legend') as HTMLDetailsElement).open = false;
/** Below 1000 px the side panel opens over the graph from the header, so the graph keeps the window's width. */
byId('toggle-panel').addEventListener('click', () => {
  const isOpen = document.body.classList.toggle('panel-open');
  byId('toggle-panel').setAttribute('aria-expanded', String(isOpen));
});
/**
 * Keyboard control of the timeline, as in a media player: ←/→ step one event, Space plays or pauses, Home goes to
 * the first event held, End back to the live end. Keys typed into a form control stay that control's.
 */
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement | null;
  if (target !== null && ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName) && target.id !== 'scrubber') return;
  const actions: Record<string, () => void> = {
    ArrowLeft: stepBackOneEvent,
    ArrowRight: stepForwardOneEvent,
    ' ': () => connection.send(playback?.playing === true ? { type: 'pause' } : { type: 'play' }),
    Home: () => moveCursor(history.firstSeq),
    End: () => moveCursor(history.lastSeq),
  };
  const action = actions[event.key];
  if (action === undefined) return;
  event.preventDefault();
  action();
});
byId('export-svg').addEventListener('click', () => downloadText(currentSvg(), 'vnetsim-topology.svg', 'image/svg+xml'));

function receive(message: ServerMessage): void {
  switch (message.type) {
    case 'hello':
      stats.hellos++;
      playback = message.playback;
      if (message.snapshot !== null) {
        stats.snapshots++;
        history.reset(message.snapshot);
        if (cursor !== null && cursor < history.firstSeq) cursor = null;
      }
      break;
    case 'events': {
      stats.eventsReceived += message.events.length;
      stats.duplicates += message.events.length - history.append(message.events);
      break;
    }
    case 'playback':
      playback = message.playback;
      break;
    case 'diff':
      diffPanel.receive(message.requestId, message, null);
      break;
    case 'matrix':
      matrixPanel.receive(message.requestId, { matrix: message }, null);
      break;
    case 'expectations':
      expectations = [...expectations.slice(0, message.from), ...message.marks];
      break;
    case 'reach':
      if (matrixPanel.receive(message.requestId, { reach: message }, null)) break;
      if (message.requestId === reachInFlight) reachInFlight = null;
      if (message.requestId === `r${reachRequest}`) reachReply = message;
      break;
    case 'error': {
      const text = `${message.code}: ${message.message}`;
      if (message.requestId !== null && (diffPanel.receive(message.requestId, null, text) || matrixPanel.receive(message.requestId, {}, text))) break;
      if (message.requestId !== null && message.requestId === reachInFlight) reachInFlight = null;
      if (message.requestId === `r${reachRequest}`) reachError = text;
      else byId('status').textContent = text;
      break;
    }
  }
  scheduleRender();
}

function stepBackOneEvent(): void {
  moveCursor(history.previousSeq(cursor ?? history.lastSeq));
}

/** At the live end a step asks the server to run the world to its next event; in the past it moves the cursor. */
function stepForwardOneEvent(): void {
  if (cursor === null) connection.send({ type: 'step' });
  else moveCursor(history.nextSeq(cursor) ?? history.lastSeq);
}

function moveCursor(seq: number): void {
  cursor = seq >= history.lastSeq ? null : Math.max(seq, history.firstSeq);
  scheduleRender();
}

function pickNode(id: string): void {
  selected = selected.length >= 2 ? [id] : [...selected, id];
  reachReply = null;
  reachError = null;
  reachInFlight = null;
  scheduleRender();
}

/**
 * Keeps the reach answer about the moment on screen: when the shown event differs from the one the answer was
 * computed for, the old answer is withdrawn and the question asked again for the shown event (`atSeq`).
 */
function askReachForShownMoment(shownSeq: number): void {
  if (selected.length !== 2 || reachError !== null || reachInFlight !== null || reachReply?.atSeq === shownSeq) return;
  reachRequest++;
  reachInFlight = `r${reachRequest}`;
  connection.send({ type: 'reach', requestId: reachInFlight, from: selected[0]!, to: selected[1]!, atSeq: shownSeq });
}

let frame = 0;
let lastView: View | undefined;
let lastHighlight: Highlight | undefined;
let lastGraph: Graph = { nodes: [], links: [] };
let highlight = highlightOf([], null);

function scheduleRender(): void {
  if (frame === 0) frame = requestAnimationFrame(render);
}

function render(): void {
  frame = 0;
  stats.renders++;
  const view = cursor === null ? history.latest : history.viewAt(cursor);
  const shownSeq = cursor ?? history.lastSeq;
  askReachForShownMoment(shownSeq);
  const currentReply = reachReply?.atSeq === shownSeq ? reachReply : null;
  const nextHighlight = { ...highlightOf(selected, currentReply?.answer ?? null), ...diffPanel.marks() };
  const emphasised = (h: Highlight): string[][] => [h.selected, h.pathNodes, h.blockers, h.gained, h.lost].map((set) => [...set]);
  const highlightChanged = JSON.stringify(emphasised(nextHighlight)) !== JSON.stringify(lastHighlight === undefined ? null : emphasised(lastHighlight));
  if (highlightChanged) highlight = nextHighlight;
  if (view !== lastView || highlightChanged) {
    lastGraph = buildGraph(view);
    topology.update(lastGraph, highlight, cursor === null);
    lastHighlight = highlight;
  }
  prefixTree.update(view);
  matrixPanel.update(shownSeq);
  lastView = view;
  drawReach(byId('reach-result'), selected, currentReply, reachError);
  const first = history.viewAt(history.firstSeq);
  // At the newest event the world shown is the world now: its clock may have run on past the last event.
  const clockMs = Math.max(history.latest.timeMs, playback?.timeMs ?? 0);
  const shownMs = cursor === null ? clockMs : view.timeMs;
  const moment = describeMoment({
    cursor, timeMs: shownMs, lastSeq: history.lastSeq, playing: playback?.playing === true, hasMore: playback?.nextEventMs != null,
  });
  timeline.update({
    events: history.events, first: { seq: first.seq, timeMs: first.timeMs }, endMs: clockMs, cursorSeq: cursor,
    shown: { seq: shownSeq, timeMs: shownMs }, playback, expectations, moment,
  });
  const clock = byId('clock');
  clock.textContent = moment.text;
  clock.dataset['mode'] = moment.mode;
  renderExpectationDetail(shownSeq);
  const vms = Object.keys(view.vms).length;
  byId('counts').textContent = `${lastGraph.nodes.length} nodes · ${vms} VMs · ${view.refusedCount} refused`;
}

/** The moment on screen, as the diff panel's A and B name it. */
function shownMoment(): { atSeq: number; atMs: number } {
  const view = cursor === null ? history.latest : history.viewAt(cursor);
  return { atSeq: Math.max(0, cursor ?? history.lastSeq), atMs: view.timeMs };
}

/** The verdicts of the expectations whose marker was clicked, one line each in the words of `vnetsim run`'s report. */
function renderExpectationDetail(shownSeq: number): void {
  const detail = byId('expectation-detail');
  // The verdicts go once the view leaves their moment: they are about that moment only.
  if (shownExpectations[0] !== undefined && shownExpectations[0].atSeq !== shownSeq) shownExpectations = [];
  detail.hidden = shownExpectations.length === 0;
  if (shownExpectations.length === 0) return;
  detail.dataset['status'] = shownExpectations.some((m) => m.status === 'failed') ? 'failed' : 'held';
  detail.textContent = shownExpectations.map((mark) => {
    const held = mark.status === 'held';
    return `${held ? '✓' : '✗'} ${formatClock(mark.atMs)}  ${mark.description}${held ? '' : ` — expected ${mark.expected}, actual ${mark.actual}`}  (${mark.at})`;
  }).join('\n');
}

function currentSvg(): string {
  const layout = topology.currentLayout;
  return layout === undefined ? '' : exportGraphSvg(topology.currentGraph, layout, highlight);
}

/** Automation hook (tests, benchmarks, the curious): what the page holds, and a way to simulate a network drop. */
Object.assign(window, {
  vnetsim: {
    inspect: () => ({
      ...stats, lastSeq: history.lastSeq, firstSeq: history.firstSeq, eventSeqs: history.events.map((e) => e.seq), cursor,
      nodeCount: lastGraph.nodes.length, playback, drawnExtent: topology.drawnExtent, captions: topology.captionState, expectations,
    }),
    dropConnection: () => connection.drop(),
    exportSvg: currentSvg,
    pickNode,
    showSeq: moveCursor,
  },
});
