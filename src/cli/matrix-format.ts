import { formatClock } from '../scenario/index.js';
import { ANY_PORT, nameClassMembers, type MatrixFlow, type ReachClass, type ReachMatrix } from '../topology/index.js';

/** A world's matrix with the moment it was computed at. */
export interface MatrixReport {
  scenario: string;
  file: string;
  atMs: number;
  matrix: ReachMatrix;
}

/** Members a text label names before it abbreviates; JSON and CSV always list every member. */
const MAX_MEMBERS_SHOWN = 5;

/** A class label for text: the head and its first members, then how many more (a large class stays one line). */
export function abbreviateClassLabel(cls: ReachClass): string {
  if (cls.kind === 'site' || cls.members.length <= MAX_MEMBERS_SHOWN + 1) return cls.label;
  const names = nameClassMembers(cls.members, MAX_MEMBERS_SHOWN);
  return `${cls.head}: ${names.join(', ')}, … ${cls.members.length - MAX_MEMBERS_SHOWN} more`;
}

/**
 * Renders the matrix class by class: each class of interchangeable VMs (or an on-premises site) once, then the classes
 * it reaches with the path and ports. Listing classes instead of every VM pair keeps a large world readable.
 */
export function formatMatrixText(report: MatrixReport): string {
  return [...matrixTextPieces(report)].join('');
}

/**
 * The text of {@link formatMatrixText} in pieces to write in order (the class list, then one per class's row), each
 * ending with a line break: a full-size world's text is 8 MB, which as one string costs a copy to encode at once.
 */
export function* matrixTextPieces(report: MatrixReport): Generator<string> {
  const { classes, flows } = report.matrix;
  // Abbreviated once per class: a large world names each class in thousands of rows, each label a scan of its members.
  const labelById = new Map(classes.map((c) => [c.id, abbreviateClassLabel(c)]));
  // Grouped once: a large world has classes² flows, and scanning them all per class would cost classes³.
  const flowsFrom = new Map<string, MatrixFlow[]>();
  for (const flow of flows) {
    const group = flowsFrom.get(flow.from);
    if (group === undefined) flowsFrom.set(flow.from, [flow]);
    else group.push(flow);
  }
  const idWidth = Math.max(0, ...classes.map((c) => c.id.length));
  yield endLines([
    `${report.scenario} at ${formatClock(report.atMs)} (${report.file}): who can reach whom, ${classes.length} classes, ${flows.length} class-to-class flows`,
    '',
    'classes (members of a class reach and are reached alike)',
    ...classes.map((c) => `  ${c.id.padEnd(idWidth)}  ${labelById.get(c.id) ?? ''}`),
  ]);
  // Each class named as a target once: a large world names each class in thousands of rows.
  const targetById = new Map(classes.map((c) => [c.id, `${c.id} ${labelById.get(c.id) ?? ''}`]));
  // Padded once per width and target, and each path and port list written once: rows of a large world's classes
  // mostly share a width, and alike cells share one port list (computeMatrix).
  const paddedByWidth = new Map<number, Map<string, string>>();
  const tailsByPath = new Map<string, Map<readonly string[], string>>();
  for (const from of classes) {
    const lines = ['', targetById.get(from.id) ?? ''];
    const out = flowsFrom.get(from.id) ?? [];
    if (out.length === 0) lines.push('  reaches nothing');
    const targets = out.map((flow) => (flow.from === flow.to ? `${flow.to} each other` : targetById.get(flow.to) ?? `${flow.to} `));
    let labelWidth = 0;
    for (const target of targets) labelWidth = Math.max(labelWidth, target.length);
    let padded = paddedByWidth.get(labelWidth);
    if (padded === undefined) paddedByWidth.set(labelWidth, (padded = new Map()));
    for (let i = 0; i < out.length; i++) {
      const flow = out[i]!;
      const target = targets[i]!;
      let paddedTarget = padded.get(target);
      if (paddedTarget === undefined) padded.set(target, (paddedTarget = target.padEnd(labelWidth)));
      let tails = tailsByPath.get(flow.path);
      if (tails === undefined) tailsByPath.set(flow.path, (tails = new Map()));
      let tail = tails.get(flow.ports);
      if (tail === undefined) tails.set(flow.ports, (tail = `${flow.path.padEnd(15)}  ${describePorts(flow.ports)}`));
      lines.push(`  → ${paddedTarget}  ${tail}`);
    }
    yield endLines(lines);
  }
}

function endLines(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/** The matrix as JSON: the classes with their members, and each class-to-class flow. */
export function formatMatrixJson(report: MatrixReport): string {
  return `${JSON.stringify({ scenario: report.scenario, file: report.file, atMs: report.atMs, at: formatClock(report.atMs), ...report.matrix }, null, 2)}\n`;
}

/**
 * The CSV's lines (each ending CRLF), one row per class-to-class flow (ports separated by spaces, `any` when the path
 * carries every port), one at a time: every row names both classes' members, so a full-size world's CSV
 * (~800k flows between classes of up to 2,048 VMs) is over a gigabyte, more than one JavaScript string may hold.
 */
export function* matrixCsvLines(report: MatrixReport, extraRows: readonly (readonly string[])[] = []): Generator<string> {
  // Each class's members joined and quoted once: a large class is named in thousands of rows.
  const membersById = new Map(report.matrix.classes.map((c) => [c.id, quoteCsv(c.members.join(' '))]));
  yield 'from,from_members,to,to_members,path,ports\r\n';
  for (const f of report.matrix.flows) {
    yield `${quoteCsv(f.from)},${membersById.get(f.from) ?? ''},${quoteCsv(f.to)},${membersById.get(f.to) ?? ''},${quoteCsv(f.path)},${quoteCsv(f.ports.join(' '))}\r\n`;
  }
  for (const row of extraRows) yield `${row.map(quoteCsv).join(',')}\r\n`;
}

function describePorts(ports: readonly string[]): string {
  return ports.length === 1 && ports[0] === ANY_PORT ? 'any port' : ports.join(', ');
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
function quoteCsv(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
