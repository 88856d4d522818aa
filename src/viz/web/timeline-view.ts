import { select } from 'd3';
import type { VizEvent } from '../event-fields.js';
import { formatEventFields, narrateEvent } from '../event-line.js';
import { upperBound } from '../view-history.js';
import type { ExpectationMark, PlaybackState } from '../protocol.js';
import { ScrubberView } from './scrubber-view.js';
import type { Moment } from './timeline-marks.js';

/** Events listed around the cursor: the list is a window, so a 100k-event log costs no more than a short one. */
const LIST_WINDOW_EVENTS = 120;

/** What the timeline's buttons and scrubber ask for. */
export interface TimelineActions {
  play(speed: number): void;
  pause(): void;
  stepBack(): void;
  stepForward(): void;
  /** Shows the world right after event `seq`. */
  seekSeq(seq: number): void;
  goLive(): void;
  /** Shows the verdicts of the expectations checked at one moment (their ✓/✗ marker was clicked). */
  showExpectations(marks: readonly ExpectationMark[]): void;
}

/** What the timeline shows at one render: held events, the first held moment, the moment shown, verdicts so far. */
export interface TimelineState {
  events: readonly VizEvent[];
  first: { seq: number; timeMs: number };
  /** The end of the track: the world's clock, which may have run on past the newest event. */
  endMs: number;
  /** The cursor, `null` when following the newest event. */
  cursorSeq: number | null;
  shown: { seq: number; timeMs: number };
  playback: PlaybackState | null;
  expectations: readonly ExpectationMark[];
  moment: Moment;
}

/** Formats simulated ms as h:mm:ss. */
export function formatSimTime(ms: number): string {
  const total = Math.floor(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${Math.floor(total / 3600)}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

/** Width of the subject column, so the "what happened" column lines up for the usual names (as in `vnetsim run`). */
const SUBJECT_WIDTH = 22;

/** One line of the event list, told as `vnetsim run` tells it: `00:16:00  tunnel CorpVNet ↔ HQ  Connecting → Connected`. */
export function describeEvent(event: VizEvent): string {
  const line = narrateEvent(event);
  return `${line.clock}  ${line.subject.padEnd(SUBJECT_WIDTH)}  ${line.text}`;
}

/** The raw event behind a line, for its tooltip: seq, type and every payload field as `key=value`. */
export function describeEventFields(event: VizEvent): string {
  return `#${event.seq} ${event.type} ${formatEventFields(event)}`;
}

/** The footer: play / pause / step back and forward, speed, the time-scaled scrubber, and the event list. */
export class TimelineView {
  private readonly scrubber: ScrubberView;
  private readonly label = document.getElementById('cursor-label')!;
  private readonly list = document.getElementById('event-list')!;
  private readonly speed = document.getElementById('speed') as HTMLSelectElement;
  private lastListKey = '';
  private lastCurrentIndex = -1;

  /** Wires the controls to `actions`. */
  constructor(actions: TimelineActions) {
    const on = (id: string, handler: () => void): void => document.getElementById(id)!.addEventListener('click', handler);
    on('play', () => actions.play(Number(this.speed.value)));
    on('pause', () => actions.pause());
    on('step-back', () => actions.stepBack());
    on('step-forward', () => actions.stepForward());
    on('live', () => actions.goLive());
    this.speed.addEventListener('change', () => actions.play(Number(this.speed.value)));
    this.scrubber = new ScrubberView(document.getElementById('scrubber')!, actions);
    this.list.addEventListener('click', (event) => {
      const seq = (event.target as Element).closest('li')?.getAttribute('data-seq');
      if (seq != null) actions.seekSeq(Number(seq));
    });
  }

  /** Shows the held range on the scrubber, the moment shown, the playback state and the events around the moment. */
  update(state: TimelineState): void {
    const { events, playback } = state;
    const shown = state.shown.seq;
    this.scrubber.update(events, { ...state.first, endMs: state.endMs }, state.shown, state.expectations);
    if (playback !== null) this.showSpeed(playback.speed);
    const playing = playback?.playing === true ? `playing ×${playback.speed}` : 'paused';
    this.label.textContent = state.moment.mode === 'past' ? `at #${shown} · ${playing}` : playing;

    const at = upperBound(events, shown, (e) => e.seq);
    const from = Math.max(0, at - LIST_WINDOW_EVENTS + 20);
    const window = events.slice(from, from + LIST_WINDOW_EVENTS);
    const key = `${window[0]?.seq}-${window[window.length - 1]?.seq}-${shown}`;
    if (key === this.lastListKey) return;
    this.lastListKey = key;
    const items = select(this.list).selectAll<HTMLLIElement, VizEvent>('li').data(window, (e) => String(e.seq))
      .join((enter) => enter.append('li').attr('data-seq', (e) => e.seq).attr('title', describeEventFields).text(describeEvent))
      .attr('class', (e) => [e.seq === shown ? 'current' : '', e.seq > shown ? 'future' : '', e.type === 'command.refused' ? 'refused' : ''].join(' ').trim());
    items.order();
    // Scrolling forces a synchronous layout of the whole page (measured: a third of each frame with a 500-node SVG).
    // While following live events the current line keeps its index in the window, so it is already in view.
    const currentIndex = at - 1 - from;
    if (currentIndex === this.lastCurrentIndex) return;
    this.lastCurrentIndex = currentIndex;
    this.list.querySelector('li.current')?.scrollIntoView({ block: 'nearest' });
  }

  /** Shows the server's speed in the selector (adding it when it is not a preset), so play keeps that speed. */
  private showSpeed(speed: number): void {
    const value = String(speed);
    if (this.speed.value === value) return;
    if (![...this.speed.options].some((o) => o.value === value)) this.speed.add(new Option(`${value}×`, value));
    this.speed.value = value;
  }
}
