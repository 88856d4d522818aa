import {
  completesNow, describeComputeRefusal, type AsmState, type CompletionRule, type ComputeDecision, type ComputeRecords, type Mutation, type OperationRecord,
  type PlatformError, type PlatformResult, type QueryFunction, type RefusalContext,
} from '../../asm/index.js';
import type { Command, Simulation, World } from '../../sim/index.js';
import { PsDate } from '../values.js';

/**
 * The platform the cmdlets drive: the emulator's live engine (src/api's LiveEngine has exactly this shape), so a
 * script and a REST client go through the same operation functions, engine and operation records.
 */
export interface PlatformEngine {
  readonly sim: Simulation;
  readonly state: AsmState;
  /** Commands the engine accepted, at their simulated times (what `--record` writes). */
  readonly accepted: { atMs: number; command: Command }[];
  now(): number;
  advanceTo(timeMs: number): void;
  perform(mutation: Mutation, requestId: string, context: RefusalContext): PlatformResult<OperationRecord | undefined>;
  query<R, T>(fn: QueryFunction<R, T>, request: R): PlatformResult<T>;
}

/** How long a cmdlet waits for its operation before giving up: the platform's longest operations took < 1 h. */
export const MAX_OPERATION_WAIT_MS = 3 * 60 * 60 * 1000;

/** The cmdlets' polling interval while an operation is InProgress (the module's WaitForOperation slept 10 s between polls). */
export const OPERATION_POLL_MS = 10_000;

/** How an operation ended for the cmdlet: its id, or the platform's error. */
export type OperationResult = { ok: true; operationId: string } | { ok: false; error: PlatformError };

/**
 * One simulated subscription as the Azure cmdlets see it. Every change goes through src/asm's operation functions on
 * the shared engine; a cmdlet that started an operation polls it as the module did, simulated time passing meanwhile.
 */
export class AzureSession {
  subscriptionName = 'Simulated Subscription';
  /** Set-AzureSubscription -CurrentStorageAccountName. */
  currentStorageAccount: string | undefined;
  private requestCount = 0;

  /** `epochMs`: the calendar time of simulated time 0, so Get-Date and time stamps read as dates of the era. */
  constructor(readonly engine: PlatformEngine, readonly epochMs = 0) {}

  /** A simulated time as the [datetime] the module returned. */
  dateAt(simulatedMs: number): PsDate {
    return new PsDate(this.epochMs + simulatedMs);
  }

  get world(): World {
    return this.engine.sim.world;
  }

  get records(): ComputeRecords {
    return this.engine.state.compute;
  }

  nowMs(): number {
    return this.engine.now();
  }

  /** Start-Sleep and polling: simulated time passes, every engine timer due fires. */
  sleep(ms: number): void {
    this.engine.advanceTo(this.nowMs() + Math.max(0, ms));
  }

  /** A fresh request id (32 hex characters, deterministic), as the module's x-ms-request-id. */
  nextRequestId(): string {
    this.requestCount += 1;
    return `5a1e0000000040008000${this.requestCount.toString(16).padStart(12, '0')}`;
  }

  /** The dashed GUID the module printed as OperationId. */
  nextOperationId(): string {
    return dashed(this.nextRequestId());
  }

  /** Answers a read at the current simulated time. */
  query<R, T>(fn: QueryFunction<R, T>, request: R): PlatformResult<T> {
    return this.engine.query(fn, request);
  }

  /** Runs a network or management operation and waits for its asynchronous operation, if it opened one. */
  run<R>(fn: (state: AsmState, request: R) => PlatformResult<Mutation>, request: R, context: RefusalContext = {}): OperationResult {
    const decided = this.engine.query(fn, request);
    if (!decided.ok) return decided;
    const requestId = this.nextRequestId();
    const performed = this.engine.perform(decided.value, requestId, context);
    if (!performed.ok) return performed;
    const record = performed.value;
    if (record === undefined) return { ok: true, operationId: dashed(requestId) };
    return this.poll(() => record.outcome, record.id);
  }

  /**
   * Applies a compute decision as the cmdlet saw it: a refusal fails at once; accepted commands run on the engine,
   * the record edit is kept, and the cmdlet polls until the operation's completion rule answers.
   */
  perform(decision: ComputeDecision): OperationResult {
    if (decision.kind !== 'run') return { ok: false, error: decision.error };
    const sim = this.engine.sim;
    const result = sim.executeAll(decision.commands);
    if (!result.ok) return { ok: false, error: describeComputeRefusal(result.diagnostic.rule, result.diagnostic.message) };
    for (const command of decision.commands) this.engine.accepted.push({ atMs: sim.clock.now(), command });
    decision.edit?.(this.records);
    return this.waitFor(decision.completion);
  }

  /** Polls a completion rule every OPERATION_POLL_MS of simulated time until it answers. */
  waitFor(rule: CompletionRule<World> = completesNow): OperationResult {
    return this.poll(() => rule(this.world, this.nowMs()), this.nextOperationId());
  }

  private poll(outcome: () => OperationRecord['outcome'], operationId: string): OperationResult {
    const deadline = this.nowMs() + MAX_OPERATION_WAIT_MS;
    for (;;) {
      const done = outcome();
      if (done !== undefined) return done.status === 'succeeded' ? { ok: true, operationId } : { ok: false, error: done.error };
      if (this.nowMs() >= deadline) {
        return { ok: false, error: { status: 500, code: 'OperationTimedOut', message: `The operation did not complete within ${MAX_OPERATION_WAIT_MS / 3_600_000} hours of simulated time.` } };
      }
      this.sleep(OPERATION_POLL_MS);
    }
  }
}

function dashed(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
