import { formatDiagnostic, type Diagnostic, type Severity } from '../common/index.js';
import type { RuleInfo } from '../ipam/index.js';

/** The output formats of `vnetsim check`. */
export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;

/** One output format of `vnetsim check`. */
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** The SARIF version CI code-scanning uploads accept, and its JSON schema. */
const SARIF_VERSION = '2.1.0';
const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const TOOL_NAME = 'vnetsim';

/** SARIF has no "info" level; "note" is its equivalent. */
const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Compiler-style lines (`file:line:col: severity rule: message`) and a summary line. */
export function formatCheckText(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const lines = diagnostics.map(formatDiagnostic);
  lines.push(summarizeCheck(diagnostics, fileCount));
  return `${lines.join('\n')}\n`;
}

/** `N errors, N warnings, N info in N files`, the last line of text output. */
export function summarizeCheck(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info ` +
    `in ${plural(fileCount, 'file')}`
  );
}

/** `{ "diagnostics": [...] }`, pretty-printed. */
export function formatCheckJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify({ diagnostics }, null, 2)}\n`;
}

/** A SARIF 2.1.0 log with one run, the rule catalogue as `tool.driver.rules` and one result per diagnostic. */
export function formatCheckSarif(diagnostics: readonly Diagnostic[], rules: readonly RuleInfo[], version: string): string {
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
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
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ...(ruleIndex.has(d.rule) ? { ruleIndex: ruleIndex.get(d.rule) } : {}),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toArtifactUri(d.file) },
                region: { startLine: d.line, startColumn: d.column },
              },
            },
          ],
          ...(d.objects.length > 0 ? { properties: { objects: d.objects } } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** SARIF artifact URIs use forward slashes and percent-encoding (a Windows path must not leak backslashes). */
function toArtifactUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
