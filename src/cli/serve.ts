import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError, diagnosticAt } from '../common/index.js';
import {
  checkExpectation, findScenarioEndMs, loadScenarioFile, readInputFile, toRefusal, type ExpectationResult, type RefusedCommand, type Scenario,
} from '../scenario/index.js';
import { Simulation, checkEventLog } from '../sim/index.js';
import {
  DEFAULT_HOST, DEFAULT_SPEED, DEFAULT_WEB_ROOT, createScriptedWorld, startVizServer, type ExpectationMark, type LiveWorld, type TimedEvent,
  type VizServer,
} from '../viz/index.js';
import { browsableUrl, describeListenFailure, isLoopback, parsePort, parseSpeed } from './listen-options.js';
import { createWorldAnswerers } from './serve-answers.js';

interface ServeFlags {
  port: number;
  host: string;
  speed: number;
  paused?: boolean | undefined;
  autoplay?: boolean | undefined;
}

/** Rule of a recorded event log line that is not an event. */
const BAD_LOG_LINE_RULE = 'event-log-line';

/** Exit code of a server that cannot listen where it was told (the same as any other bad input). */
const EXIT_CANNOT_LISTEN = 2;

/** The arguments, flags and action of `vnetsim serve FILE`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<file>', 'scenario YAML file, or an event log (.jsonl) written by `vnetsim run --log`')
    .option('--port <n>', 'TCP port; 0 picks a free one', parsePort, 0)
    .option('--host <address>', 'address to listen on; anything but loopback exposes the simulation to your network', DEFAULT_HOST)
    .option('--speed <x>', 'simulated ms per real ms (60 = a minute per second)', parseSpeed, DEFAULT_SPEED)
    .option('--paused', 'start with the clock paused (press play in the page)')
    .option('--autoplay', 'start the clock as soon as the server listens, instead of when the first page opens')
    .action(async (file: string, flags: ServeFlags, command: Command) => {
      const world = file.endsWith('.jsonl') ? createLogWorld(parseEventLog(await readInputFile(file, 'event log'), file), file) : createScenarioWorld(await loadScenarioFile(file));
      if (!existsSync(join(DEFAULT_WEB_ROOT, 'app.js'))) {
        process.stderr.write(`vnetsim serve: the page is not built (${DEFAULT_WEB_ROOT}); run: npm run build\n`);
      }
      let server: VizServer;
      try {
        server = await startVizServer({
          world, host: flags.host, port: flags.port, speed: flags.speed, autoplay: flags.paused === true ? false : flags.autoplay === true ? true : 'first-page',
          onWorldError: (error) => process.stderr.write(`vnetsim serve: the simulation stopped: ${error instanceof Error ? error.message : String(error)}\n`),
        });
      } catch (error) {
        // A taken port or an unknown host is the user's to fix: say which flag, no stack trace (exit 2 via main.ts).
        command.error(`error: ${describeListenFailure(error, flags)}`, { exitCode: EXIT_CANNOT_LISTEN, code: 'vnetsim.serve.listen' });
      }
      if (!isLoopback(flags.host)) process.stderr.write(`vnetsim serve: listening on ${flags.host}, reachable from other machines\n`);
      process.stdout.write(`vnetsim serve: ${browsableUrl(server.url, flags.host, server.port)} (${file}, speed ${flags.speed}×${flags.paused === true ? ', paused' : flags.autoplay === true ? '' : ', the clock starts when the page opens'}); Ctrl-C stops\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

/**
 * Plays a scenario live: the engine's clock advances as the viz server asks, and at each scheduled time the timers due
 * by then fire, that time's commands execute, then its expectations are checked — as `vnetsim run` does, so the live
 * view, its ✓/✗ marks and the report agree.
 */
