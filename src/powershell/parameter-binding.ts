import type { Position } from './ast.js';
import type { Cmdlet, CmdletParameter } from './cmdlet.js';
import { RuntimeFailure } from './runtime-error.js';
import { PsHashtable, PsObject } from './values.js';

/** A command element after evaluation: `-Name` (maybe with `:value`) or a value. */
export type EvaluatedElement =
  | { kind: 'parameter'; name: string; text: string; value: unknown; hasValue: boolean; pos: Position }
  | { kind: 'argument'; value: unknown; pos: Position };

/**
 * The elements `@name` stands for (about_Splatting): a hashtable's entries become `-Key:value` parameters in its
 * enumeration order, an array's items positional arguments, `$null` nothing, any other value one argument.
 */
export function splatElements(value: unknown, pos: Position): EvaluatedElement[] {
  if (value === null || value === undefined) return [];
  if (value instanceof PsHashtable) {
    return value.list().map(({ key, value: argument }) => ({ kind: 'parameter', name: String(key), text: `-${String(key)}`, value: argument, hasValue: true, pos }));
  }
  if (Array.isArray(value)) return value.map((item: unknown) => ({ kind: 'argument', value: item, pos }));
  return [{ kind: 'argument', value, pos }];
}

/** The parameters every cmdlet accepts (about_CommonParameters). */
export const COMMON_PARAMETERS: readonly CmdletParameter[] = [
  { name: 'ErrorAction', aliases: ['ea'] }, { name: 'WarningAction', aliases: ['wa'] }, { name: 'ErrorVariable', aliases: ['ev'] },
  { name: 'WarningVariable', aliases: ['wv'] }, { name: 'OutVariable', aliases: ['ov'] }, { name: 'OutBuffer', aliases: ['ob'] },
  { name: 'Verbose', aliases: ['vb'], isSwitch: true }, { name: 'Debug', aliases: ['db'], isSwitch: true },
];

/** Arguments bound by name and position, before pipeline input. */
export interface BoundArguments {
  values: Map<string, unknown>;
  /** Positional arguments no parameter took (a simple function's `$args`). */
  extra: unknown[];
}

function bindingError(message: string, errorId: string): RuntimeFailure {
  return new RuntimeFailure(message, 'InvalidArgument', errorId, 'ParameterBindingException');
}

/** Finds a parameter by exact name or alias, then by unique prefix (spec §8.14.2), else fails as PowerShell does. */
export function resolveParameter(parameters: readonly CmdletParameter[], written: string): CmdletParameter {
  const lower = written.toLowerCase();
  const exact = parameters.find((p) => p.name.toLowerCase() === lower || p.aliases?.some((a) => a.toLowerCase() === lower));
  if (exact !== undefined) return exact;
  const prefixed = parameters.filter((p) => p.name.toLowerCase().startsWith(lower));
  if (prefixed.length === 1 && prefixed[0] !== undefined) return prefixed[0];
  if (prefixed.length > 1) {
    throw bindingError(`Parameter cannot be processed because the parameter name '${written}' is ambiguous. Possible matches include: ${prefixed.map((p) => `-${p.name}`).join(' ')}.`, 'AmbiguousParameter');
  }
  throw bindingError(`A parameter cannot be found that matches parameter name '${written}'.`, 'NamedParameterNotFound');
}

/** Binds named and positional arguments to a cmdlet's parameters (pipeline input binds later, per object). */
export function bindArguments(declared: readonly CmdletParameter[], elements: readonly EvaluatedElement[], options: { common: boolean; collectExtra: boolean } = { common: true, collectExtra: false }): BoundArguments {
  const parameters = options.common ? [...declared, ...COMMON_PARAMETERS] : declared;
  const extra: unknown[] = [];
  const values = new Map<string, unknown>();
  const positional: unknown[] = [];
  for (let i = 0; i < elements.length; i += 1) {
    const element = elements[i];
    if (element === undefined) continue;
    if (element.kind === 'argument') {
      positional.push(element.value);
      continue;
    }
    const parameter = resolveParameter(parameters, element.name);
    if (values.has(parameter.name)) throw bindingError(`Cannot bind parameter because parameter '${parameter.name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`, 'ParameterAlreadyBound');
    if (parameter.isSwitch) {
      values.set(parameter.name, element.hasValue ? element.value : true);
      continue;
    }
    if (element.hasValue) {
      values.set(parameter.name, element.value);
      continue;
    }
    const next = elements[i + 1];
    if (next === undefined || next.kind !== 'argument') {
      throw bindingError(`Missing an argument for parameter '${parameter.name}'. Specify a parameter of type 'System.Object' and try again.`, 'MissingArgument');
    }
    values.set(parameter.name, next.value);
    i += 1;
  }
  const byPosition = declared.filter((p) => p.position !== undefined && !values.has(p.name)).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const remaining = declared.find((p) => p.remaining === true && !values.has(p.name));
  for (const [i, value] of positional.entries()) {
    if (remaining !== undefined && (byPosition[0] === undefined || byPosition[0] === remaining)) {
      const rest = positional.slice(i);
      values.set(remaining.name, rest.length === 1 ? rest[0] : rest);
      break;
    }
    const parameter = byPosition.shift();
    if (parameter === undefined && options.collectExtra) extra.push(value);
    else if (parameter === undefined) {
      throw bindingError(`A positional parameter cannot be found that accepts argument '${describeArgument(value)}'.`, 'PositionalParameterNotFound');
    }
    else values.set(parameter.name, value);
  }
  return { values, extra };
}

function describeArgument(value: unknown): string {
  if (Array.isArray(value)) return 'System.Object[]';
  return String(value ?? '$null');
}

/** Fails when a mandatory parameter is still unbound after pipeline binding. */
export function checkMandatory(declared: readonly CmdletParameter[], values: ReadonlyMap<string, unknown>): void {
  const missing = declared.filter((p) => p.mandatory === true && !values.has(p.name)).map((p) => p.name);
  if (missing.length > 0) {
    throw bindingError(`Cannot process command because of one or more missing mandatory parameters: ${missing.join(' ')}.`, 'MissingMandatoryParameter');
  }
}

/** Binds one pipeline object to a cmdlet's parameters (about_Parameters, "Accepts pipeline input"): ByValue first, then ByPropertyName. */
export function bindPipelineInput(cmdlet: Cmdlet, values: Map<string, unknown>, item: unknown): void {
  const byValue = cmdlet.parameters.find((p) => (p.pipeline === 'value' || p.pipeline === 'both') && !values.has(p.name));
  if (byValue !== undefined) {
    values.set(byValue.name, item);
    return;
  }
  if (!(item instanceof PsObject)) return;
  for (const p of cmdlet.parameters) {
    if ((p.pipeline === 'property' || p.pipeline === 'both') && !values.has(p.name)) {
      const name = [p.name, ...(p.aliases ?? [])].find((n) => item.has(n));
      if (name !== undefined) values.set(p.name, item.get(name));
    }
  }
}
