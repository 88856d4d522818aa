import type { Position } from './ast.js';
import type { RuntimeFailure } from './runtime-error.js';
import type { PsHost } from './host.js';
import type { PsScriptBlock } from './values.js';

/** One parameter a cmdlet declares: how it binds by name, alias, position and from the pipeline. */
export interface CmdletParameter {
  name: string;
  aliases?: readonly string[];
  /** A switch takes no argument (`-Force`), or `-Force:$false`. */
  isSwitch?: boolean;
  position?: number;
  /** ByValue takes the input object itself; ByPropertyName its property of the parameter's name. */
  pipeline?: 'value' | 'property' | 'both';
  mandatory?: boolean;
  /** Takes every positional argument no other parameter took (Write-Host's -Object). */
  remaining?: boolean;
}

/** What a running cmdlet can do: read its bound arguments, emit output, raise errors, run script blocks. */
export interface CmdletCall {
  /** The cmdlet's name as resolved (for error messages). */
  readonly name: string;
  readonly pos: Position;
  /** True when the parameter was bound (by name, position or pipeline). */
  has(parameter: string): boolean;
  get(parameter: string): unknown;
  /** Every pipeline input object (for cmdlets that see the whole input: Sort-Object, Measure-Object). */
  readonly input: readonly unknown[];
  /** True when the cmdlet is not the first element of its pipeline. */
  readonly hasPipelineInput: boolean;
  output(value: unknown): void;
  /** A non-terminating error: honours -ErrorAction and $ErrorActionPreference, sets $? to false. */
  writeError(failure: RuntimeFailure, target?: string): void;
  writeWarning(text: string): void;
  /** The outside world: files, prompts, the simulated clock. */
  readonly host: PsHost;
  /** Writes console text; `newline: false` is Write-Host -NoNewline. */
  write(text: string, newline: boolean): void;
  /** Formats values as Out-Default would and returns the lines (Out-String, Format-Table). */
  formatLines(values: readonly unknown[]): string[];
  /** Runs a script block with `$_` set (ForEach-Object, Where-Object, calculated properties). */
  invokeBlock(block: PsScriptBlock, dollarUnder: unknown, args?: unknown[]): unknown[];
  /** Stops the commands before this one in the pipeline (Select-Object -First has all it needs); no effect without them. */
  stopUpstream(): void;
}

/** A cmdlet's run over pipeline input taken one object at a time, as its process block did. */
export interface CmdletStream {
  process(item: unknown): void;
  end(): void;
}

/** A cmdlet: its parameters, whether it runs once per pipeline object, and its body. */
export interface Cmdlet {
  name: string;
  parameters: readonly CmdletParameter[];
  /** Runs once per input object (binding pipeline parameters each time); otherwise once with all input. */
  perItem?: boolean;
  invoke(call: CmdletCall): void;
  /** With pipeline input: begins (its begin block), then takes each object as it arrives, then ends. */
  stream?: (call: CmdletCall) => CmdletStream;
}

/** The cmdlets a front end adds (the Azure module), keyed by lower-case name. */
export type CmdletTable = ReadonlyMap<string, Cmdlet>;

/** Builds a lookup table from cmdlet definitions. */
export function makeCmdletTable(...groups: readonly (readonly Cmdlet[])[]): Map<string, Cmdlet> {
  const table = new Map<string, Cmdlet>();
  for (const cmdlet of groups.flat()) table.set(cmdlet.name.toLowerCase(), cmdlet);
  return table;
}