export function createScenarioWorld(scenario: Scenario): LiveWorld {
  const sim = Simulation.create({
    seed: scenario.seed, era: scenario.era, network: scenario.plan, devices: scenario.devices, profile: scenario.profile,
    limits: scenario.limits, scenarioName: scenario.name, startMonth: scenario.eraMonth,
  });
  const commands = [...scenario.commands].sort((a, b) => a.atMs - b.atMs);
  const expectations = [...scenario.expectations].sort((a, b) => a.atMs - b.atMs);
  const endMs = findScenarioEndMs(scenario);
  const refused: RefusedCommand[] = [];
  const checked: ExpectationMark[] = [];
  let next = 0;
  let nextExpectation = 0;
  let nowMs = 0;
  const nextScheduledMs = (): number | undefined => {
    const due = [commands[next]?.atMs, expectations[nextExpectation]?.atMs].filter((t): t is number => t !== undefined);
    return due.length === 0 ? undefined : Math.min(...due);
  };
  return {
    get events() {
      return sim.events;
    },
    ...createWorldAnswerers(() => sim.events, { scenario: scenario.name, file: scenario.file }),
    subscribe: (listener) => sim.subscribe(listener),
    now: () => nowMs,
    expectations: () => checked,
    advanceTo(timeMs) {
      for (let atMs = nextScheduledMs(); atMs !== undefined && atMs <= timeMs; atMs = nextScheduledMs()) {
        sim.advanceTo(Math.max(nowMs, atMs));
        for (; next < commands.length && commands[next]!.atMs === atMs; next++) {
          const scheduled = commands[next]!;
          const outcome = sim.execute(scheduled.command, scheduled.at);
          if (!outcome.ok) refused.push(toRefusal(scheduled, outcome.diagnostic.rule, outcome.diagnostic.message));
        }
        const context = { world: sim.world, events: sim.events, refused, nowMs: atMs };
        for (; nextExpectation < expectations.length && expectations[nextExpectation]!.atMs === atMs; nextExpectation++) {
          checked.push(toMark(checkExpectation(expectations[nextExpectation]!, context), sim.events.at(-1)?.seq ?? -1));
        }
      }
      sim.advanceTo(Math.max(nowMs, timeMs));
      nowMs = Math.max(nowMs, timeMs);
    },
    // Gateways keep timers forever (rekeys, DPD); playing stops at the scenario's end, seeking can go beyond it.
    nextEventTime() {
      const due = [nextScheduledMs(), sim.clock.nextDeadline()].filter((t): t is number => t !== undefined);
      const first = due.length === 0 ? undefined : Math.min(...due);
      return first !== undefined && first <= Math.max(endMs, nowMs) ? first : nowMs < endMs ? endMs : undefined;
    },
  };
}

/** An expectation's verdict as the page marks it on the timeline, at the last event logged when it was checked. */
function toMark(result: ExpectationResult, atSeq: number): ExpectationMark {
  return {
    atMs: result.atMs, atSeq, status: result.status === 'held' ? 'held' : 'failed', description: result.description,
    expected: result.expected, actual: result.actual, at: `${result.at.file}:${result.at.line}`,
  };
}

/** Replays a recorded log live, answering reach queries on the world the log has reached so far. */
export function createLogWorld(script: readonly TimedEvent[], file: string): LiveWorld {
  const world = createScriptedWorld(script);
  const started = script[0];
  const scenario = started?.type === 'world.started' ? started.scenario : file;
  return { ...world, ...createWorldAnswerers(() => world.events, { scenario, file }) };
}

/**
 * Reads a JSONL event log (`vnetsim run --log`), checked line by line against the event catalogue and the world so
 * far (src/sim/log-check.ts); the first bad line is an input error at that line, so the page only gets checked events.
 */
export function parseEventLog(text: string, file: string): TimedEvent[] {
  const reading = checkEventLog(text);
  if (!reading.ok) throw new InputError([diagnosticAt({ file, line: reading.problem.line, column: 1 }, BAD_LOG_LINE_RULE, 'error', reading.problem.message)]);
  return reading.events;
}
