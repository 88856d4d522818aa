import { MAX_LOGGED_EVENTS } from '../common/index.js';

/**
 * Thrown by Simulation.advanceTo when the log would grow past {@link MAX_LOGGED_EVENTS}: timers that re-arm themselves
 * (rekeys, retries) are bounded by simulated time, and this bounds what that time can produce, so no scenario's log
 * (nor the memory holding it) outgrows the limit. The world stays as it was after the last event recorded.
 */
export class EventLogFullError extends Error {
  /** Simulated time when the limit was met. */
  readonly atMs: number;

  constructor(atMs: number) {
    super(`the event log reached its limit of ${MAX_LOGGED_EVENTS} events`);
    this.name = 'EventLogFullError';
    this.atMs = atMs;
  }
}
