import type { SourceRef } from '../common/index.js';
import { formatClock, formatDuration } from '../input/index.js';
import { createEventNarrator } from './event-narration.js';
import { planRetryCollapse } from './retry-collapse.js';
import { hasRunPassed, type ExpectationResult, type PendingTimers, type RefusedCommand, type RunReport } from './run-report.js';

/** The narrator's subject column, so the note lines up with the events above it. */
const SUBJECT_WIDTH = 22;

/** Verdict marks: ✓ held, ✗ failed, – not reached before the run ended. */
const MARK: Record<ExpectationResult['status'], string> = { held: '✓', failed: '✗', notReached: '–' };

/** How much of the timeline to show. */
export interface ReportFormatOptions {
  /** Every event on its own line, repeated retries included (`run --verbose`). */
  verbose?: boolean | undefined;
}

/**
 * Renders a run as the human timeline: one line per event (time, subject, what happened; repeated identical retry
 * rounds collapsed into one line unless `verbose`), a note when timers were still pending at the end, then each
 * expectation's verdict with the file:line it was written at, then refusals nobody expected, then a one-line summary.
 */
export function formatRunReport(report: RunReport, options: ReportFormatOptions = {}): string[] {
  const lines: string[] = [];
  writeRunReport(report, (line) => lines.push(line), options);
  return lines;
}

/** {@link formatRunReport} handed to `write` line by line, so a run of millions of events never becomes one string. */
export function writeRunReport(report: RunReport, write: (line: string) => void, options: ReportFormatOptions = {}): void {
  write(`scenario ${report.scenario} (${report.file}, seed ${report.seed}, until ${formatDuration(report.endMs)})`);
  write('');
  const narrate = createEventNarrator();
  const collapse = options.verbose === true ? undefined : planRetryCollapse(report.events);
  report.events.forEach((event, index) => {
    // Every event goes through the narrator, hidden ones too: it follows DIPs from event to event.
    const line = narrate(event);
    const summary = collapse?.summaries.get(index);
    if (summary !== undefined) write(summary);
    if (collapse?.hidden.has(index) !== true) write(line);
  });
  if (report.pendingTimers !== undefined) write(formatPendingNote(report.endMs, report.pendingTimers));

  if (report.expectations.length > 0) {
    write('');
    write('expectations');
    for (const result of report.expectations) write(formatVerdict(result));
  }
  if (report.unexpectedRefusals.length > 0) {
    write('');
    write('warnings (refused commands no expectation mentions)');
    for (const refusal of report.unexpectedRefusals) write(formatRefusalWarning(refusal));
  }
  write('');
  write(formatSummary(report));
}

/** `  ✓ 00:15:00  vm web/web1 is ReadyRole  (file:12)`, with expected vs actual when it failed. */
export function formatVerdict(result: ExpectationResult): string {
  const where = `(${formatLine(result.at)})`;
  const head = `  ${MARK[result.status]} ${formatClock(result.atMs)}  ${result.description}`;
  switch (result.status) {
    case 'held':
      return `${head}  ${where}`;
    case 'failed':
      return `${head}: expected ${result.expected}, actual ${result.actual}  ${where}`;
    case 'notReached':
      return `${head}: not reached, the run ended first  ${where}`;
  }
}

/** `… the run ended with 3 timers pending; the next was due at 01:08:21`, so a cut-short story is not mistaken for a finished one. */
function formatPendingNote(endMs: number, pending: PendingTimers): string {
  const timers = pending.count === 1 ? '1 timer' : `${pending.count} timers`;
  return `${formatClock(endMs)}  ${'run ended'.padEnd(SUBJECT_WIDTH)}  ${timers} still pending; the next was due at ${formatClock(pending.nextDueMs)} ` +
    '(a later until: or --until shows what happens then)';
}

function formatRefusalWarning(refusal: RefusedCommand): string {
  const where = refusal.at === undefined ? '' : `  (${formatLine(refusal.at)})`;
  return `  ⚠ ${formatClock(refusal.atMs)}  ${refusal.command.type} refused ${refusal.code}: ${refusal.message}${where}`;
}

function formatSummary(report: RunReport): string {
  const count = (status: ExpectationResult['status']): number =>
    report.expectations.filter((result) => result.status === status).length;
  const parts = [`${count('held')} held`, `${count('failed')} failed`];
  if (count('notReached') > 0) parts.push(`${count('notReached')} not reached`);
  const warnings = report.unexpectedRefusals.length;
  const verdict = hasRunPassed(report) ? 'PASS' : 'FAIL';
  const total = report.expectations.length;
  return `${verdict}: ${total} expectation${total === 1 ? '' : 's'}, ${parts.join(', ')}; ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function formatLine(at: SourceRef): string {
  return `${at.file}:${at.line}`;
}
