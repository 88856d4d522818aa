import { formatClock } from '../scenario/index.js';
import { ANY_PORT, type FlowChange, type ReachClass } from '../topology/index.js';
import type { CauseEvent } from './diff-causes.js';
import { abbreviateClassLabel } from './matrix-format.js';

/** A flow change with the events that caused it. */
export interface ExplainedChange extends FlowChange {
  causes: CauseEvent[];
}

/** Flows gained and lost between two moments of one scenario, each with its causes. */
export interface DiffReport {
  scenario: string;
  file: string;
  fromMs: number;
  toMs: number;
  classes: ReachClass[];
  gained: ExplainedChange[];
  lost: ExplainedChange[];
}

/** Causes listed in full per change; longer lists (a flapping tunnel) show the first ones and the last. */
const MAX_CAUSES_SHOWN = 4;

/**
 * Renders the diff: every lost flow with what now blocks it, every gained flow with what blocked it before, and under
 * each the events (seq, time, type, object) between the two moments that touched those objects.
 */
export function formatDiffText(report: DiffReport): string {
  const byId = new Map(report.classes.map((c) => [c.id, c]));
  const lines = [
    `${report.scenario} from ${formatClock(report.fromMs)} to ${formatClock(report.toMs)} (${report.file}): ${report.gained.length} flows gained, ${report.lost.length} lost`,
  ];
  for (const [title, changes] of [['lost', report.lost], ['gained', report.gained]] as const) {
    lines.push('', `${title} (${changes.length})`);
    if (changes.length === 0) lines.push('  none');
    for (const change of changes) lines.push(...formatChange(change, title, byId));
  }
  return `${lines.join('\n')}\n`;
}

/** The diff as JSON: classes, then each change with its blockers and cause events. */
export function formatDiffJson(report: DiffReport): string {
  return `${JSON.stringify({ ...report, from: formatClock(report.fromMs), to: formatClock(report.toMs) }, null, 2)}\n`;
}

function formatChange(change: ExplainedChange, title: 'lost' | 'gained', byId: ReadonlyMap<string, ReachClass>): string[] {
  const label = (id: string): string => {
    const cls = byId.get(id);
    return cls === undefined ? id : abbreviateClassLabel(cls);
  };
  const target = change.from === change.to ? 'each other' : label(change.to);
  const port = change.port === ANY_PORT ? 'any port' : change.port;
  const lines = [`  ${title === 'lost' ? '✗' : '✓'} ${label(change.from)} → ${target}, ${port}: ${change.before} → ${change.after}`];
  if (change.blockers.length > 0) {
    lines.push(`      ${title === 'lost' ? 'now blocked by' : 'was blocked by'}`);
    for (const b of change.blockers) lines.push(`        ${b.code} ${b.object}: ${b.message}`);
  }
  if (change.causes.length === 0) {
    lines.push('      caused by: no event between the two moments touched these objects');
    return lines;
  }
  lines.push('      caused by');
  const shown = change.causes.length <= MAX_CAUSES_SHOWN
    ? change.causes
    : [...change.causes.slice(0, MAX_CAUSES_SHOWN - 1), undefined, change.causes[change.causes.length - 1]];
  for (const cause of shown) {
    lines.push(cause === undefined ? `        … ${change.causes.length - MAX_CAUSES_SHOWN} more` : `        ${formatCause(cause)}`);
  }
  return lines;
}

function formatCause(cause: CauseEvent): string {
  return `#${cause.seq}  ${formatClock(cause.time)}  ${cause.type}  ${cause.object}${cause.detail === '' ? '' : `  ${cause.detail}`}`;
}
