import type { Command, World } from '../sim/index.js';
import type { RecordEdit } from './compute-records.js';
import type { PlatformError } from './errors.js';

/** How an asynchronous operation ended. */
export type OperationOutcome = { status: 'succeeded' } | { status: 'failed'; error: PlatformError };

/** Decides from the world at simulated time `nowMs` whether an operation is done; `undefined` = still InProgress. */
export type CompletionRule<W> = (world: W, nowMs: number) => OperationOutcome | undefined;

/**
 * What a compute operation function decides: engine commands to run (all of them, in order) with the record edit
 * and the rule that ends its asynchronous operation; or an accepted request whose operation fails at once (the
 * platform answered 202 and reported the failure on the poll, asm-recorded.md §9.12); or a platform error.
 */
export type ComputeDecision =
  | { kind: 'run'; commands: Command[]; edit: RecordEdit | undefined; completion: CompletionRule<World> }
  | { kind: 'failLater'; error: PlatformError }
  | { kind: 'refuse'; error: PlatformError };

/** Runs commands, then applies the edit; the operation ends when `completion` says so. */
export function run(commands: Command[], completion: CompletionRule<World>, edit?: RecordEdit): ComputeDecision {
  return { kind: 'run', commands, edit, completion };
}

/** Accepts the request and fails its operation (HTTP 200 poll, Status Failed, the error inside). */
export function failLater(error: PlatformError): ComputeDecision {
  return { kind: 'failLater', error };
}

/** Refuses the request outright with a 4xx. */
export function refuse(error: PlatformError): ComputeDecision {
  return { kind: 'refuse', error };
}

/** A completion rule that succeeds as soon as it is asked (operations the engine finishes synchronously). */
export const completesNow: CompletionRule<World> = () => ({ status: 'succeeded' });
