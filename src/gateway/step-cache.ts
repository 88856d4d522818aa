import { assign, type AnyStateMachine, type EventObject, type ExecutableActionObject, type StateValue } from 'xstate';

/**
 * What each step of a machine did, learned from XState and replayed for every other runner of the machine. XState
 * stays the only statechart: a step it has not computed yet goes to XState (`machine.transition`) while the cache
 * records, through instrumented implementations, every guard it evaluated with the result, every assign, delay and
 * action in order, and the state it reached. Which states are exited and entered, and so which guards are tried and
 * which actions run, depends only on the state, the event type and those guard results; so the next runner in that
 * state taking that event type re-evaluates the same guards on its own context and, when the results match, applies
 * the recorded assigns, delays and actions to its own context and event without running XState at all.
 *
 * 2,000 tunnels take the same few kinds of step, so XState computes each kind once per process: its cold, generic
 * interpreter was most of the tunnels' cost. A step that evaluates a guard after an action (an eventless transition
 * after an assign) is never replayed — a guard replayed there could disagree after side effects already ran.
 * Machines are checked when the cache is built: guards and actions must be named implementations with fixed
 * parameters, and every assign action's function must be given, so the recording misses nothing.
 */

/** An assign action's function as the machine file names it: the context and event in, the changed fields out. */
// The machines' assign functions each take their own context, event and params types; any is the common supertype.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Assigner = (args: { context: any; event: any }, params: any) => object;

type Implementation = (args: { context: object; event: EventObject }, params: unknown) => unknown;

/** What a replayed step does, in the order XState did it. */
export type ReplayOp =
  | { kind: 'assign'; assigner: Assigner; params: unknown }
  | { kind: 'action'; type: string; params: unknown; exec: ExecutableActionObject['exec'] }
  | { kind: 'raise'; event: EventObject; id: string; delay: Implementation | number | undefined; delayParams: unknown }
  | { kind: 'cancel'; sendId: string };

/** Where a step ends: the state (with its cache key) and, when it may be replayed, what it does. */
export interface StepOutcome {
  value: StateValue;
  key: string;
  /** Undefined when the step must go to XState every time (see the class comment). */
  ops: readonly ReplayOp[] | undefined;
}

interface GuardNode {
  guard: string;
  params: unknown;
  check: Implementation;
  ifTrue: Branch | undefined;
  ifFalse: Branch | undefined;
}

type Branch = GuardNode | StepOutcome;

type Recorded =
  | { kind: 'guard'; name: string; params: unknown; result: boolean }
  | { kind: 'assign'; name: string; params: unknown; partial: object }
  | { kind: 'delay'; name: string; params: unknown }
  | { kind: 'action'; action: ExecutableActionObject };

/** The key of the state before the first step. */
export const INITIAL_KEY = '(initial)';

/** A machine's learned steps, shared by every runner of that machine. */
export class StepCache<TMachine extends AnyStateMachine> {
  /** The machine runners compute with: the given one, its implementations wrapped to record. */
  readonly machine: TMachine;
  /** Whether the machine's shape allows replaying at all (see checkShape). */
  readonly replays: boolean;
  /** Steps replayed and steps computed by XState, for tests and benches. */
  readonly counts = { replayed: 0, computed: 0 };
  private readonly roots = new Map<string, Map<string, Branch>>();
  private readonly guards: Record<string, Implementation>;
  private readonly delays: Record<string, Implementation>;
  private recording: Recorded[] | undefined;

  constructor(source: TMachine, private readonly assigners: Readonly<Record<string, Assigner>>) {
    const implementations = source.implementations as unknown as Record<'guards' | 'delays' | 'actions', Record<string, unknown>>;
    this.guards = implementations.guards as Record<string, Implementation>;
    this.delays = implementations.delays as Record<string, Implementation>;
    for (const [name, action] of Object.entries(implementations.actions)) {
      if (isBuiltin(action, 'xstate.assign') && !(name in assigners)) throw new Error(`StepCache: assign action '${name}' has no assigner`);
    }
    this.replays = checkShape(source.root as unknown as ShapeNode, implementations);
    this.machine = source.provide(this.instrument() as Parameters<TMachine['provide']>[0]) as TMachine;
  }

