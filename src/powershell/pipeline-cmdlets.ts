import type { Cmdlet, CmdletCall, CmdletStream } from './cmdlet.js';
import { enumerate, toBool, toNumber, toStr } from './convert.js';
import { getMember } from './members.js';
import { applyBinary, compareEqual, compareOrder } from './operators.js';
import { RuntimeFailure } from './runtime-error.js';
import { PsHashtable, PsObject, PsScriptBlock } from './values.js';

/** The comparison switches of Where-Object's PowerShell 3 simplified syntax (`Where-Object Name -eq 'x'`). */
const WHERE_OPERATORS = ['EQ', 'NE', 'GT', 'GE', 'LT', 'LE', 'Like', 'NotLike', 'Match', 'NotMatch', 'Contains', 'NotContains', 'In', 'NotIn', 'CEQ', 'CLike'];

/** `$_.Name` for a property name, or the script block's value for a calculated property. */
function propertyValue(call: CmdletCall, item: unknown, selector: unknown): unknown {
  if (selector instanceof PsScriptBlock) {
    const output = call.invokeBlock(selector, item);
    return output.length === 1 ? output[0] : output.length === 0 ? null : output;
  }
  return getMember(item, toStr(selector));
}

const whereObject: Cmdlet = {
  name: 'Where-Object',
  perItem: true,
  parameters: [
    { name: 'FilterScript', position: 0 }, { name: 'Property', position: 0 }, { name: 'Value', position: 1 }, { name: 'InputObject', pipeline: 'value' },
    ...WHERE_OPERATORS.map((name) => ({ name, isSwitch: true })),
  ],
  invoke(call) {
    const item = call.get('InputObject');
    const script = call.get('FilterScript') ?? call.get('Property');
    if (script instanceof PsScriptBlock) {
      if (toBool(call.invokeBlock(script, item)[0] ?? null)) call.output(item);
      return;
    }
    const operator = WHERE_OPERATORS.find((op) => call.has(op));
    const value = getMember(item, toStr(script));
    const keep = operator === undefined ? toBool(value) : toBool(applyBinary(operator.toLowerCase(), value, call.get('Value'), { setMatches: () => undefined }));
    if (keep) call.output(item);
  },
};

// ForEach-Object -Begin {…} -Process {…} -End {…}: the process block runs for each object as it arrives.
function streamForEach(call: CmdletCall): CmdletStream {
  const emit = (values: unknown[]): void => {
    for (const v of values) call.output(v);
  };
  const begin = call.get('Begin');
  if (begin instanceof PsScriptBlock) emit(call.invokeBlock(begin, null));
  const process = call.get('Process') ?? call.get('MemberName');
  return {
    process: (item) => {
      if (process instanceof PsScriptBlock) emit(call.invokeBlock(process, item));
      else if (Array.isArray(process) && process.every((p) => p instanceof PsScriptBlock)) for (const block of process) emit(call.invokeBlock(block as PsScriptBlock, item));
      else if (process !== null) emit(enumerate(getMember(item, toStr(process))));
    },
    end: () => {
      const end = call.get('End');
      if (end instanceof PsScriptBlock) emit(call.invokeBlock(end, null));
    },
  };
}

const forEachObject: Cmdlet = {
  name: 'ForEach-Object',
  parameters: [{ name: 'Process', position: 0, remaining: true }, { name: 'Begin' }, { name: 'End' }, { name: 'MemberName' }, { name: 'InputObject', pipeline: 'value' }],
  invoke(call) {
    const stream = streamForEach(call);
    for (const item of enumerate(call.get('InputObject'))) stream.process(item);
    stream.end();
  },
  stream: streamForEach,
};

// A calculated property: @{Name='x'; Expression={...}} with the short keys n/l/e (about_Calculated_Properties).
function readCalculated(table: PsHashtable): { name: string; selector: unknown } {
  const key = (names: string[]): unknown => names.map((n) => (table.has(n) ? table.get(n) : undefined)).find((v) => v !== undefined);
  const name = key(['Name', 'n', 'Label', 'l']);
  const selector = key(['Expression', 'e']);
  if (selector === undefined) throw new RuntimeFailure('The Expression key is missing in a calculated property.', 'InvalidArgument', 'DictionaryKeyMissingExpression', 'NotSupportedException');
  return { name: toStr(name ?? selector), selector };
}

