import type { SourceRef } from '../common/index.js';
import type { Command, EventLog } from '../sim/index.js';

/** A command the engine refused during the run, with the place in the file that issued it. */
export interface RefusedCommand {
  atMs: number;
  command: Command;
  code: string;
  message: string;
  at: SourceRef | undefined;
}

/** How one expectation came out: held, failed, or never checked because the run ended first. */
export type ExpectationStatus = 'held' | 'failed' | 'notReached';

/** One expectation's verdict, with both sides in words and where the expectation was written. */
export interface ExpectationResult {
  atMs: number;
  kind: string;
  description: string;
  status: ExpectationStatus;
  expected: string;
  actual: string;
  at: SourceRef;
}

/** Everything a run produced; the CLI renders it as text or JSON, nothing here has been printed. */
export interface RunReport {
  scenario: string;
  file: string;
  seed: number;
  endMs: number;
  /** The run's event log, oldest first (the engine's columnar store: each event is rebuilt when read). */
  events: EventLog;
  expectations: ExpectationResult[];
  refused: RefusedCommand[];
  /** Refusals that no `commandRefused` expectation explains: worth a look, but not failures. */
  unexpectedRefusals: RefusedCommand[];
  /** Timers still set when the clock stopped (a provisioning, a retry, a rekey …); absent when none was. */
  pendingTimers?: PendingTimers;
}

/** Work the clock still had scheduled when the run ended: how much, and when the first of it was due. */
export interface PendingTimers {
  count: number;
  nextDueMs: number;
}

/** True when no expectation failed (unexpected refusals are warnings only). */
export function hasRunPassed(report: RunReport): boolean {
  return report.expectations.every((result) => result.status !== 'failed');
}
