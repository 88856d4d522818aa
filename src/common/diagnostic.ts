/** Where a thing was written: a file and a 1-based line and column. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

/** How bad a finding is; only `error` makes `check` exit 1. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding about user input or a refused command, always pointing at the source that caused it. */
export interface Diagnostic {
  /** Stable rule or refusal code, part of the public contract (e.g. `subnet-overlap`). */
  rule: string;
  severity: Severity;
  /** Names every object involved and says what to change. */
  message: string;
  file: string;
  line: number;
  column: number;
  /** Names of the scenario objects involved, e.g. `vnet:HubVNet`, `subnet:HubVNet/FrontEnd`. */
  objects: string[];
  /** Where the other objects of a conflict were written (SARIF `relatedLocations`); absent when there are none. */
  related?: RelatedLocation[];
}

/** The other side of a finding: another object's position and what it is. */
export interface RelatedLocation extends SourceRef {
  /** What is at that position, e.g. `VNet Lab 172.16.0.0/16`. */
  message: string;
}

/** Builds a diagnostic at a source position. */
export function diagnosticAt(
  at: SourceRef,
  rule: string,
  severity: Severity,
  message: string,
  objects: string[] = [],
): Diagnostic {
  return { rule, severity, message, file: at.file, line: at.line, column: at.column, objects };
}

/** The longest message a printed diagnostic line carries; longer ones (a huge unclosed-tag excerpt) are cut. */
export const MAX_MESSAGE_CHARS = 1_000;

/** Cuts a message to MAX_MESSAGE_CHARS, saying how much was left out, so no printed line grows without bound. */
export function capMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  return `${message.slice(0, MAX_MESSAGE_CHARS)}… (${message.length - MAX_MESSAGE_CHARS} more characters)`;
}

/** Formats a diagnostic the way compilers do: `file:line:column: severity rule: message` (message capped). */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.rule}: ${capMessage(d.message)}`;
}

/**
 * Thrown by loaders when input cannot be read or parsed at all (malformed YAML/XML, unknown keys, wrong types).
 * The CLI turns it into `file:line:column: message` lines on stderr and exit code 2, never a stack trace.
 */
export class InputError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
    this.diagnostics = diagnostics;
  }
}
