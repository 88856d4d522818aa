import {
  OperationBook, createComputeRecords, dashRequestId, deriveGatewayOperationId, fail, mapRefusal, succeed, type AsmState, type Mutation, type OperationRecord, type PlatformResult,
  type QueryFunction, type RefusalContext,
} from '../asm/index.js';
import type { NetworkPlan } from '../ipam/index.js';
import type { Command, EventLog, Simulation, SimEvent, World } from '../sim/index.js';
import type { ScheduledCommand } from '../scenario/index.js';
import type { LiveWorld, ReachReply } from '../viz/index.js';

/** A command the engine accepted from a client, at the simulated time it ran (what `--record` writes). */
export interface AcceptedCommand {
  atMs: number;
  command: Command;
}

/** The finest step of a scenario's timeline (`at:` is in whole seconds). */
const RECORDABLE_STEP_MS = 1_000;

/** With nothing due, the page's clock still runs: the next "event" is this far ahead, so playback never stops. */
const IDLE_STEP_MS = 1_000;

/** Options of the live engine. */
export interface LiveEngineOptions {
  sim: Simulation;
  subscriptionId: string;
  /** The network configuration the world started with (FILE), stored as if uploaded. */
  network?: NetworkPlan | undefined;
  /** Alphanumeric randomness for generated keys (the shell's; the core takes it injected). */
  randomAlphanumeric: (length: number) => string;
  /** A starting scenario's own timeline, run as the clock reaches each entry (before client requests of that second). */
  scheduled?: readonly ScheduledCommand[] | undefined;
}

/**
 * The world clients change: the engine on a simulated clock that the viz server's playback drives at `--speed` × wall
 * time (pausable from the page), the subscription's platform state, and the commands accepted so far. Requests run
 * their commands at the current simulated time; pending operations settle after every engine event and on polls.
 */
export class LiveEngine implements LiveWorld {
  readonly sim: Simulation;
  readonly state: AsmState;
  readonly accepted: AcceptedCommand[] = [];
  /** Answers the page's reach questions (the CLI wires the topology engine in). */
  reach: ((from: string, to: string, atSeq?: number) => ReachReply) | undefined;
  /** Answers the page's diff and matrix questions (wired in with reach). */
  diff: LiveWorld['diff'];
  matrix: LiveWorld['matrix'];
  private nowMs = 0;
  private clockMs = 0;
  private readonly scheduled: readonly ScheduledCommand[];
  private nextScheduled = 0;

  constructor(options: LiveEngineOptions) {
    this.sim = options.sim;
    this.reach = undefined;
    this.diff = undefined;
    this.matrix = undefined;
    this.scheduled = [...(options.scheduled ?? [])].sort((a, b) => a.atMs - b.atMs);
    this.nowMs = options.sim.clock.now();
    this.clockMs = this.nowMs;
    const sim = options.sim;
    this.state = {
      subscriptionId: options.subscriptionId,
      world: sim.world,
      nowMs: this.nowMs,
      network: options.network,
      affinityGroups: new Map(),
      defaultSites: new Map(),
      operations: new OperationBook<World>(),
      compute: createComputeRecords(),
      sharedKey: (vnet, site) => sim.sharedKey(vnet, site),
      profile: sim.profile,
      limits: sim.limits,
      randomAlphanumeric: options.randomAlphanumeric,
    };
    // An operation completes at the simulated time of the event that finished it, not when a client polls.
    sim.subscribe((event) => this.state.operations.settle(this.state.world, event.time));
  }

  /** Every event so far. */
  get events(): EventLog {
    return this.sim.events;
  }

  /** Calls `listener` after each new event. */
  subscribe(listener: (event: SimEvent) => void): () => void {
    return this.sim.subscribe(listener);
  }

  /** Current simulated time of the clock the page shows (the engine runs at its whole seconds). */
  now(): number {
    return this.clockMs;
  }

