import type { VizEvent } from '../event-fields.js';
import type { ExpectationMark } from '../protocol.js';
import { eventMarker, expectationMarker, groupByMoment, seqAtTime, timeAtFraction, timeFraction, type TimelineMarker } from './timeline-marks.js';

/** Event markers kept at most: past this a log of retries would cost more DOM than it tells. */
const MAX_EVENT_MARKERS = 2000;

/** What the scrubber asks for. */
export interface ScrubberActions {
  /** Shows the world right after event `seq`. */
  seekSeq(seq: number): void;
  /** Shows the verdicts of the expectations checked at one moment (their marker was clicked); the view has already moved there. */
  showExpectations(marks: readonly ExpectationMark[]): void;
}

/**
 * The time-scaled scrubber: the track runs from the first held moment to the newest event, so a position is a
 * simulated time (an hour of quiet takes its hour of track), with markers for ✓/✗ expectations, refusals and state
 * changes. Markers carry their time as a CSS variable and the track's span is two variables on the container, so
 * new events move every marker with one style change instead of rewriting each.
 */
export class ScrubberView {
  private readonly root: HTMLElement;
  private readonly eventMarkers: HTMLElement;
  private readonly expectationMarkers: HTMLElement;
  private readonly elapsed: HTMLElement;
  private readonly thumb: HTMLElement;
  private events: readonly VizEvent[] = [];
  private firstSeq = -1;
  private startMs = 0;
  private endMs = 0;
  private markedEvents = 0;
  private markedSeq = -1;
  private expectationCount = -1;
  private groups: (readonly ExpectationMark[])[] = [];

  /** Builds the scrubber inside `root` and wires pointer dragging and marker clicks to `actions`. */
  constructor(root: HTMLElement, actions: ScrubberActions) {
    this.root = root;
    const part = (className: string): HTMLElement => Object.assign(document.createElement('div'), { className });
    const track = part('track');
    this.elapsed = part('elapsed');
    track.append(this.elapsed);
    this.eventMarkers = part('markers event-markers');
    this.expectationMarkers = part('markers expectation-markers');
    this.thumb = part('thumb');
    root.replaceChildren(this.expectationMarkers, track, this.eventMarkers, this.thumb);

    const seekToPointer = (event: PointerEvent): void => {
      const box = root.getBoundingClientRect();
      const timeMs = timeAtFraction((event.clientX - box.left) / Math.max(1, box.width), this.startMs, this.endMs);
      actions.seekSeq(seqAtTime(this.events, this.firstSeq, timeMs));
    };
    root.addEventListener('pointerdown', (event) => {
      const marker = (event.target as Element).closest<HTMLElement>('.marker');
      if (marker !== null) {
        // A marker is a place to jump to, not the start of a drag.
        actions.seekSeq(Number(marker.dataset['seq']));
        const index = marker.dataset['expectation'];
        if (index !== undefined) actions.showExpectations(this.groups[Number(index)]!);
        return;
      }
      root.setPointerCapture(event.pointerId);
      seekToPointer(event);
    });
    root.addEventListener('pointermove', (event) => {
      if (root.hasPointerCapture(event.pointerId)) seekToPointer(event);
    });
  }

  /** Shows the track from the first held moment to the world's clock, the moment shown, and the expectations checked so far. */
  update(
    events: readonly VizEvent[], span: { seq: number; timeMs: number; endMs: number }, shown: { seq: number; timeMs: number },
    marks: readonly ExpectationMark[],
  ): void {
    this.events = events;
    this.firstSeq = span.seq;
    this.startMs = span.timeMs;
    this.endMs = Math.max(span.timeMs, span.endMs, events[events.length - 1]?.time ?? span.timeMs);
    this.root.style.setProperty('--start-s', String(this.startMs / 1000));
    this.root.style.setProperty('--span-s', String(Math.max(0.001, (this.endMs - this.startMs) / 1000)));
    const at = timeFraction(shown.timeMs, this.startMs, this.endMs);
    this.thumb.style.left = `${at * 100}%`;
    this.elapsed.style.width = `${at * 100}%`;
    this.root.setAttribute('aria-valuemin', String(this.startMs));
    this.root.setAttribute('aria-valuemax', String(this.endMs));
    this.root.setAttribute('aria-valuenow', String(shown.timeMs));
    this.root.dataset['seq'] = String(shown.seq);
    this.root.dataset['fraction'] = at.toFixed(4);
    this.markNewEvents(events);
    this.markExpectations(marks);
  }

  /** Adds markers for events not seen yet; a history reset (a resync) starts them again. */
  private markNewEvents(events: readonly VizEvent[]): void {
    if (events.length < this.markedEvents || (this.markedEvents > 0 && events[this.markedEvents - 1]?.seq !== this.markedSeq)) {
      this.eventMarkers.replaceChildren();
      this.markedEvents = 0;
    }
    const fresh: HTMLElement[] = [];
    for (let i = this.markedEvents; i < events.length && this.eventMarkers.childElementCount + fresh.length < MAX_EVENT_MARKERS; i++) {
      const marker = eventMarker(events[i]!);
      if (marker !== undefined) fresh.push(markerElement(marker, '│'));
    }
    this.eventMarkers.append(...fresh);
    this.markedEvents = events.length;
    this.markedSeq = events[events.length - 1]?.seq ?? -1;
  }

  /** One marker per moment: expectations checked together share a place, so one ✓/✗ (✗ when any failed) stands for all. */
  private markExpectations(marks: readonly ExpectationMark[]): void {
    if (marks.length === this.expectationCount) return;
    this.expectationCount = marks.length;
    this.groups = groupByMoment(marks);
    this.expectationMarkers.replaceChildren(...this.groups.map((group, index) => {
      const marker = group.map(expectationMarker).reduce((a, b) => ({ ...a, kind: a.kind === 'failed' ? a.kind : b.kind, title: `${a.title}\n${b.title}` }));
      const element = markerElement(marker, marker.kind === 'held' ? '✓' : '✗');
      element.dataset['expectation'] = String(index);
      element.dataset['count'] = String(group.length);
      return element;
    }));
  }
}

function markerElement(marker: TimelineMarker, glyph: string): HTMLElement {
  const element = document.createElement('span');
  element.className = `marker ${marker.kind}`;
  element.textContent = glyph;
  element.title = marker.title;
  element.dataset['seq'] = String(marker.seq);
  element.style.setProperty('--t-s', String(marker.timeMs / 1000));
  return element;
}