  /** The recorded outcome of this step for a runner in state `key` with `context`, or undefined when XState must compute it. */
  find(key: string, event: EventObject, context: object): StepOutcome | undefined {
    let branch = this.roots.get(key)?.get(event.type);
    while (branch !== undefined && 'guard' in branch) {
      branch = branch.check({ context, event }, branch.params) ? branch.ifTrue : branch.ifFalse;
    }
    return branch?.ops === undefined ? undefined : branch;
  }

  /** Runs `compute` (an XState step) while recording what it does. */
  record<T>(compute: () => T): { result: T; recorded: Recorded[] } {
    const outer = this.recording;
    const recorded: Recorded[] = [];
    this.recording = recorded;
    try {
      return { result: compute(), recorded };
    } finally {
      this.recording = outer;
    }
  }

  /**
   * Files a step XState computed from state `key` (whose context was `before`) under its event type and guard results,
   * and returns its outcome; a step that cannot be replayed is filed too, so finding it sends the next runner to XState.
   */
  learn(key: string, event: EventObject, recorded: readonly Recorded[], before: object, after: { value: StateValue; context: object; status: string }): StepOutcome {
    const firstEffect = recorded.findIndex((entry) => entry.kind !== 'guard');
    const guards = (firstEffect < 0 ? recorded : recorded.slice(0, firstEffect)) as Array<Extract<Recorded, { kind: 'guard' }>>;
    const effects = firstEffect < 0 ? [] : recorded.slice(firstEffect);
    const ops = this.replays && after.status === 'active' ? this.toReplayOps(effects, before, after.context) : undefined;
    const outcome: StepOutcome = { value: after.value, key: stateKey(after.value), ops };
    this.file(key, event.type, guards, outcome);
    return outcome;
  }

  private file(key: string, eventType: string, guards: ReadonlyArray<Extract<Recorded, { kind: 'guard' }>>, outcome: StepOutcome): void {
    let byEvent = this.roots.get(key);
    if (!byEvent) this.roots.set(key, byEvent = new Map());
    let read: () => Branch | undefined = () => byEvent.get(eventType);
    let write: (branch: Branch) => void = (branch) => byEvent.set(eventType, branch);
    for (const guard of guards) {
      let node = read();
      if (node === undefined) {
        node = { guard: guard.name, params: guard.params, check: this.guards[guard.name]!, ifTrue: undefined, ifFalse: undefined };
        write(node);
      } else if (!('guard' in node) || node.guard !== guard.name || node.params !== guard.params) {
        throw new Error(`StepCache: XState evaluated guards of '${key}' on '${eventType}' in a different order than before`);
      }
      const parent = node;
      read = guard.result ? () => parent.ifTrue : () => parent.ifFalse;
      write = guard.result ? (branch) => { parent.ifTrue = branch; } : (branch) => { parent.ifFalse = branch; };
    }
    const existing = read();
    if (existing !== undefined && 'guard' in existing) throw new Error(`StepCache: a step of '${key}' on '${eventType}' ended where another evaluated more guards`);
    write(outcome);
  }

  /** The effects as replay steps, or undefined when they hold something a replay cannot reproduce. */
  private toReplayOps(effects: readonly Recorded[], before: object, after: object): ReplayOp[] | undefined {
    const ops: ReplayOp[] = [];
    let context = before;
    let delay: Extract<Recorded, { kind: 'delay' }> | undefined;
    for (const entry of effects) {
      if (entry.kind === 'guard') return undefined;
      if (entry.kind === 'assign') {
        context = Object.assign({}, context, entry.partial);
        ops.push({ kind: 'assign', assigner: this.assigners[entry.name]!, params: entry.params });
        continue;
      }
      if (entry.kind === 'delay') {
        delay = entry;
        continue;
      }
      const op = toActionOp(entry.action, delay === undefined ? undefined : this.delays[delay.name], delay?.params);
      if (op === undefined) return undefined;
      if (op.kind === 'raise') delay = undefined;
      ops.push(op);
    }
    // Everything that changed the context went through a recorded assign, or the replay would miss it.
    return delay === undefined && isSameContext(context, after) ? ops : undefined;
  }

