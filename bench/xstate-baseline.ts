/**
 * Bare XState v5 baselines for the gateway benchmark: many actors of a trivial three-state machine, driven either by
 * sent events or by `after` delays on the simulator's clock. Each figure is measured in CPU time (process.cpuUsage) as
 * well as wall time, and transitions are counted the same way the gateway benchmark counts them (an observer that
 * sees a new snapshot object), so the observer's own cost is in both sides of the ratio.
 */
import { performance } from 'node:perf_hooks';
import { createActor, setup } from 'xstate';
import { SimClock } from '../src/sim/index.js';

/** One timed run: how many transitions happened and what they cost. */
export interface TransitionSample {
  transitions: number;
  cpuMs: number;
  wallMs: number;
}

/** A transition counter shared by every actor it watches. */
export interface TransitionCounter {
  transitions: number;
}

/** An actor, or a machine the gateway runs by its pure transitions: both hand out snapshots and take a listener. */
export interface WatchableMachine {
  getSnapshot(): unknown;
  subscribe(listener: () => void): unknown;
}

/**
 * Counts an actor's transitions: XState notifies observers after every event, but hands over the very same snapshot
 * object when no transition was taken (microstep returns the current snapshot), so a new object means a transition.
 */
export function countTransitions(actor: WatchableMachine, counter: TransitionCounter): void {
  let last: unknown = actor.getSnapshot();
  actor.subscribe(() => {
    const snapshot = actor.getSnapshot();
    if (snapshot === last) return;
    last = snapshot;
    counter.transitions++;
  });
}

/** Runs `work` and returns its result with wall and CPU time; CPU time is what other processes' turns cannot inflate. */
export function timeIt<T>(work: () => T): { value: T; wallMs: number; cpuMs: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const STEP_MS = 1_000;

const sentEventMachine = setup({ types: { events: {} as { type: 'NEXT' } } }).createMachine({
  id: 'trivial',
  initial: 'a',
  states: {
    a: { on: { NEXT: 'b' } },
    b: { on: { NEXT: 'c' } },
    c: { on: { NEXT: 'a' } },
  },
});

const timedMachine = setup({}).createMachine({
  id: 'trivialTimed',
  initial: 'a',
  states: {
    a: { after: { [STEP_MS]: 'b' } },
    b: { after: { [STEP_MS]: 'c' } },
    c: { after: { [STEP_MS]: 'a' } },
  },
});

/** `actorCount` trivial actors, each sent `rounds` NEXT events in turn; times the sends only. */
export function measureSentEvents(actorCount: number, rounds: number): TransitionSample {
  const counter: TransitionCounter = { transitions: 0 };
  const actors = Array.from({ length: actorCount }, () => createActor(sentEventMachine));
  for (const actor of actors) {
    countTransitions(actor, counter);
    actor.start();
  }
  const run = timeIt(() => {
    for (let round = 0; round < rounds; round++) {
      for (const actor of actors) actor.send({ type: 'NEXT' });
    }
  });
  for (const actor of actors) actor.stop();
  return { transitions: counter.transitions, cpuMs: run.cpuMs, wallMs: run.wallMs };
}

/**
 * `actorCount` trivial actors on one SimClock, each moving on by an `after` delay, for `rounds` steps; times the clock
 * advance only. This is the like-for-like baseline for the gateway, whose rekeys and DPD are all timer-driven.
 */
export function measureTimedTransitions(actorCount: number, rounds: number): TransitionSample {
  const clock = new SimClock();
  const counter: TransitionCounter = { transitions: 0 };
  const actors = Array.from({ length: actorCount }, () => createActor(timedMachine, { clock }));
  for (const actor of actors) {
    countTransitions(actor, counter);
    actor.start();
  }
  const run = timeIt(() => clock.advanceTo(rounds * STEP_MS));
  for (const actor of actors) actor.stop();
  return { transitions: counter.transitions, cpuMs: run.cpuMs, wallMs: run.wallMs };
}

/** Heap bytes held per started trivial actor (after GC), for comparison with bytes per tunnel. */
export function measureActorHeapBytes(actorCount: number, collectGarbage: () => void): number {
  const clock = new SimClock();
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const actors = Array.from({ length: actorCount }, () => createActor(timedMachine, { clock }).start());
  collectGarbage();
  const bytes = (process.memoryUsage().heapUsed - before) / actorCount;
  for (const actor of actors) actor.stop();
  return bytes;
}
