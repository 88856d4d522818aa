import { InputError, MAX_LOGGED_EVENTS, diagnosticAt } from '../common/index.js';
import { EventLogFullError, Simulation, type World } from '../sim/index.js';
import { formatClock } from '../input/index.js';
import type { ExpectationContext } from './expectations/expectation-kind.js';
import type { ExpectationResult, PendingTimers, RefusedCommand, RunReport } from './run-report.js';
import type { Scenario, ScheduledCommand, ScheduledExpectation } from './scenario.js';

/** Code of the refusal of a scenario whose run would log more events than the engine allows. */
export const EVENT_LOG_LIMIT_RULE = 'event-log-limit';

/** How far the clock moves between progress reports, so a run spanning days still reports while it works. */
const PROGRESS_STEP_MS = 3_600_000;

/** Overrides the command line may set on top of the scenario file. */
export interface RunOptions {
  /** Replaces the file's seed (`--seed`). */
  seed?: number | undefined;
  /** Ends the run at this time (`--until`); later commands are not applied, later expectations are not reached. */
  untilMs?: number | undefined;
  /** Called as simulated time advances, for a progress line; the runner itself never prints. */
  onProgress?: ((nowMs: number, endMs: number) => void) | undefined;
}

/**
 * Runs a loaded scenario on a fresh simulation: at each time that has a command or an expectation, the clock advances
 * (firing every timer due, in deadline order), that time's commands execute in file order, then that time's
 * expectations are checked, so an expectation sees the state right after everything scheduled with it. Pure: the
 * same scenario and seed give the same report.
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunReport {
  return runScenarioToWorld(scenario, options).report;
}

/**
 * {@link runScenario}, also handing back the world as the run left it, so a caller that looks at the end of the run
 * (matrix, reach) uses it instead of folding the whole event log a second time.
 */
export function runScenarioToWorld(scenario: Scenario, options: RunOptions = {}): { report: RunReport; world: World } {
  const played = playScenario(scenario, options, true);
  const { sim, endMs, refused, results } = played;
  for (const scheduled of scenario.expectations.filter((e) => e.atMs > endMs)) {
    results.push({ ...describeExpectation(scheduled), status: 'notReached', expected: '', actual: '' });
  }
  const expectations = scenario.expectations.map((e) => e.expectation);
  const report: RunReport = {
    scenario: scenario.name,
    file: scenario.file,
    seed: played.seed,
    endMs,
    // The simulation ends with this call, so its log is handed over, not copied (1.7M entries at full scale).
    events: sim.events,
    expectations: results,
    refused,
    unexpectedRefusals: refused.filter((r) => !expectations.some((e) => e.explainsRefusal?.(r) === true)),
    ...pendingTimersOf(sim),
  };
  return { report, world: sim.world };
}

/** The end of a run for a caller that reads only its world: where the clock stopped and what was refused on the way. */
export interface ScenarioWorld {
  world: World;
  endMs: number;
  refused: RefusedCommand[];
}

/**
 * Runs a loaded scenario for the world it ends in (matrix, reach, status): the same commands at the same times, so
 * the same world, but no expectation is checked and the event log is not handed back, so it is garbage as soon as
 * the run returns instead of living beside the world.
 */
export function runScenarioForWorld(scenario: Scenario, options: RunOptions = {}): ScenarioWorld {
  const { sim, endMs, refused } = playScenario(scenario, options, false);
  return { world: sim.world, endMs, refused };
}