  private instrument(): Record<'guards' | 'delays' | 'actions', Record<string, unknown>> {
    const guards: Record<string, Implementation> = {};
    for (const [name, check] of Object.entries(this.guards)) {
      guards[name] = (args, params) => {
        const result = check(args, params) === true;
        this.recording?.push({ kind: 'guard', name, params, result });
        return result;
      };
    }
    const delays: Record<string, Implementation> = {};
    for (const [name, compute] of Object.entries(this.delays)) {
      delays[name] = (args, params) => {
        this.recording?.push({ kind: 'delay', name, params });
        return compute(args, params);
      };
    }
    const actions: Record<string, unknown> = {};
    for (const [name, assigner] of Object.entries(this.assigners)) {
      actions[name] = createRecordingAssign(assigner, (params, partial) => this.recording?.push({ kind: 'assign', name, params, partial }));
    }
    return { guards, delays, actions };
  }

  /** Records an action XState hands over for execution (the runner's action executor calls this). */
  noteAction(action: ExecutableActionObject): void {
    this.recording?.push({ kind: 'action', action });
  }
}

function createRecordingAssign(assigner: Assigner, note: (params: unknown, partial: object) => void): unknown {
  return assign((args, params: unknown) => {
    const partial = assigner(args, params);
    note(params, partial);
    return partial;
  });
}

function toActionOp(action: ExecutableActionObject, delay: Implementation | undefined, delayParams: unknown): ReplayOp | undefined {
  if (action.type === 'xstate.raise') {
    const { event, id, delay: ms } = action.params as { event: EventObject; id: string; delay: number | undefined };
    // Only the delayed events of `after` transitions: a fixed event whose id is its type.
    if (!event.type.startsWith('xstate.after.') || id !== event.type) return undefined;
    return { kind: 'raise', event, id, delay: delay ?? ms, delayParams };
  }
  if (action.type === 'xstate.cancel') return { kind: 'cancel', sendId: (action.params as { sendId: string }).sendId };
  if (action.type.startsWith('xstate.')) return undefined;
  return { kind: 'action', type: action.type, params: action.params, exec: action.exec };
}

function isSameContext(a: object, b: object): boolean {
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key]);
}

/** A state value as a cache key: `Connecting.ikeSaInit`. */
export function stateKey(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value).map(([name, child]) => (child === undefined ? name : `${name}.${stateKey(child)}`)).join(',');
}

function isBuiltin(action: unknown, type: string): boolean {
  return typeof action === 'function' && (action as { type?: unknown }).type === type;
}

interface ShapeNode {
  type: string;
  entry: unknown[];
  exit: unknown[];
  transitions: Map<string, Array<{ guard?: unknown; actions: readonly unknown[] }>>;
  always?: Array<{ guard?: unknown; actions: readonly unknown[] }>;
  invoke: unknown[];
  states: Record<string, ShapeNode>;
}

/**
 * Whether every guard and action a step can meet is one the recording sees: named guards and actions with fixed
 * parameters (or XState's own raise and cancel of `after` timers), plain guard functions, no invoked actors, no
 * parallel or history states.
 */
function checkShape(node: ShapeNode, implementations: Record<'guards' | 'actions', Record<string, unknown>>): boolean {
  if (node.type === 'parallel' || node.type === 'history' || node.invoke.length > 0) return false;
  const isNamed = (reference: unknown, known: Record<string, unknown>): boolean => {
    if (typeof reference === 'string') return reference in known;
    if (typeof reference !== 'object' || reference === null) return false;
    const { type, params } = reference as { type?: unknown; params?: unknown };
    return typeof type === 'string' && type in known && typeof params !== 'function';
  };
  const isKnownAction = (action: unknown): boolean =>
    isBuiltin(action, 'xstate.raise') || isBuiltin(action, 'xstate.cancel') || isNamed(action, implementations.actions);
  const isPlainGuard = (guard: unknown): boolean => {
    if (guard === undefined) return true;
    if (!isNamed(guard, implementations.guards)) return false;
    const name = typeof guard === 'string' ? guard : (guard as { type: string }).type;
    return typeof implementations.guards[name] === 'function' && !('check' in (implementations.guards[name] as object));
  };
  const transitions = [...node.transitions.values()].flat().concat(node.always ?? []);
  return node.entry.every(isKnownAction) && node.exit.every(isKnownAction)
    && transitions.every((transition) => isPlainGuard(transition.guard) && transition.actions.every(isKnownAction))
    && Object.values(node.states).every((child) => checkShape(child, implementations));
}
