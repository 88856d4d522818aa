import {
  createEmptyActor, type AnyActorRef, type AnyActorScope, type AnyStateMachine, type EventFromLogic, type EventObject,
  type ExecutableActionObject, type InputFrom, type SnapshotFrom, type StateValue,
} from 'xstate';
import { INITIAL_KEY, type StepCache, type StepOutcome } from './step-cache.js';
import type { GatewayClock } from './types.js';

/**
 * Runs one XState machine by its pure transitions instead of as an actor: the machine's steps come from its
 * StepCache (replayed from a step XState computed for another runner) or from XState itself (`machine.transition`,
 * the logic interface XState's own `transition()` calls). The machine definition is the same; what goes is the actor
 * runtime around it — per actor a system, a scheduler keyed by strings, a mailbox, observers — and, for every step
 * already seen, XState's generic interpreter. (`transition()` itself is no help: it builds a throw-away actor, and so
 * an initial snapshot, on every call.)
 *
 * It keeps the actor's observable behaviour, which the equivalence test checks step for step against `createActor`:
 * - custom actions run in document order once the step is computed (assign actions, and any reports made inside
 *   them, run while it is computed — as in the actor, where no custom action of these machines precedes such an
 *   assign in one step);
 * - delayed events (`after`) are timers on our clock, set and cleared after the step's custom actions, in action
 *   order, exactly when the actor's deferred scheduler calls would run — so equal deadlines keep their order;
 * - an event sent while a step runs waits for it (the mailbox); a stopped runner ignores events;
 * - listeners hear of every step once its timers are set (the actor's observers).
 */
export class MachineRunner<TMachine extends AnyStateMachine> {
  private value: StateValue;
  private key: string;
  private context: object;
  /** The XState snapshot of the current state, built when asked for or when XState computes the next step. */
  private snapshot: SnapshotFrom<TMachine> | undefined = undefined;
  private readonly scope: AnyActorScope;
  /** The actions the current step produced, in order. */
  private readonly actions: ExecutableActionObject[] = [];
  /** Pending delayed events by XState's id (`xstate.after.<delay>.<state>`), with the clock's handle. */
  private readonly timers = new Map<string, unknown>();
  private readonly inbox: EventFromLogic<TMachine>[] = [];
  private readonly listeners: Array<() => void> = [];
  private busy = false;
  private stopped = false;

  /** Computes the initial state now (as createActor does); its actions wait for {@link start}. */
  constructor(private readonly steps: StepCache<TMachine>, private readonly clock: GatewayClock, input: InputFrom<TMachine>) {
    const { actions } = this;
    const self = sharedSelf();
    this.scope = {
      self, id: '', sessionId: '', logger: () => {}, defer: () => {}, emit: () => {}, system: self.system,
      stopChild: () => {},
      actionExecutor: (action) => {
        steps.noteAction(action);
        actions.push(action);
      },
    };
    const event: EventObject & { input: unknown } = { type: 'xstate.init', input };
    const before = this.createContext(input);
    const outcome = steps.replays ? steps.find(INITIAL_KEY, event, before) : undefined;
    if (outcome) {
      this.value = outcome.value;
      this.key = outcome.key;
      this.context = this.replay(outcome, before, event);
      return;
    }
    steps.counts.computed++;
    const { result, recorded } = steps.record(() => steps.machine.getInitialSnapshot(this.scope, input) as SnapshotFrom<TMachine>);
    const learned = steps.learn(INITIAL_KEY, event, recorded, before, result);
    this.snapshot = result;
    this.value = learned.value;
    this.key = learned.key;
    this.context = (result as { context: object }).context;
  }

  /** Runs the initial state's actions and sets its timers; events sent meanwhile are taken afterwards. */
  start(): this {
    this.busy = true;
    try {
      this.settle();
      this.drainInbox();
    } finally {
      this.busy = false;
    }
    return this;
  }

  /** Takes an event now, or after the step in progress. */
  send(event: EventFromLogic<TMachine>): void {
    if (this.stopped) return;
    this.inbox.push(event);
    if (this.busy) return;
    this.busy = true;
    try {
      this.drainInbox();
    } finally {
      this.busy = false;
    }
  }

  /** The current state value, without building a snapshot. */
  get stateValue(): StateValue {
    return this.value;
  }

  /** The current snapshot (built on demand: the runner itself keeps only the state value and context). */
  getSnapshot(): SnapshotFrom<TMachine> {
    const snapshot = this.snapshot ?? this.steps.machine.resolveState({ value: this.value, context: this.context }) as SnapshotFrom<TMachine>;
    this.snapshot = snapshot;
    return snapshot;
  }