/** The clock and commands of a run, with its expectations checked on the way when `checksExpectations`. */
function playScenario(scenario: Scenario, options: RunOptions, checksExpectations: boolean) {
  const seed = options.seed ?? scenario.seed;
  const endMs = options.untilMs ?? findScenarioEndMs(scenario);
  const sim = Simulation.create({
    seed,
    era: scenario.era,
    network: scenario.plan,
    devices: scenario.devices,
    profile: scenario.profile,
    limits: scenario.limits,
    scenarioName: scenario.name,
    startMonth: scenario.eraMonth,
    // A run for its world alone keeps no event log: 1.9M events at full scale would otherwise live until it returns.
    keepsEventLog: checksExpectations,
  });

  const refused: RefusedCommand[] = [];
  const results: ExpectationResult[] = [];
  let clockMs = 0;
  const advanceSim = (targetMs: number): void => {
    try {
      sim.advanceTo(targetMs);
    } catch (error) {
      throw error instanceof EventLogFullError ? tooManyEvents(scenario, error) : error;
    }
  };
  const advance = (targetMs: number): void => {
    for (let t = clockMs + PROGRESS_STEP_MS; t < targetMs; t += PROGRESS_STEP_MS) {
      advanceSim(t);
      options.onProgress?.(t, endMs);
    }
    advanceSim(targetMs);
    clockMs = targetMs;
    options.onProgress?.(targetMs, endMs);
  };

  const commandsAt = groupByTime(scenario.commands);
  const expectationsAt = groupByTime(checksExpectations ? scenario.expectations : []);
  for (const atMs of scheduledTimes(scenario, endMs)) {
    advance(atMs);
    for (const scheduled of commandsAt.get(atMs) ?? []) {
      const refusal = sim.submit(scheduled.command, scheduled.at);
      if (refusal !== undefined) refused.push(toRefusal(scheduled, refusal.diagnostic.rule, refusal.diagnostic.message));
    }
    const context: ExpectationContext = { world: sim.world, events: sim.events, refused, nowMs: atMs };
    for (const scheduled of expectationsAt.get(atMs) ?? []) {
      results.push(checkExpectation(scheduled, context));
    }
  }
  advance(endMs);
  return { sim, seed, endMs, refused, results };
}

/** What the clock still had to do when the run stopped, so the report can say the story was cut short. */
function pendingTimersOf(sim: Simulation): { pendingTimers?: PendingTimers } {
  const nextDueMs = sim.clock.nextDeadline();
  return nextDueMs === undefined ? {} : { pendingTimers: { count: sim.clock.pendingCount, nextDueMs } };
}

/** Where a scenario's clock stops unless told otherwise: its `until`, else its last scheduled command or expectation. */
export function findScenarioEndMs(scenario: Scenario): number {
  if (scenario.untilMs !== undefined) return scenario.untilMs;
  // A loop, not Math.max(...times): spreading a 130k-entry timeline as arguments overflows the stack.
  let endMs = 0;
  for (const scheduled of [...scenario.commands, ...scenario.expectations]) endMs = Math.max(endMs, scheduled.atMs);
  return endMs;
}

/** A run whose timers log more than the engine allows is refused as its input: the scenario asks for too much. */
function tooManyEvents(scenario: Scenario, error: EventLogFullError): InputError {
  const message = `by ${formatClock(error.atMs)} of simulated time the run had logged ${MAX_LOGGED_EVENTS} events, the most one ` +
    "run may log; end it earlier (until:, --until) or give the profile's SA lifetimes and retry delays longer durations";
  return new InputError([diagnosticAt({ file: scenario.file, line: 1, column: 1 }, EVENT_LOG_LIMIT_RULE, 'error', message)]);
}

/** Scheduled entries by time, in file order: each time's batch is found once, not by filtering the whole list again. */
function groupByTime<T extends { atMs: number }>(scheduled: readonly T[]): Map<number, T[]> {
  const byTime = new Map<number, T[]>();
  for (const s of scheduled) {
    const batch = byTime.get(s.atMs);
    if (batch === undefined) byTime.set(s.atMs, [s]);
    else batch.push(s);
  }
  return byTime;
}

function scheduledTimes(scenario: Scenario, endMs: number): number[] {
  const times = new Set<number>([...scenario.commands, ...scenario.expectations].map((s) => s.atMs));
  return [...times].filter((t) => t <= endMs).sort((a, b) => a - b);
}

/** A refused scheduled command as the run report and expectations see it (also for `serve`, which plays the same timeline live). */
export function toRefusal(scheduled: ScheduledCommand, code: string, message: string): RefusedCommand {
  return { atMs: scheduled.atMs, command: scheduled.command, code, message, at: scheduled.at };
}

function describeExpectation(scheduled: ScheduledExpectation) {
  return {
    atMs: scheduled.atMs,
    kind: scheduled.kind,
    description: scheduled.expectation.description,
    at: scheduled.at,
  };
}

/** Checks one scheduled expectation against the world and log of `context` (also for `serve`'s live checks). */
export function checkExpectation(scheduled: ScheduledExpectation, context: ExpectationContext): ExpectationResult {
  const verdict = scheduled.expectation.evaluate(context);
  return {
    ...describeExpectation(scheduled),
    status: verdict.holds ? 'held' : 'failed',
    expected: verdict.expected,
    actual: verdict.actual,
  };
}
