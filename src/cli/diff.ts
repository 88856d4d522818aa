import type { Command } from 'commander';
import { countEventsThroughTime, eventLogWindow } from '../sim/index.js';
import { diffIndexes, type FlowChange } from '../topology/index.js';
import { findCauseEvents, listReachEvents } from './diff-causes.js';
import { formatDiffJson, formatDiffText, type DiffReport, type ExplainedChange } from './diff-format.js';
import { choiceOption, parseTimeOption } from './options.js';
import { loadWorldsAt } from './scenario-topology.js';

/** Output formats of `vnetsim diff`. */
export const DIFF_FORMATS = ['text', 'json'] as const;
type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Options of one diff: the two moments and the output format. */
export interface DiffOptions {
  fromMs: number;
  toMs: number;
  format: DiffFormat;
}

/**
 * Runs a scenario to the later moment and compares who-can-reach-whom at both; each change names the events in
 * between that touched an object it depends on. Either order of moments works: `before` is always `--from`.
 */
export async function runDiff(file: string, options: DiffOptions): Promise<string> {
  const [before, after] = await loadWorldsAt(file, [options.fromMs, options.toMs]);
  const diff = diffIndexes(before.index, after.index);
  const [early, late] = [Math.min(options.fromMs, options.toMs), Math.max(options.fromMs, options.toMs)];
  const { events } = options.fromMs <= options.toMs ? after : before;
  const between = listReachEvents(eventLogWindow(events, countEventsThroughTime(events, early), countEventsThroughTime(events, late)));
  const explain = (change: FlowChange): ExplainedChange => ({ ...change, causes: findCauseEvents(change, diff.classes, between) });
  const report: DiffReport = {
    scenario: after.scenario.name,
    file: after.scenario.file,
    fromMs: options.fromMs,
    toMs: options.toMs,
    classes: diff.classes,
    gained: diff.gained.map(explain),
    lost: diff.lost.map(explain),
  };
  return options.format === 'json' ? formatDiffJson(report) : formatDiffText(report);
}

/** The arguments, flags and action of `vnetsim diff FILE --from T1 --to T2`; imported only when it runs (commands.ts names and describes it). */
export function defineCommand(command: Command): void {
  command
    .argument('<file>', 'scenario YAML file')
    .requiredOption('--from <duration>', 'the earlier moment (e.g. 30m)', parseTimeOption)
    .requiredOption('--to <duration>', 'the later moment (e.g. 3h30m)', parseTimeOption)
    .option('--format <format>', `output format: ${DIFF_FORMATS.join(' or ')}`, choiceOption(DIFF_FORMATS), 'text')
    .action(async (file: string, flags: { from: number; to: number; format: DiffFormat }) => {
      process.stdout.write(await runDiff(file, { fromMs: flags.from, toMs: flags.to, format: flags.format }));
    });
}
