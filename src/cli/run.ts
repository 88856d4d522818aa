import { stat } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { InputError, diagnosticAt } from '../common/index.js';
import { formatEventLine } from '../sim/index.js';
import {
  formatClock,
  hasRunPassed,
  loadScenarioFile,
  runReportText,
  runScenario,
  type RunReport,
} from '../scenario/index.js';
import { openAtomicOutput, type AtomicOutput } from './atomic-output.js';
import { BufferedOutput, streamSink } from './buffered-output.js';
import { reportJsonText } from './report-json.js';
import { choiceOption, parseTimeOption } from './options.js';

/** Code of the diagnostic for a `--log` path that cannot be written. */
export const UNWRITABLE_LOG_RULE = 'unwritable-log';
/** Exit code when an expectation failed (bad input exits 2 through main.ts). */
const EXIT_EXPECTATION_FAILED = 1;
/** A run taking longer than this on the wall clock shows a progress line even when stderr is not a terminal. */
const LONG_RUN_WALL_MS = 2_000;
/** Minimum wall time between two progress lines, so progress never dominates the run. */
const PROGRESS_INTERVAL_WALL_MS = 250;

interface RunFlags {
  until?: number | undefined;
  log?: string | undefined;
  format: 'text' | 'json';
  seed?: number | undefined;
  verbose?: boolean | undefined;
}

/** The arguments, flags and action of `vnetsim run FILE`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<file>', 'scenario YAML file')
    .option('--until <duration>', 'stop the clock at this simulated time (e.g. 2h, 1d, 1h30m)', parseTimeOption)
    .option('--log <file>', 'write the event log as JSON lines (byte-identical for the same scenario and seed)')
    .option('--format <format>', 'output format: text or json', choiceOption(['text', 'json'] as const), 'text')
    .option('--seed <n>', "override the scenario's seed", parseSeed)
    .option('--verbose', 'show every event, each round of a repeated retry too (by default they collapse into one line)')
    .action(async (file: string, flags: RunFlags) => {
      const scenario = await loadScenarioFile(file);
      // Opened before the run, so a path that cannot be written is bad input reported before anything is simulated;
      // written beside the path and renamed at the end, so a run that fails leaves an existing log as it was.
      const log = flags.log === undefined ? undefined : await openLog(flags.log);
      let report: RunReport;
      try {
        const progress = createProgressLine();
        report = runScenario(scenario, { seed: flags.seed, untilMs: flags.until, onProgress: progress.show });
        progress.finish();
        if (log !== undefined) {
          await writeEventLog(report, log).catch((error: unknown) => {
            throw unwritableLog(flags.log ?? '', error);
          });
        }
      } catch (error) {
        await log?.discard();
        throw error;
      }
      const stdout = new BufferedOutput(streamSink(process.stdout));
      const text = flags.format === 'json' ? reportJsonText(report) : runReportText(report, { verbose: flags.verbose });
      for (const chunk of text) await stdout.write(chunk);
      await stdout.flush();
      if (!hasRunPassed(report)) process.exitCode = EXIT_EXPECTATION_FAILED;
    });
}

/** Characters of JSON lines gathered before each write: the pieces of a chunk die young, and writes stay few. */
const LOG_CHUNK_CHARS = 1 << 14;

/** Streams the event log into the temporary file as JSON lines, one event per line in seq order, then commits it. */
async function writeEventLog(report: RunReport, log: AtomicOutput): Promise<void> {
  const output = new BufferedOutput((bytes) => log.write(bytes));
  let chunk = '';
  for (const event of report.events) {
    chunk += formatEventLine(event);
    chunk += '\n';
    if (chunk.length >= LOG_CHUNK_CHARS) {
      await output.write(chunk);
      chunk = '';
    }
  }
  await output.write(chunk);
  await output.flush();
  await log.commit();
}

async function openLog(path: string): Promise<AtomicOutput> {
  if ((await stat(path).catch(() => undefined))?.isDirectory() === true) throw unwritableLog(path, new Error('it is a directory'));
  try {
    return await openAtomicOutput(path);
  } catch (error) {
    throw unwritableLog(path, error);
  }
}

function unwritableLog(path: string, error: unknown): InputError {
  const reason = error instanceof Error ? error.message : String(error);
  return new InputError([
    diagnosticAt({ file: path, line: 1, column: 1 }, UNWRITABLE_LOG_RULE, 'error', `cannot write the event log (--log): ${reason}; give a file in an existing, writable directory`),
  ]);
}

/** A `simulating 01:00:00 / 1d 00:00:00` line on stderr, shown when stderr is a terminal or the run is long. */
function createProgressLine(): { show: (nowMs: number, endMs: number) => void; finish: () => void } {
  const startedWallMs = Date.now();
  let lastWallMs = 0;
  let isShown = false;
  return {
    show(nowMs, endMs) {
      const wallMs = Date.now();
      const isLong = wallMs - startedWallMs > LONG_RUN_WALL_MS;
      if (!(process.stderr.isTTY || isLong) || wallMs - lastWallMs < PROGRESS_INTERVAL_WALL_MS) return;
      lastWallMs = wallMs;
      isShown = true;
      process.stderr.write(`\rsimulating ${formatClock(nowMs)} / ${formatClock(endMs)}`);
    },
    finish() {
      if (isShown) process.stderr.write('\n');
    },
  };
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError('the seed is a whole number ≥ 0');
  return seed;
}