  /** Calls `listener` after every step (and after start), once the step's timers are set. */
  subscribe(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Cancels the pending delayed events; later events are ignored. */
  stop(): void {
    this.stopped = true;
    this.inbox.length = 0;
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
  }

  private drainInbox(): void {
    for (let index = 0; index < this.inbox.length && !this.stopped; index++) {
      this.step(this.inbox[index]!);
      this.settle();
    }
    this.inbox.length = 0;
  }

  private step(event: EventObject): void {
    const { steps } = this;
    const outcome = steps.replays ? steps.find(this.key, event, this.context) : undefined;
    if (outcome) {
      const context = this.replay(outcome, this.context, event);
      // A step that changes nothing keeps the snapshot, as XState hands back the same one.
      if (outcome.key !== this.key || context !== this.context) {
        this.value = outcome.value;
        this.key = outcome.key;
        this.context = context;
        this.snapshot = undefined;
      }
      return;
    }
    const before = this.getSnapshot();
    steps.counts.computed++;
    const { result, recorded } = steps.record(() => steps.machine.transition(before, event, this.scope) as SnapshotFrom<TMachine>);
    const learned = steps.learn(this.key, event, recorded, this.context, result);
    this.snapshot = result;
    this.value = learned.value;
    this.key = learned.key;
    this.context = (result as { context: object }).context;
  }

  /** Applies a recorded step to this runner's context and event: assigns now, actions and timers for settle(). */
  private replay(outcome: StepOutcome, before: object, event: EventObject): object {
    this.steps.counts.replayed++;
    let context = before;
    const self = this.scope.self;
    const system = this.scope.system;
    for (const op of outcome.ops!) {
      switch (op.kind) {
        case 'assign':
          context = Object.assign({}, context, op.assigner({ context, event }, op.params));
          break;
        case 'action':
          this.actions.push({ type: op.type, info: { context, event, self, system }, params: op.params, exec: op.exec });
          break;
        case 'raise': {
          const delay = typeof op.delay === 'function' ? op.delay({ context, event }, op.delayParams) as number : op.delay;
          this.actions.push({ type: 'xstate.raise', info: { context, event, self, system }, params: { event: op.event, id: op.id, delay }, exec: undefined });
          break;
        }
        case 'cancel':
          this.actions.push({ type: 'xstate.cancel', info: { context, event, self, system }, params: { sendId: op.sendId }, exec: undefined });
          break;
      }
    }
    return context;
  }

  /** The context the machine's context factory makes of `input`, as XState's initial step starts from. */
  private createContext(input: unknown): object {
    const factory = this.steps.machine.config.context as unknown;
    if (typeof factory !== 'function') return Object.assign({}, factory as object | undefined);
    return Object.assign({}, (factory as (args: { input: unknown; self: AnyActorRef; spawn: unknown }) => object)({
      input, self: this.scope.self, spawn: () => {
        throw new Error('MachineRunner: a context factory may not spawn');
      },
    }));
  }

  /** Executes the step's actions: custom ones first, in order, then the timer changes, then the listeners. */
  private settle(): void {
    // An event this step's actions send waits in the inbox, so no other step adds to `actions` before it is cleared.
    const { actions } = this;
    for (const action of actions) {
      if (!isTimerAction(action)) runCustomAction(action);
    }
    for (const action of actions) {
      if (action.type === 'xstate.raise') this.setTimer(action.params as DelayedRaise);
      else if (action.type === 'xstate.cancel') this.clearTimer((action.params as { sendId: string }).sendId);
    }
    actions.length = 0;
    for (const listener of this.listeners) listener();
  }

  private setTimer({ event, id, delay }: DelayedRaise): void {
    // A raise without a delay was already taken inside the transition (XState's internal queue).
    if (typeof delay !== 'number' || this.stopped) return;
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(id);
      this.send(event as EventFromLogic<TMachine>);
    }, delay);
    this.timers.set(id, handle);
  }

  private clearTimer(id: string): void {
    const handle = this.timers.get(id);
    if (handle === undefined) return;
    this.timers.delete(id);
    this.clock.clearTimeout(handle);
  }
}

let emptyActor: AnyActorRef | undefined;

/**
 * What a step's action arguments name as `self` (and whose system they name): the machines' actions never use either,
 * so every runner shares one inert actor rather than building an actor and a system each.
 */
function sharedSelf(): AnyActorRef {
  emptyActor ??= createEmptyActor();
  return emptyActor;
}

/** XState's resolved `raise` parameters: the event, its id, and the delay in ms (undefined for an immediate raise). */
interface DelayedRaise {
  event: EventObject;
  id: string;
  delay: number | undefined;
}

function isTimerAction(action: ExecutableActionObject): boolean {
  return action.type === 'xstate.raise' || action.type === 'xstate.cancel';
}

function runCustomAction(action: ExecutableActionObject): void {
  // Only our own actions have no `xstate.` type; the machines this runner hosts spawn, send to and log nothing, so
  // any other built-in would need the actor system this runner leaves out.
  if (action.type.startsWith('xstate.')) throw new Error(`MachineRunner cannot execute the built-in action '${action.type}'`);
  action.exec?.(action.info, action.params);
}
