import type { SourceRef } from '../common/index.js';
import { formatClock, formatDuration } from '../input/index.js';
import { createEventNarrator } from './event-narration.js';
import { planRetryCollapse } from './retry-collapse.js';
import { COLUMN_GAP, told } from './timeline-columns.js';
import { hasRunPassed, type ExpectationResult, type PendingTimers, type RefusedCommand, type RunReport } from './run-report.js';

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
  const lines = [...runReportText(report, options)].join('').split('\n');
  lines.pop();
  return lines;
}

/** Characters gathered before a chunk is handed out: its small pieces die young, and chunks stay few. */
const CHUNK_CHARS = 1 << 14;

/**
 * {@link formatRunReport} as text in chunks of about 16k characters, each ending with a newline, so a run of millions
 * of events is neither held as one string nor built line by line into an array.
 */
export function* runReportText(report: RunReport, options: ReportFormatOptions = {}): Generator<string, void, undefined> {
  let chunk = `scenario ${report.scenario} (${report.file}, seed ${report.seed}, until ${formatDuration(report.endMs)})\n\n`;
  const narrate = createEventNarrator();
  const collapse = options.verbose === true ? undefined : planRetryCollapse(report.events);
  // Most runs have no repeated retries: their events skip the two lookups.
  const isCollapsing = collapse !== undefined && (collapse.hidden.size > 0 || collapse.summaries.size > 0);
  const { events } = report;
  for (let index = 0; index < events.length; index++) {
    // Every event goes through the narrator, hidden ones too: it follows DIPs from event to event.
    const line = narrate(events.at(index)!);
    if (!isCollapsing) chunk += line;
    else {
      const summary = collapse.summaries.get(index);
      if (summary !== undefined) chunk += `${summary}\n`;
      if (collapse.hidden.has(index)) continue;
      chunk += line;
    }
    chunk += '\n';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + formatEnding(report).join('\n') + '\n';
}

/** The lines after the events: the pending-timers note, the verdicts, the unexpected refusals and the summary. */
function formatEnding(report: RunReport): string[] {
  const lines: string[] = [];
  if (report.pendingTimers !== undefined) lines.push(formatPendingNote(report.endMs, report.pendingTimers));
  if (report.expectations.length > 0) lines.push('', 'expectations', ...report.expectations.map(formatVerdict));
  if (report.unexpectedRefusals.length > 0) {
    lines.push('', 'warnings (refused commands no expectation mentions)', ...report.unexpectedRefusals.map(formatRefusalWarning));
  }
  lines.push('', formatSummary(report));
  return lines;
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
  // told like an event, so the note lines up with the events above it
  return `${formatClock(endMs)}${COLUMN_GAP}${told('run ended', `${timers} still pending; the next was due at ${formatClock(pending.nextDueMs)} `)}` +
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