  /**
   * Runs the clock to `timeMs` and the engine to the whole second before it (requests then run at whole seconds, which
   * a recorded scenario's `at:` can say exactly), firing every timer due, then settles operations whose time has come.
   */
  advanceTo(timeMs: number): void {
    this.clockMs = Math.max(this.clockMs, timeMs);
    const target = Math.max(this.nowMs, Math.floor(this.clockMs / RECORDABLE_STEP_MS) * RECORDABLE_STEP_MS);
    for (let next = this.scheduled[this.nextScheduled]; next !== undefined && next.atMs <= target; next = this.scheduled[++this.nextScheduled]) {
      this.sim.advanceTo(Math.max(this.nowMs, next.atMs));
      this.sim.execute(next.command, next.at);
    }
    this.sim.advanceTo(target);
    this.nowMs = target;
    this.state.nowMs = target;
    this.state.operations.settle(this.state.world, target);
  }

  /** The next engine timer, or a second ahead when nothing is due (a subscription never ends). */
  nextEventTime(): number {
    const due = [this.sim.clock.nextDeadline(), this.scheduled[this.nextScheduled]?.atMs].filter((t): t is number => t !== undefined)
      .reduce<number | undefined>((first, t) => (first === undefined || t < first ? t : first), undefined);
    return due === undefined ? this.nowMs + IDLE_STEP_MS : Math.ceil(due / RECORDABLE_STEP_MS) * RECORDABLE_STEP_MS;
  }

  /** Uploads a network configuration as the starting point (a NetworkConfig.xml FILE); a refusal is bad input. */
  applyNetworkConfig(plan: NetworkPlan): PlatformResult<OperationRecord | undefined> {
    return this.perform({ commands: [{ type: 'setNetworkConfig', plan }], remember: (s) => {
      s.network = plan;
    } }, '', {});
  }

  /** Answers a read at the current simulated time. */
  query<R, T>(fn: QueryFunction<R, T>, request: R): PlatformResult<T> {
    this.state.nowMs = this.nowMs;
    return fn(this.state, request);
  }

  /**
   * Applies an accepted mutation: its commands run now, all or none; a refusal is the platform's error (nothing changed), or a
   * Failed operation when the platform validated asynchronously; then the platform records and the operation.
   */
  perform(mutation: Mutation, requestId: string, context: RefusalContext): PlatformResult<OperationRecord | undefined> {
    this.state.nowMs = this.nowMs;
    // All or nothing (Simulation.executeAll): a request refused at any command leaves the world and the log as they were.
    const result = this.sim.executeAll(mutation.commands, undefined, { logsRefusal: false });
    if (!result.ok) {
      const error = mapRefusal(result.diagnostic.rule, result.diagnostic.message, context, result.platformMessage);
      const spec = mutation.operation;
      if (mutation.refusalFailsOperation !== true || spec === undefined) return fail(error);
      return succeed(this.state.operations.record(this.operationId(spec.pattern, requestId), spec.pattern, spec.name, this.nowMs, { status: 'failed', error }));
    }
    for (const command of mutation.commands) this.accepted.push({ atMs: this.nowMs, command });
    mutation.remember?.(this.state);
    const spec = mutation.operation;
    if (spec === undefined) return succeed(undefined);
    const record = this.state.operations.start(this.operationId(spec.pattern, requestId), spec.pattern, spec.name, this.nowMs, spec.rule);
    this.state.operations.settle(this.state.world, this.nowMs);
    return succeed(record);
  }

  // Pattern A polls by the request id (as a dashed GUID in the body); pattern B has an ID of its own (GWC16), derived
  // from the request id so that runs with the same request ids (vnetsim ps) show the same operation ids.
  private operationId(pattern: 'compute' | 'gateway', requestId: string): string {
    return pattern === 'compute' ? dashRequestId(requestId) : deriveGatewayOperationId(requestId);
  }
}