// -Property (names, `*`, calculated properties) and -ExpandProperty applied to one object.
function project(call: CmdletCall, item: unknown): unknown[] {
  const properties = call.has('Property') ? enumerate(call.get('Property')) : [];
  let result: unknown = item;
  if (properties.length > 0) {
    const selected = new PsObject(`Selected.${item instanceof PsObject ? item.typeName : 'System.Object'}`);
    for (const property of properties) {
      if (property instanceof PsHashtable) {
        const { name, selector } = readCalculated(property);
        selected.set(name, propertyValue(call, item, selector));
      } else if (toStr(property) === '*' && item instanceof PsObject) {
        for (const name of item.names()) selected.set(name, item.get(name));
      } else selected.set(toStr(property), propertyValue(call, item, property));
    }
    result = selected;
  }
  if (!call.has('ExpandProperty')) return [result];
  const name = toStr(call.get('ExpandProperty'));
  if (item instanceof PsObject && !item.has(name)) {
    call.writeError(new RuntimeFailure(`Property "${name}" cannot be found.`, 'InvalidArgument', 'ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand', 'PSArgumentException'));
    return [];
  }
  return enumerate(getMember(item, name));
}

// Select-Object over the whole input: -Skip, -First/-Last, -Index, then the projection and -Unique.
function selectAll(call: CmdletCall, input: readonly unknown[]): void {
  let items = [...input];
  if (call.has('Skip')) items = items.slice(toNumber(call.get('Skip')));
  if (call.has('First') || call.has('Last')) {
    const first = call.has('First') ? items.slice(0, toNumber(call.get('First'))) : [];
    const last = call.has('Last') ? items.slice(Math.max(0, items.length - toNumber(call.get('Last')))) : [];
    items = [...first, ...last];
  }
  if (call.has('Index')) items = enumerate(call.get('Index')).map((i) => items[toNumber(i)]).filter((v) => v !== undefined);
  const results = items.flatMap((item) => project(call, item));
  const kept = call.has('Unique') ? results.filter((v, i) => results.findIndex((w) => compareEqual(w, v, true)) === i) : results;
  for (const value of kept) call.output(value);
}

// Without -Last, -Index or -Unique, objects go through as they arrive and -First stops the commands before it once
// it has its objects (PowerShell 3's StopUpstreamCommandsException: `Get-AzureVM | Select -First 1` asks for one VM).
function streamSelect(call: CmdletCall): CmdletStream {
  const buffered: unknown[] = [];
  if (call.has('Last') || call.has('Index') || call.has('Unique')) return { process: (item) => void buffered.push(item), end: () => selectAll(call, buffered) };
  let skip = call.has('Skip') ? toNumber(call.get('Skip')) : 0;
  let remaining = call.has('First') ? toNumber(call.get('First')) : Infinity;
  if (remaining <= 0) call.stopUpstream();
  return {
    process: (item) => {
      if (remaining <= 0) return;
      if (skip > 0) {
        skip -= 1;
        return;
      }
      remaining -= 1;
      for (const value of project(call, item)) call.output(value);
      if (remaining <= 0) call.stopUpstream();
    },
    end: () => undefined,
  };
}

const selectObject: Cmdlet = {
  name: 'Select-Object',
  parameters: [
    { name: 'Property', position: 0 }, { name: 'First' }, { name: 'Last' }, { name: 'Skip' }, { name: 'ExpandProperty' }, { name: 'Unique', isSwitch: true },
    { name: 'Index' }, { name: 'InputObject', pipeline: 'value' },
  ],
  invoke(call) {
    selectAll(call, enumerate(call.get('InputObject')));
  },
  stream: streamSelect,
};

const sortObject: Cmdlet = {
  name: 'Sort-Object',
  parameters: [{ name: 'Property', position: 0 }, { name: 'Descending', isSwitch: true }, { name: 'Unique', isSwitch: true }, { name: 'CaseSensitive', isSwitch: true }, { name: 'InputObject', pipeline: 'value' }],
  invoke(call) {
    const items = [...(call.hasPipelineInput ? call.input : enumerate(call.get('InputObject')))];
    const properties = call.has('Property') ? enumerate(call.get('Property')) : [];
    const descending = toBool(call.get('Descending'));
    const keyOf = (item: unknown): unknown[] => (properties.length === 0 ? [item] : properties.map((p) => {
      if (p instanceof PsHashtable) return propertyValue(call, item, readCalculated(p).selector);
      return propertyValue(call, item, p);
    }));
    const keyed = items.map((item) => ({ item, key: keyOf(item) }));
    keyed.sort((a, b) => {
      for (let i = 0; i < a.key.length; i += 1) {
        const order = compareOrder(a.key[i], b.key[i], toBool(call.get('CaseSensitive')));
        if (order !== 0) return descending ? -order : order;
      }
      return 0;
    });
    let sorted = keyed.map((k) => k.item);
    if (call.has('Unique')) sorted = sorted.filter((v, i) => i === 0 || !compareEqual(v, sorted[i - 1]));
    for (const item of sorted) call.output(item);
  },
};

