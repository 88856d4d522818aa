import {
  createEmptyActor, type AnyActorRef, type AnyActorScope, type AnyStateMachine, type EventFromLogic, type EventObject, type ExecutableActionObject,
  type InputFrom, type SnapshotFrom,
} from 'xstate';
import type { GatewayClock } from './types.js';

/**
 * Runs one XState machine by its pure transitions (`machine.getInitialSnapshot`, `machine.transition`: the logic
 * interface XState's own `initialTransition`/`transition` call) instead of as an actor. The machine definition is the
 * same; what goes is the actor runtime around it — per actor a system, a scheduler keyed by strings, a mailbox and
 * observers — which cost more than the statechart itself for 2,000 tunnels that each take three transitions.
 * (`transition()` itself is no help here: it builds a throw-away actor, and so an initial snapshot, on every call.)
 *
 * It keeps the actor's observable behaviour, which the equivalence test checks step for step against `createActor`:
 * - custom actions run in document order once the transition is computed (assign actions, and any reports made
 *   inside them, run while it is computed — as in the actor, where no custom action of these machines precedes such
 *   an assign in one macrostep);
 * - delayed events (`after`) are timers on our clock, set and cleared after the step's custom actions, in action
 *   order, exactly when the actor's deferred scheduler calls would run — so equal deadlines keep their order;
 * - an event sent while a step runs waits for it (the mailbox); a stopped runner ignores events;
 * - listeners hear of every step once its timers are set (the actor's observers).
 */
export class MachineRunner<TMachine extends AnyStateMachine> {
  private snapshot: SnapshotFrom<TMachine>;
  private readonly scope: AnyActorScope;
  /** The actions the current step produced, in order (the scope's action executor fills it). */
  private readonly actions: ExecutableActionObject[] = [];
  /** Pending delayed events by XState's id (`xstate.after.<delay>.<state>`), with the clock's handle. */
  private readonly timers = new Map<string, unknown>();
  private readonly inbox: EventFromLogic<TMachine>[] = [];
  private readonly listeners: Array<(snapshot: SnapshotFrom<TMachine>) => void> = [];
  private busy = false;
  private stopped = false;

  /** Computes the initial snapshot now (as createActor does); its actions wait for {@link start}. */
  constructor(private readonly machine: TMachine, private readonly clock: GatewayClock, input: InputFrom<TMachine>) {
    const actions = this.actions;
    const self = sharedSelf();
    this.scope = {
      self, id: '', sessionId: '', logger: () => {}, defer: () => {}, emit: () => {}, system: self.system,
      stopChild: () => {},
      actionExecutor: (action) => {
        actions.push(action);
      },
    };
    this.snapshot = machine.getInitialSnapshot(this.scope, input) as SnapshotFrom<TMachine>;
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

  /** The current snapshot. */
  getSnapshot(): SnapshotFrom<TMachine> {
    return this.snapshot;
  }

  /** Calls `listener` after every step (and after start), once the step's timers are set. */
  subscribe(listener: (snapshot: SnapshotFrom<TMachine>) => void): void {
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
      this.snapshot = this.machine.transition(this.snapshot, this.inbox[index]!, this.scope) as SnapshotFrom<TMachine>;
      this.settle();
    }
    this.inbox.length = 0;
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
    for (const listener of this.listeners) listener(this.snapshot);
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
