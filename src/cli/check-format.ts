import {
  formatDiagnostic,
  formatOmittedLine,
  type CappedDiagnostics,
  type Diagnostic,
  type RelatedLocation,
  type Severity,
} from '../common/index.js';
import type { RuleInfo } from '../ipam/index.js';

/** The output formats of `vnetsim check`. */
export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;

/** One output format of `vnetsim check`. */
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** How one file of a check run ended: checked, or refused as input (its diagnostics are then the refusal). */
export interface FileOutcome {
  file: string;
  isRefused: boolean;
  /** How many refusal diagnostics the file got (0 when checked). */
  refusals: number;
}

/** The SARIF version CI code-scanning uploads accept, and its JSON schema. */
const SARIF_VERSION = '2.1.0';
const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const TOOL_NAME = 'vnetsim';

/** SARIF has no "info" level; "note" is its equivalent. */
const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Compiler-style lines (`file:line:col: severity rule: message`), a count of what each file left out, a summary. */
export function formatCheckText(capped: CappedDiagnostics, files: readonly FileOutcome[]): string {
  const lines: string[] = [];
  let previous: string | undefined;
  const closeFile = (file: string | undefined) => {
    const left = file === undefined ? 0 : (capped.omitted.get(file) ?? 0);
    if (left > 0 && file !== undefined) lines.push(formatOmittedLine(file, left));
  };
  for (const d of capped.shown) {
    if (d.file !== previous) closeFile(previous);
    previous = d.file;
    lines.push(formatDiagnostic(d));
  }
  closeFile(previous);
  lines.push(summarizeCheck(capped.counts, files));
  return `${lines.join('\n')}\n`;
}

/** `N errors, N warnings, N info in N files` (and how many were refused), the last line of text output. */
export function summarizeCheck(counts: Record<Severity, number>, files: readonly FileOutcome[]): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const refused = files.filter((f) => f.isRefused).length;
  return (
    `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info ` +
    `in ${plural(files.length, 'file')}${refused > 0 ? ` (${refused} refused as input)` : ''}`
  );
}

/** `{ "diagnostics": [...], "files": [...] }`, pretty-printed; a refused file's refusal is among the diagnostics. */
export function formatCheckJson(capped: CappedDiagnostics, files: readonly FileOutcome[]): string {
  const fileList = files.map((f) => ({
    file: f.file,
    status: f.isRefused ? 'refused' : 'checked',
    omittedDiagnostics: capped.omitted.get(f.file) ?? 0,
  }));
  return `${JSON.stringify({ diagnostics: capped.shown, files: fileList }, null, 2)}\n`;
}

/**
 * A SARIF 2.1.0 log with one run: the rule catalogue as `tool.driver.rules`, one result per diagnostic (the other
 * side of a conflict as `relatedLocations`), and each refused file's refusal also as a located tool-execution
 * notification of an unsuccessful invocation.
 */
export function formatCheckSarif(
  capped: CappedDiagnostics,
  files: readonly FileOutcome[],
  rules: readonly RuleInfo[],
  version: string,
): string {
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const refused = new Set(files.filter((f) => f.isRefused).map((f) => f.file));
  const log = {
    version: SARIF_VERSION,
    $schema: SARIF_SCHEMA_URI,
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: refused.size === 0,
            toolExecutionNotifications: capped.shown
              .filter((d) => refused.has(d.file))
              .map((d) => ({ level: 'error', message: { text: d.message }, descriptor: { id: d.rule }, locations: [sarifLocation(d)] })),
          },
        ],
        results: capped.shown.map((d) => ({
          ruleId: d.rule,
          ...(ruleIndex.has(d.rule) ? { ruleIndex: ruleIndex.get(d.rule) } : {}),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [sarifLocation(d)],
          ...(d.related === undefined || d.related.length === 0
            ? {}
            : { relatedLocations: d.related.map((r, id) => ({ id, ...sarifLocation(r), message: { text: r.message } })) }),
          ...(d.objects.length > 0 ? { properties: { objects: d.objects } } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifLocation(at: Diagnostic | RelatedLocation) {
  return {
    physicalLocation: {
      artifactLocation: { uri: toArtifactUri(at.file) },
      region: { startLine: at.line, startColumn: at.column },
    },
  };
}

/** SARIF artifact URIs use forward slashes and percent-encoding (a Windows path must not leak backslashes). */
function toArtifactUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
