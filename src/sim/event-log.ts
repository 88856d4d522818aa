import type { SimEvent } from './events.js';

/**
 * Formats one event as a JSON line. Key order is `seq`, `time`, `type`, then the payload in the order the rules built
 * it, so the same scenario and seed give a byte-identical log.
 */
export function formatEventLine(event: SimEvent): string {
  const { seq, time, type, ...payload } = event;
  return JSON.stringify({ seq, time, type, ...payload });
}
