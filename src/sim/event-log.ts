import type { EventLog } from './event-store.js';
import type { SimEvent } from './events.js';

/** The keys a log line starts with, in order. */
const LEADING_KEYS = ['seq', 'time', 'type'] as const;

/**
 * Formats one event as a JSON line. Key order is `seq`, `time`, `type`, then the payload in the order the rules built
 * it, so the same scenario and seed give a byte-identical log.
 */
export function formatEventLine(event: SimEvent): string {
  // The engine records its events with these keys first: they need no reordered copy (two objects per event).
  if (startsWithLeadingKeys(event)) return JSON.stringify(event);
  const { seq, time, type, ...payload } = event;
  return JSON.stringify({ seq, time, type, ...payload });
}

/** The whole log as JSON lines, each ending with a newline (one string: for logs of a session's size, not a 200k-VM run's). */
export function formatEventLines(events: EventLog): string {
  let text = '';
  for (const event of events) text += `${formatEventLine(event)}\n`;
  return text;
}

/** True when the event's first three keys are seq, time and type, in that order. */
function startsWithLeadingKeys(event: SimEvent): boolean {
  let position = 0;
  for (const key in event) {
    if (key !== LEADING_KEYS[position]) return false;
    if (++position === LEADING_KEYS.length) return true;
  }
  return false;
}
