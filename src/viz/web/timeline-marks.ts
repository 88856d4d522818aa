import type { VizEvent } from '../event-fields.js';
import { formatClock } from '../event-line.js';
import type { ExpectationMark } from '../protocol.js';
import { upperBound } from '../view-history.js';

/**
 * The scrubber's pure arithmetic: where a moment sits on a time-scaled track, which event a position means, which
 * events deserve a marker, and what the header says about the moment shown.
 */

/** What a marker on the scrubber stands for. */
export type MarkerKind = 'held' | 'failed' | 'refused' | 'state';

/** A marker: its kind, its moment (time and the event to show), and the words of its tooltip. */
export interface TimelineMarker {
  kind: MarkerKind;
  timeMs: number;
  seq: number;
  title: string;
}

/** VM states that are failures (compute-lifecycle.md): worth a marker; ordinary VM state changes would drown the rest. */
const FAILED_VM_STATE = /Fail|Unresponsive|Timeout/i;

/** The marker an event earns: refusals, gateway and tunnel state changes (not the gateway's retries), failed VMs. */
export function eventMarker(event: VizEvent): TimelineMarker | undefined {
  const at = (kind: MarkerKind, title: string): TimelineMarker => ({ kind, timeMs: event.time, seq: event.seq, title: `${formatClock(event.time)}  ${title}` });
  switch (event.type) {
    case 'command.refused':
      return at('refused', `${event.command} refused: ${event.code}`);
    case 'gateway.stateChanged':
      return at('state', `gateway ${event.vnet} ${event.from} → ${event.to}`);
    case 'connection.stateChanged':
      return event.retry === true ? undefined
        : at('state', `tunnel ${event.vnet} ↔ ${event.site} ${event.from} → ${event.to}${event.reason === undefined ? '' : ` [${event.reason}]`}`);
    case 'vm.stateChanged':
      return FAILED_VM_STATE.test(event.to) ? at('state', `vm ${event.service}/${event.vm} ${event.from} → ${event.to}`) : undefined;
    default:
      return undefined;
  }
}

/** An expectation's marker: ✓ or ✗ at the moment it was checked. */
export function expectationMarker(mark: ExpectationMark): TimelineMarker {
  const verdict = mark.status === 'held' ? '✓' : '✗';
  return { kind: mark.status, timeMs: mark.atMs, seq: mark.atSeq, title: `${verdict} ${formatClock(mark.atMs)}  ${mark.description}` };
}

/** Expectations in runs checked at the same moment (same time and event), in the order checked. */
export function groupByMoment(marks: readonly ExpectationMark[]): ExpectationMark[][] {
  const groups: ExpectationMark[][] = [];
  for (const mark of marks) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0]!.atMs === mark.atMs && last[0]!.atSeq === mark.atSeq) last.push(mark);
    else groups.push([mark]);
  }
  return groups;
}

/** The place of `timeMs` on a track from `startMs` to `endMs`, from 0 to 1 (a track with no length puts everything at its end). */
export function timeFraction(timeMs: number, startMs: number, endMs: number): number {
  if (endMs <= startMs) return 1;
  return Math.min(1, Math.max(0, (timeMs - startMs) / (endMs - startMs)));
}

/** The time at fraction `f` of the track. */
export function timeAtFraction(f: number, startMs: number, endMs: number): number {
  return startMs + Math.min(1, Math.max(0, f)) * Math.max(0, endMs - startMs);
}

/** The last event at or before `timeMs` (events sorted by seq, times never decreasing), or `firstSeq` when none is. */
export function seqAtTime(events: readonly VizEvent[], firstSeq: number, timeMs: number): number {
  const after = upperBound(events, timeMs, (e) => e.time);
  return after === 0 ? firstSeq : events[after - 1]!.seq;
}

/** The header's account of the moment shown: `live` only at the newest event of a world whose clock is running. */
export interface Moment {
  mode: 'live' | 'paused' | 'ended' | 'past';
  text: string;
}

/** What is shown: the cursor (`null` = the newest event), its time and seq, the newest seq, and whether the clock runs or anything is left. */
export function describeMoment(shown: { cursor: number | null; timeMs: number; lastSeq: number; playing: boolean; hasMore: boolean }): Moment {
  const clock = `t = ${formatClock(shown.timeMs)}`;
  if (shown.cursor !== null) return { mode: 'past', text: `at ${clock} · event #${shown.cursor} of #${shown.lastSeq}` };
  if (shown.playing) return { mode: 'live', text: `● live · ${clock}` };
  if (!shown.hasMore) return { mode: 'ended', text: `end of run · ${clock}` };
  return { mode: 'paused', text: `paused · ${clock}` };
}
