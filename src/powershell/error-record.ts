import type { Position } from './ast.js';
import { RuntimeFailure } from './runtime-error.js';
import { PsObject } from './values.js';

/** Where a statement was written, for the console's "At file:line char:col" block. */
export interface ScriptExtent {
  file: string;
  pos: Position;
  /** The source line, for the `+ ...` echo under the message. */
  lineText: string;
  /** How many characters the console underlines (the command's extent on its first line). */
  length?: number | undefined;
}

/** The pieces of an ErrorRecord the console prints and scripts read (`$_.Exception.Message`). */
export interface ErrorDetails {
  message: string;
  category: string;
  errorId: string;
  exceptionType: string;
  /** The command that raised it (`New-AzureVM`), empty for language errors. */
  command: string;
  /** The activity in CategoryInfo's brackets when it differs from `command` (empty for a command not found). */
  activity?: string | undefined;
  /** The target object shown in CategoryInfo, e.g. `(New-AzureMConfig:String)`. */
  target: string;
  extent: ScriptExtent | undefined;
}

/** `$_` in a catch block and each entry of `$Error`. */
export function makeErrorRecord(details: ErrorDetails): PsObject {
  const exception = new PsObject(details.exceptionType, { Message: details.message }, () => details.message);
  const record = new PsObject('System.Management.Automation.ErrorRecord', {
    Exception: exception,
    CategoryInfo: new PsObject('System.Management.Automation.ErrorCategoryInfo', { Category: details.category, Reason: details.exceptionType.split('.').pop() }, () => formatCategory(details)),
    FullyQualifiedErrorId: details.errorId,
    TargetObject: details.target === '' ? null : details.target,
    InvocationInfo: new PsObject('System.Management.Automation.InvocationInfo', {
      ScriptName: details.extent?.file ?? '', ScriptLineNumber: details.extent?.pos.line ?? 0, OffsetInLine: details.extent?.pos.column ?? 0, Line: details.extent?.lineText ?? '',
    }),
  }, () => details.message);
  record.method('ToString', () => details.message);
  return record;
}

function formatCategory(details: ErrorDetails): string {
  return `${details.category}: (${details.target}) [${details.activity ?? details.command}], ${details.exceptionType.split('.').pop() ?? ''}`;
}

/** The console's rendering of an error (PowerShell 3–5): message, position, the line with a `~` underline, category, id. */
export function formatErrorRecord(details: ErrorDetails): string[] {
  const lines = [details.command === '' ? details.message : `${details.command} : ${details.message}`];
  if (details.extent !== undefined) {
    const { file, pos, lineText } = details.extent;
    lines.push(`At ${file}:${pos.line} char:${pos.column}`);
    const tail = lineText.slice(pos.column - 1).replace(/\s+$/, '');
    const statementLength = tail.split(';')[0]?.trimEnd().length ?? tail.length;
    const extentLength = Math.max(1, Math.min(details.extent.length ?? statementLength, tail.length));
    lines.push(`+ ${lineText.trimEnd()}`);
    lines.push(`+ ${' '.repeat(Math.max(0, pos.column - 1))}${'~'.repeat(extentLength)}`);
  }
  lines.push(`    + CategoryInfo          : ${formatCategory(details)}`);
  lines.push(`    + FullyQualifiedErrorId : ${details.errorId}`);
  lines.push('');
  return lines;
}

/**
 * A thrown error inside the interpreter. `scope` says how far it unwinds: `statement` errors (a failed method call,
 * a command not found) end the statement and the script goes on; `script` errors (`throw`, `-ErrorAction Stop`)
 * unwind to the nearest try/catch or end the script.
 */
export class PsError extends Error {
  constructor(readonly details: ErrorDetails, readonly scope: 'statement' | 'script', readonly record: PsObject = makeErrorRecord(details), readonly unsupported = false) {
    super(details.message);
    this.name = 'PsError';
  }

  /** Wraps a RuntimeFailure raised by a member call or conversion at a position. */
  static from(failure: RuntimeFailure, command: string, extent: ScriptExtent | undefined): PsError {
    return new PsError({ message: failure.message, category: failure.category, errorId: failure.errorId, exceptionType: failure.exceptionType, command, target: '', extent }, 'statement', undefined, failure.kind === 'unsupported');
  }
}

/** `break` / `continue` travelling to their loop. */
export class LoopSignal {
  constructor(readonly kind: 'break' | 'continue', readonly label: string | undefined) {}
}

/** `return` travelling to its function or script block, carrying its value's output. */
export class ReturnSignal {
  constructor(readonly output: unknown[]) {}
}

/** `exit N` ending the script. */
export class ExitSignal {
  constructor(readonly code: number) {}
}
