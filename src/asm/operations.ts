import type { CompletionRule, OperationOutcome } from './compute-outcome.js';

/**
 * Asynchronous operation records (asm-recorded.md §1.3-1.4, §2.6, §3.5). Pattern A (compute and network media) is
 * polled at `/operations/<request id>` and ends `Succeeded` or `Failed`; pattern B (gateway) is polled at
 * `/services/networking/operation/<guid>` and ends `Successful` or `Failed`. An operation stays InProgress until its
 * completion rule, evaluated against the world on the simulated clock, says it is done.
 */

/** Which polling URL and status words an operation uses. */
export type OperationPattern = 'compute' | 'gateway';

/** One asynchronous operation. */
export interface OperationRecord {
  /** Pattern A: the request id as a dashed GUID; pattern B: a GUID of its own. */
  id: string;
  pattern: OperationPattern;
  /** Gateway operation name (CreateGateway, DeleteGateway, UpgradeGateway, ResetGateway, ResetSharedKey); '' for A. */
  name: string;
  startedMs: number;
  completedMs: number | undefined;
  outcome: OperationOutcome | undefined;
}

/** Formats a 32-hex request id as the dashed GUID the Operation ID shows (GWC16: 6c8039e5…→ 6c8039e5-27b7-…). */
export function dashRequestId(requestId: string): string {
  const hex = requestId.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A rule that completes successfully once simulated time reaches `doneAtMs` (operations with no engine events). */
export function completesAt<W>(doneAtMs: number): CompletionRule<W> {
  return (_world, nowMs) => (nowMs >= doneAtMs ? { status: 'succeeded' } : undefined);
}

/**
 * Every operation a subscription started, and the rules still pending. Pure bookkeeping: the caller says when time
 * moved (`settle`) and supplies the world; nothing here reads a clock.
 */
export class OperationBook<W> {
  private readonly records = new Map<string, OperationRecord>();
  private readonly pending = new Map<string, CompletionRule<W>>();

  /** Opens an operation at `startedMs`; it settles when `rule` says so. */
  start(id: string, pattern: OperationPattern, name: string, startedMs: number, rule: CompletionRule<W>): OperationRecord {
    const record: OperationRecord = { id: id.toLowerCase(), pattern, name, startedMs, completedMs: undefined, outcome: undefined };
    this.records.set(keyOf(id), record);
    this.pending.set(keyOf(id), rule);
    return record;
  }

  /** Opens an operation that already ended (a request that finished synchronously). */
  record(id: string, pattern: OperationPattern, name: string, atMs: number, outcome: OperationOutcome): OperationRecord {
    const record: OperationRecord = { id: id.toLowerCase(), pattern, name, startedMs: atMs, completedMs: atMs, outcome };
    this.records.set(keyOf(id), record);
    return record;
  }

  /** Evaluates every pending rule against the world at `nowMs`; those that are done freeze at that time. */
  settle(world: W, nowMs: number): void {
    for (const [id, rule] of this.pending) {
      const outcome = rule(world, nowMs);
      if (outcome === undefined) continue;
      const record = this.records.get(id);
      if (record !== undefined) {
        record.outcome = outcome;
        record.completedMs = nowMs;
      }
      this.pending.delete(id);
    }
  }

  /** The operation with this id and pattern, if any: case and dashes do not matter (clients poll pattern A by the bare request id). */
  find(id: string, pattern: OperationPattern): OperationRecord | undefined {
    const record = this.records.get(keyOf(id));
    return record?.pattern === pattern ? record : undefined;
  }

  /** Whether an operation with this name is still in progress (e.g. a network configuration update). */
  isRunning(name: string, pattern: OperationPattern): boolean {
    for (const id of this.pending.keys()) {
      const record = this.records.get(id);
      if (record?.name === name && record.pattern === pattern) return true;
    }
    return false;
  }
}

function keyOf(id: string): string {
  return id.toLowerCase().replace(/-/g, '');
}
