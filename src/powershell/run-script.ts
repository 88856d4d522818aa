import { makeCmdletTable, type Cmdlet } from './cmdlet.js';
import { FILE_CMDLETS } from './file-cmdlets.js';
import { HOST_CMDLETS } from './host-cmdlets.js';
import type { PsHost } from './host.js';
import { Interpreter, type ScriptOutcome } from './interpreter.js';
import type { FormatView } from './output-format.js';
import { parseScript } from './parser.js';
import { PIPELINE_CMDLETS } from './pipeline-cmdlets.js';
import { PsSyntaxError } from './syntax-error.js';

/** What a script run needs besides its text and host. */
export interface ScriptRunOptions {
  /** The cmdlets of the modules the script uses (the Azure module); the built-in ones are always there. */
  cmdlets?: readonly Cmdlet[];
  views?: ReadonlyMap<string, FormatView>;
  placeholders?: ReadonlyMap<string, string>;
  params?: ReadonlyMap<string, unknown>;
}

/** How a run ended, with the exit code `vnetsim ps` gives it: 0 ran to its end, 1 stopped on an error, 2 cannot run. */
export type ScriptRunResult =
  | { exitCode: 0 | 1; outcome: ScriptOutcome }
  | { exitCode: 2; outcome: ScriptOutcome | { kind: 'syntax'; error: PsSyntaxError } };

/** Parses and runs a script on a host; parse errors and unsupported constructs are results, not exceptions. */
export function runScriptText(text: string, host: PsHost, options: ScriptRunOptions = {}): ScriptRunResult {
  const parse = { placeholders: options.placeholders };
  let block;
  try {
    block = parseScript(text, parse);
  } catch (error) {
    if (error instanceof PsSyntaxError) return { exitCode: 2, outcome: { kind: 'syntax', error } };
    throw error;
  }
  const cmdlets = makeCmdletTable(PIPELINE_CMDLETS, HOST_CMDLETS, FILE_CMDLETS, options.cmdlets ?? []);
  const interpreter = new Interpreter(host, cmdlets, text, { parse, ...(options.views === undefined ? {} : { views: options.views }) });
  const outcome = interpreter.run(block, options.params ?? new Map());
  if (outcome.kind === 'unsupported') return { exitCode: 2, outcome };
  if (outcome.kind === 'terminated') return { exitCode: 1, outcome };
  return { exitCode: outcome.exitCode === 0 ? 0 : 1, outcome };
}
