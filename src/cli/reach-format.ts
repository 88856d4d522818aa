import type { SourceRef } from '../common/index.js';
import { formatClock } from '../scenario/index.js';
import { ANY_PORT, type Blocker, type FlowAnswer, type Hop, type ReachAnswer } from '../topology/index.js';

/** Everything `vnetsim reach` answers: the question as asked, when, and the engine's answer both ways. */
export interface ReachReport {
  scenario: string;
  file: string;
  atMs: number;
  from: string;
  to: string;
  /** `tcp/3389`, or `any` when no port was asked and the path carries every port. */
  port: string;
  answer: ReachAnswer;
}

/** Width of the hop kind column: the longest kind, `private-channel`. */
const HOP_KIND_WIDTH = 15;

/**
 * Renders a reach answer for a network engineer: the verdict both ways first, then each direction's hop trace (each
 * hop with the object and the scenario line that decided it) and every blocker with its fix, then the assumptions.
 */
export function formatReachText(report: ReachReport): string {
  const { answer } = report;
  const lines = [
    `${report.scenario} at ${formatClock(report.atMs)} (${report.file}): ${report.from} → ${report.to} ${describePort(report.port)}`,
    '',
    `  forward  ${summarise(answer)}`,
    `  reverse  ${summarise(answer.reverse)}`,
  ];
  for (const [title, flow] of [['forward', answer], ['reverse', answer.reverse]] as const) {
    lines.push('', `${title}: ${flow.from} → ${flow.to}, path ${flow.path}`);
    lines.push(...formatHops(flow.hops), ...formatBlockers(flow.blockers));
  }
  const assumptions = [...new Set([...answer.assumptions, ...answer.reverse.assumptions])];
  if (assumptions.length > 0) lines.push('', 'assuming', ...assumptions.map((a) => `  - ${a}`));
  return `${lines.join('\n')}\n`;
}

/** The full answer as JSON, after the question as asked and the moment it was asked about. */
export function formatReachJson(report: ReachReport): string {
  const { scenario, file, atMs, from, to, port, answer } = report;
  return `${JSON.stringify({ scenario, file, atMs, at: formatClock(atMs), question: { from, to, port }, ...answer }, null, 2)}\n`;
}

/** `reachable (delivered)` / `unreachable (acl-denied)` for one direction. */
function summarise(flow: FlowAnswer): string {
  return `${flow.from} → ${flow.to}: ${flow.verdict} (${flow.disposition})`;
}

function describePort(port: string): string {
  return port === ANY_PORT ? 'on any port' : port;
}

function formatHops(hops: readonly Hop[]): string[] {
  if (hops.length === 0) return ['  (no hop traced)'];
  const objectWidth = Math.max(...hops.map((h) => h.object.length));
  return hops.map((hop) => {
    const leg = hop.leg === 'reply' ? 'reply ' : '      ';
    const where = hop.source === undefined ? '' : `  (${formatWhere(hop.source)})`;
    return `  ${hop.ok ? '✓' : '✗'} ${leg}${hop.kind.padEnd(HOP_KIND_WIDTH)} ${hop.object.padEnd(objectWidth)}  ${hop.detail}${where}`;
  });
}

function formatBlockers(blockers: readonly Blocker[]): string[] {
  if (blockers.length === 0) return ['  blockers: none'];
  const lines = [`  blockers (${blockers.length}; fix every one):`];
  for (const b of blockers) {
    const where = b.source === undefined ? '' : `, ${formatWhere(b.source)}`;
    lines.push(`    ✗ ${b.code}  ${b.object}  (${b.leg} leg${where})`, `        ${b.message}`, `        fix: ${b.fix}`);
  }
  return lines;
}

/** `file:line`, the scenario line that decided an object. */
export function formatWhere(at: SourceRef): string {
  return `${at.file}:${at.line}`;
}
