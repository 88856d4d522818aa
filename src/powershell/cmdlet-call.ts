import type { Position } from './ast.js';
import type { CmdletCall } from './cmdlet.js';
import { toStr } from './convert.js';
import { PsError, type ScriptExtent } from './error-record.js';
import type { OutputSink } from './expression-evaluator.js';
import type { PsHost } from './host.js';
import { ConsoleFormatter, type FormatView } from './output-format.js';
import type { PsScriptBlock } from './values.js';

/** What a running cmdlet reaches of the interpreter: the console, the error list, script blocks. */
export interface CmdletCallHost {
  readonly host: PsHost;
  readonly views: ReadonlyMap<string, FormatView> | undefined;
  /** Console text after any pending formatted output. */
  writeConsole(text: string, newline: boolean): void;
  /** Shows an error and adds it to `$Error`. */
  reportError(error: PsError): void;
  /** Adds an error to `$Error` without showing it (-ErrorAction SilentlyContinue). */
  rememberError(record: unknown): void;
  invokeBlock(block: PsScriptBlock, dollarUnder: unknown, args: readonly unknown[]): unknown[];
}

/** One cmdlet invocation's fixed parts: who it is, where, its error and warning preferences, where output goes. */
export interface CmdletInvocation {
  name: string;
  pos: Position;
  extent: ScriptExtent;
  hasInput: boolean;
  sink: OutputSink;
  /** -ErrorAction (or $ErrorActionPreference), lower-case. */
  errorAction: string;
  warningAction: string;
  stop: () => void;
  /** Called with each error record the cmdlet writes (for -ErrorVariable and `$?`). */
  onError: (record: unknown) => void;
}

/** The CmdletCall a cmdlet body sees for one set of bound values and input objects. */
export function makeCmdletCall(callHost: CmdletCallHost, invocation: CmdletInvocation, values: ReadonlyMap<string, unknown>, items: readonly unknown[]): CmdletCall {
  return {
    name: invocation.name,
    pos: invocation.pos,
    has: (p) => values.has(p) && values.get(p) !== undefined,
    get: (p) => values.get(p) ?? null,
    input: items,
    hasPipelineInput: invocation.hasInput,
    output: invocation.sink,
    writeError: (failure, target) => {
      const error = new PsError({
        message: failure.message, category: failure.category, errorId: failure.errorId, exceptionType: failure.exceptionType, command: invocation.name, target: target ?? '', extent: invocation.extent,
      }, 'statement');
      invocation.onError(error.record);
      if (invocation.errorAction === 'stop') throw new PsError(error.details, 'script', error.record);
      if (invocation.errorAction === 'ignore') return;
      if (invocation.errorAction === 'silentlycontinue') callHost.rememberError(error.record);
      else callHost.reportError(error);
    },
    writeWarning: (text) => {
      if (invocation.warningAction !== 'silentlycontinue') callHost.writeConsole(`WARNING: ${text}`, true);
    },
    host: callHost.host,
    write: (text, newline) => callHost.writeConsole(text, newline),
    formatLines: (values) => {
      const lines: string[] = [];
      const formatter = new ConsoleFormatter((line) => lines.push(line), callHost.views);
      for (const value of values) formatter.write(value);
      formatter.flush();
      return lines;
    },
    invokeBlock: (block, dollarUnder, args = []) => callHost.invokeBlock(block, dollarUnder, args),
    stopUpstream: invocation.stop,
  };
}

/** `toStr` of a preference parameter, lower-case ('' when not given). */
export function readPreference(value: unknown): string {
  return toStr(value).toLowerCase();
}
