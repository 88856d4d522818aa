import { eventTypeAt, type EventLog, type EventType, type SimEvent } from '../sim/index.js';
import { formatClock } from '../input/index.js';
import { createEventNarrator } from './event-narration.js';
import { told } from './timeline-columns.js';

/** A timeline line without its clock (`00:15:00  `, `2d 01:00:00  `), which two lines of the same round differ in. */
function withoutClock(line: string): string {
  return line.slice(line.indexOf('  ') + 2);
}

/** One retry round of a tunnel: its events from the retry to the failure that ends it, and their timeline lines. */
interface Round {
  reason: string;
  indexes: number[];
  lines: string[];
  signature: string;
}

/** Which timeline lines to leave out, and the one line to print in place of each run of repeated rounds. */
export interface RetryCollapse {
  /** Indexes into the events whose lines are left out. */
  hidden: ReadonlySet<number>;
  /** The summary line to print just before the event at each index. */
  summaries: ReadonlyMap<number, string>;
}

/**
 * Plans the timeline with repeated identical retries collapsed. A tunnel that keeps failing the same way logs the
 * same round again and again — "retrying", the IKE exchange, the give-up, back to NotConnected — which buries the
 * rest of the run. A round runs from a retry (`connection.stateChanged` with `retry`) to the tunnel's next
 * NotConnected; a round with the same lines (times aside) and reason as the one just before it, with nothing else of
 * that tunnel in between, is hidden, and one line in place of the first hidden round says how many followed and until
 * when. Lines of other objects are kept where they are. Only tunnel events are narrated here, so a long run's
 * timeline is never held whole.
 */
export function planRetryCollapse(events: EventLog): RetryCollapse {
  const hidden = new Set<number>();
  const summaries = new Map<number, string>();
  for (const chain of findRepeatedRounds(events)) {
    const [first] = chain;
    const last = chain[chain.length - 1];
    if (first === undefined || last === undefined) continue;
    for (const round of chain) for (const index of round.indexes) hidden.add(index);
    const startIndex = first.indexes[0] ?? 0;
    const endTime = events.at(last.indexes[last.indexes.length - 1] ?? startIndex)?.time ?? 0;
    const line = first.lines[0] ?? '';
    // A line is `clock  subject  text`, the subject padded to its column; neither clock nor subject holds two spaces.
    const subjectStart = line.indexOf('  ') + 2;
    const subject = line.slice(subjectStart, line.indexOf('  ', subjectStart));
    const times = chain.length === 1 ? 'once more' : `${chain.length} more times`;
    summaries.set(startIndex, line.slice(0, subjectStart) + told(subject, `retried ${times} until ` +
      `${formatClock(endTime)}, same reason${first.reason === '' ? '' : ` [${first.reason}]`}, each round as above (--verbose shows each)`));
  }
  return { hidden, summaries };
}

/** Runs of rounds that repeat the round just before them, per tunnel, in log order. */
function findRepeatedRounds(events: EventLog): Round[][] {
  // Tunnel events do not depend on the narrator's DIP bookkeeping, so a narrator of their own tells them alike.
  const narrate = createEventNarrator();
  const open = new Map<string, Round>();
  const previous = new Map<string, Round>();
  const chains = new Map<string, Round[]>();
  const finished: Round[][] = [];
  const endChain = (tunnel: string): void => {
    const chain = chains.get(tunnel);
    if (chain !== undefined && chain.length > 0) finished.push(chain);
    chains.delete(tunnel);
  };
  for (let index = 0; index < events.length; index++) {
    // Only tunnel events make rounds: the others are not rebuilt from the log.
    if (!isTunnelEventType(eventTypeAt(events, index))) continue;
    const event = events.at(index)!;
    const tunnel = tunnelOf(event);
    if (tunnel === undefined) continue;
    const isRetry = event.type === 'connection.stateChanged' && event.retry === true;
    const current = open.get(tunnel);
    if (isRetry) {
      open.set(tunnel, { reason: event.reason ?? '', indexes: [index], lines: [narrate(event)], signature: '' });
      continue;
    }
    if (current === undefined) {
      // Something else of this tunnel between rounds: the next round is not "in a row" with the last.
      previous.delete(tunnel);
      endChain(tunnel);
      continue;
    }
    current.indexes.push(index);
    current.lines.push(narrate(event));
    if (event.type !== 'connection.stateChanged' || event.to !== 'NotConnected') continue;
    open.delete(tunnel);
    current.signature = current.lines.map(withoutClock).join('\n');
    // Of a finished round only its first line is read again (a chain's summary), and its signature only by the next.
    current.lines.length = 1;
    const before = previous.get(tunnel);
    if (before !== undefined && before.signature === current.signature) {
      // Appended in place: a tunnel failing the same way all run long (a round every few minutes for days) makes a
      // chain of thousands of rounds, which a copy per round would make quadratic.
      const chain = chains.get(tunnel);
      if (chain === undefined) chains.set(tunnel, [current]);
      else chain.push(current);
    } else {
      endChain(tunnel);
    }
    if (before !== undefined) before.signature = '';
    previous.set(tunnel, current);
  }
  for (const tunnel of [...chains.keys()]) endChain(tunnel);
  return finished.sort((a, b) => (a[0]?.indexes[0] ?? 0) - (b[0]?.indexes[0] ?? 0));
}

/**
 * Whether {@link tunnelOf} names a tunnel for events of this type. Asked of every event of the log: a switch compares
 * the type with each name (a pointer comparison for these interned strings) where a set would hash it.
 */
function isTunnelEventType(type: EventType): boolean {
  switch (type) {
    case 'connection.stateChanged':
    case 'connection.ike':
    case 'connection.sharedKeySet':
    case 'connection.added':
    case 'connection.removed':
      return true;
    default:
      return false;
  }
}

/** The tunnel an event is about (`vnet|site`), for the events a retry round is made of. */
function tunnelOf(event: SimEvent): string | undefined {
  switch (event.type) {
    case 'connection.stateChanged':
    case 'connection.ike':
    case 'connection.sharedKeySet':
    case 'connection.added':
    case 'connection.removed':
      return `${event.vnet}|${event.site}`;
    default:
      return undefined;
  }
}