const measureObject: Cmdlet = {
  name: 'Measure-Object',
  parameters: [{ name: 'Property', position: 0 }, { name: 'Sum', isSwitch: true }, { name: 'Average', isSwitch: true }, { name: 'Maximum', isSwitch: true }, { name: 'Minimum', isSwitch: true }, { name: 'InputObject', pipeline: 'value' }],
  invoke(call) {
    const items = call.hasPipelineInput ? call.input : enumerate(call.get('InputObject'));
    const property = call.has('Property') ? toStr(call.get('Property')) : undefined;
    const values = items.map((item) => (property === undefined ? item : getMember(item, property))).filter((v) => v !== null);
    const numbers = () => values.map((v) => toNumber(v, 'System.Double'));
    const result = new PsObject('Microsoft.PowerShell.Commands.GenericMeasureInfo', {
      Count: values.length,
      Average: call.has('Average') ? numbers().reduce((a, b) => a + b, 0) / Math.max(1, values.length) : null,
      Sum: call.has('Sum') ? numbers().reduce((a, b) => a + b, 0) : null,
      Maximum: call.has('Maximum') ? Math.max(...numbers()) : null,
      Minimum: call.has('Minimum') ? Math.min(...numbers()) : null,
      Property: property ?? null,
    });
    call.output(result);
  },
};

const groupObject: Cmdlet = {
  name: 'Group-Object',
  parameters: [{ name: 'Property', position: 0 }, { name: 'InputObject', pipeline: 'value' }],
  invoke(call) {
    const groups = new Map<string, unknown[]>();
    for (const item of call.input) {
      const key = toStr(propertyValue(call, item, call.get('Property')));
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    for (const [name, group] of groups) call.output(new PsObject('Microsoft.PowerShell.Commands.GroupInfo', { Count: group.length, Name: name, Group: group }));
  },
};

const writeOutput: Cmdlet = {
  name: 'Write-Output',
  parameters: [{ name: 'InputObject', position: 0, remaining: true, pipeline: 'value' }, { name: 'NoEnumerate', isSwitch: true }],
  invoke(call) {
    const values = call.hasPipelineInput ? call.input : enumerate(call.get('InputObject'));
    for (const value of values) call.output(value);
  },
};

const outNull: Cmdlet = { name: 'Out-Null', parameters: [{ name: 'InputObject', pipeline: 'value' }], invoke() { /* discards its input, which is the point */ } };

function formatAs(kind: 'table' | 'list'): Cmdlet {
  return {
    name: kind === 'table' ? 'Format-Table' : 'Format-List',
    parameters: [{ name: 'Property', position: 0 }, { name: 'AutoSize', isSwitch: true }, { name: 'Wrap', isSwitch: true }, { name: 'InputObject', pipeline: 'value' }],
    invoke(call) {
      const properties = call.has('Property') ? enumerate(call.get('Property')) : undefined;
      const items = call.hasPipelineInput ? call.input : enumerate(call.get('InputObject'));
      const shaped = items.map((item) => {
        if (properties === undefined && !(item instanceof PsObject)) return item;
        const names = properties ?? (item instanceof PsObject ? item.names() : []);
        const typeName = `${item instanceof PsObject ? item.typeName : 'System.Object'}#${kind}`;
        const object = new PsObject(typeName);
        for (const p of names) {
          if (p instanceof PsHashtable) {
            const { name, selector } = readCalculated(p);
            object.set(name, propertyValue(call, item, selector));
          } else object.set(toStr(p), propertyValue(call, item, p));
        }
        return object;
      });
      for (const line of call.formatLines(shaped)) call.output(line);
    },
  };
}

const outString: Cmdlet = {
  name: 'Out-String',
  parameters: [{ name: 'InputObject', pipeline: 'value' }, { name: 'Stream', isSwitch: true }, { name: 'Width' }],
  invoke(call) {
    const lines = call.formatLines(call.hasPipelineInput ? call.input : enumerate(call.get('InputObject')));
    if (call.has('Stream')) for (const line of lines) call.output(line);
    else call.output(`${lines.join('\r\n')}\r\n`);
  },
};

const getMemberCmdlet: Cmdlet = {
  name: 'Get-Member',
  parameters: [{ name: 'Name', position: 0 }, { name: 'InputObject', pipeline: 'value' }, { name: 'MemberType' }],
  invoke(call) {
    const first = call.input[0];
    if (first instanceof PsObject) for (const name of first.names()) call.output(new PsObject('Microsoft.PowerShell.Commands.MemberDefinition', { Name: name, MemberType: 'NoteProperty', Definition: `${name}=${toStr(first.get(name))}` }));
  },
};

/** The object-pipeline cmdlets of Microsoft.PowerShell.Utility and Core. */
export const PIPELINE_CMDLETS: readonly Cmdlet[] = [
  whereObject, forEachObject, selectObject, sortObject, measureObject, groupObject, writeOutput, outNull, formatAs('table'), formatAs('list'), outString, getMemberCmdlet,
];
