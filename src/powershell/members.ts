import { enumerate, formatNumber, toNumber, toStr, typeNameOf } from './convert.js';
import { formatComposite } from './format-operator.js';
import { RuntimeFailure } from './runtime-error.js';
import { PsDate, PsHashtable, PsObject, PsScriptBlock, PsSecureString, formatDate } from './values.js';
import { XmlNode } from './xml-dom.js';
import { getXmlMember, invokeXmlMethod, setXmlMember, type XmlFileAccess } from './xml-members.js';
import { XmlNamespaceManager } from './xml-xpath.js';

/** What member calls need from the interpreter: files, the simulated time, and running a script block. */
export interface MemberHost {
  files: XmlFileAccess;
  nowMs(): number;
  invokeBlock(block: PsScriptBlock, args: unknown[]): unknown[];
}

/** `$value.Name` with PowerShell's rules, including member enumeration over arrays (PowerShell 3). */
export function getMember(value: unknown, name: string): unknown {
  const lower = name.toLowerCase();
  if (value === null || value === undefined) return null;
  if (value instanceof XmlNode) return getXmlMember(value, name);
  if (Array.isArray(value)) {
    if (lower === 'count' || lower === 'length') return value.length;
    const collected = value.flatMap((item) => enumerate(getMember(item, name)));
    return collected.length === 1 ? collected[0] : collected;
  }
  if (value instanceof PsHashtable) {
    if (value.has(name)) return value.get(name);
    if (lower === 'count') return value.count;
    if (lower === 'keys') return value.keys();
    if (lower === 'values') return value.values();
    return null;
  }
  if (value instanceof PsObject) return value.get(name);
  if (typeof value === 'string' && lower === 'length') return value.length;
  if (value instanceof PsDate) return dateMember(value, lower);
  if (value instanceof PsSecureString && lower === 'length') return value.plain.length;
  if (lower === 'count' || lower === 'length') return 1;
  return null;
}

function dateMember(date: PsDate, lower: string): unknown {
  const d = new Date(date.ms);
  const members: Record<string, unknown> = {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(), dayofweek: formatDate(date.ms, 'dddd'), date: new PsDate(date.ms - (date.ms % 86_400_000)),
    ticks: date.ms * 10_000 + 621_355_968_000_000_000,
  };
  return members[lower] ?? null;
}

/** `$value.Name = x`. */
export function setMember(target: unknown, name: string, value: unknown): void {
  if (target instanceof XmlNode) return setXmlMember(target, name, value);
  if (target instanceof PsHashtable) return target.set(name, value);
  if (target instanceof PsObject) {
    if (!target.has(name)) throw new RuntimeFailure(`The property '${name}' cannot be found on this object. Verify that the property exists and can be set.`, 'InvalidOperation', 'PropertyAssignmentException', 'RuntimeException');
    return target.set(name, value);
  }
  throw new RuntimeFailure(`The property '${name}' cannot be found on this object. Verify that the property exists and can be set.`, 'InvalidOperation', 'PropertyNotFound', 'RuntimeException');
}

/** `$value.Method(args)`: the string, array, hashtable, date, XML and object methods scripts call. */
export function invokeMethod(value: unknown, name: string, args: unknown[], host: MemberHost): unknown {
  const lower = name.toLowerCase();
  if (lower === 'gettype') return new PsObject('System.RuntimeType', { Name: typeNameOf(value).split('.').pop(), FullName: typeNameOf(value) }, () => typeNameOf(value));
  if (value instanceof XmlNode) return invokeXmlMethod(value, name, args, host.files);
  if (value instanceof XmlNamespaceManager && lower === 'addnamespace') {
    value.prefixes.set(toStr(args[0]), toStr(args[1]));
    return null;
  }
  if (value instanceof PsObject) {
    const method = value.methods.get(lower);
    if (method !== undefined) return method(args);
    if (lower === 'tostring') return value.toString();
  }
  if (typeof value === 'string') return stringMethod(value, lower, args, name);
  if (Array.isArray(value)) return arrayMethod(value, lower, args, name);
  if (value instanceof PsHashtable) return hashtableMethod(value, lower, args, name);
  if (value instanceof PsDate) return dateMethod(value, lower, args, name);
  if (value instanceof PsScriptBlock && (lower === 'invoke' || lower === 'invokereturnasis')) return host.invokeBlock(value, args);
  if (typeof value === 'number' && lower === 'tostring') return args.length > 0 ? formatComposite(`{0:${toStr(args[0])}}`, [value]) : formatNumber(value);
  if (lower === 'tostring') return toStr(value);
  if (lower === 'equals') return toStr(value) === toStr(args[0]);
  throw methodNotFound(value, name);
}

function methodNotFound(value: unknown, name: string): RuntimeFailure {
  if (value === null || value === undefined) return new RuntimeFailure('You cannot call a method on a null-valued expression.', 'InvalidOperation', 'InvokeMethodOnNull', 'RuntimeException');
  return new RuntimeFailure(`Method invocation failed because [${typeNameOf(value)}] does not contain a method named '${name}'.`, 'InvalidOperation', 'MethodNotFound', 'RuntimeException');
}

function stringMethod(s: string, lower: string, args: unknown[], name: string): unknown {
  const a = (i: number): string => toStr(args[i]);
  switch (lower) {
    case 'toupper': case 'toupperinvariant': return s.toUpperCase();
    case 'tolower': case 'tolowerinvariant': return s.toLowerCase();
    case 'trim': return args.length === 0 ? s.trim() : trimChars(s, a(0), true, true);
    case 'trimstart': return args.length === 0 ? s.trimStart() : trimChars(s, a(0), true, false);
    case 'trimend': return args.length === 0 ? s.trimEnd() : trimChars(s, a(0), false, true);
    case 'split': return s.split(new RegExp(`[${[...enumerate(args[0]).map(toStr).join('')].map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('')}]`));
    case 'replace': return s.split(a(0)).join(a(1));
    case 'contains': return s.includes(a(0));
    case 'startswith': return s.startsWith(a(0));
    case 'endswith': return s.endsWith(a(0));
    case 'indexof': return s.indexOf(a(0));
    case 'lastindexof': return s.lastIndexOf(a(0));
    case 'substring': return args.length > 1 ? s.substr(toNumber(args[0]), toNumber(args[1])) : s.slice(toNumber(args[0]));
    case 'padleft': return s.padStart(toNumber(args[0]), args.length > 1 ? a(1) : ' ');
    case 'padright': return s.padEnd(toNumber(args[0]), args.length > 1 ? a(1) : ' ');
    case 'tostring': return s;
    case 'equals': return s === a(0);
    case 'compareto': return s.localeCompare(a(0));
    case 'insert': return s.slice(0, toNumber(args[0])) + a(1) + s.slice(toNumber(args[0]));
    case 'remove': return args.length > 1 ? s.slice(0, toNumber(args[0])) + s.slice(toNumber(args[0]) + toNumber(args[1])) : s.slice(0, toNumber(args[0]));
    case 'tochararray': return [...s];
    default: throw methodNotFound(s, name);
  }
}

function trimChars(s: string, chars: string, start: boolean, end: boolean): string {
  let from = 0;
  let to = s.length;
  while (start && from < to && chars.includes(s[from] ?? '')) from += 1;
  while (end && to > from && chars.includes(s[to - 1] ?? '')) to -= 1;
  return s.slice(from, to);
}

function arrayMethod(items: unknown[], lower: string, args: unknown[], name: string): unknown {
  switch (lower) {
    case 'contains': return items.some((i) => toStr(i) === toStr(args[0]));
    case 'indexof': return items.findIndex((i) => toStr(i) === toStr(args[0]));
    case 'add': case 'remove': case 'clear':
      throw new RuntimeFailure(`Exception calling "${name}" with "${args.length}" argument(s): "Collection was of a fixed size."`, 'NotSpecified', 'NotSupportedException', 'MethodInvocationException');
    case 'tostring': return 'System.Object[]';
    default: {
      const collected = items.map((item) => invokeMethod(item, name, args, { files: noFiles, nowMs: () => 0, invokeBlock: () => [] }));
      return collected;
    }
  }
}

const noFiles: XmlFileAccess = {
  readText: () => { throw new RuntimeFailure('Files cannot be read here.', 'InvalidOperation', 'NoFileAccess', 'RuntimeException'); },
  writeText: () => { throw new RuntimeFailure('Files cannot be written here.', 'InvalidOperation', 'NoFileAccess', 'RuntimeException'); },
};

function hashtableMethod(table: PsHashtable, lower: string, args: unknown[], name: string): unknown {
  switch (lower) {
    case 'add':
      if (table.has(args[0])) throw new RuntimeFailure(`Exception calling "Add" with "2" argument(s): "Item has already been added. Key in dictionary: '${toStr(args[0])}'  Key being added: '${toStr(args[0])}'"`, 'NotSpecified', 'ArgumentException', 'MethodInvocationException');
      table.set(args[0], args[1] ?? null);
      return null;
    case 'containskey': case 'contains': return table.has(args[0]);
    case 'containsvalue': return table.values().some((v) => toStr(v) === toStr(args[0]));
    case 'remove': table.delete(args[0]); return null;
    case 'clear': table.clear(); return null;
    case 'getenumerator': return table.list().map((e) => new PsObject('System.Collections.DictionaryEntry', { Name: e.key, Key: e.key, Value: e.value }));
    case 'tostring': return 'System.Collections.Hashtable';
    default: throw methodNotFound(table, name);
  }
}

function dateMethod(date: PsDate, lower: string, args: unknown[], name: string): unknown {
  const n = toNumber(args[0] ?? 0, 'System.Double');
  switch (lower) {
    case 'addseconds': return new PsDate(date.ms + n * 1000);
    case 'addminutes': return new PsDate(date.ms + n * 60_000);
    case 'addhours': return new PsDate(date.ms + n * 3_600_000);
    case 'adddays': return new PsDate(date.ms + n * 86_400_000);
    case 'addmilliseconds': return new PsDate(date.ms + n);
    case 'tostring': return args.length > 0 ? formatDate(date.ms, toStr(args[0])) : date.toString();
    case 'touniversaltime': case 'tolocaltime': return date;
    case 'subtract': return args[0] instanceof PsDate ? timeSpan(date.ms - args[0].ms) : new PsDate(date.ms - n);
    default: throw methodNotFound(date, name);
  }
}

/** A System.TimeSpan as scripts read it (TotalSeconds, TotalMinutes, …). */
export function timeSpan(ms: number): PsObject {
  return new PsObject('System.TimeSpan', {
    Days: Math.trunc(ms / 86_400_000), Hours: Math.trunc(ms / 3_600_000) % 24, Minutes: Math.trunc(ms / 60_000) % 60, Seconds: Math.trunc(ms / 1000) % 60,
    Milliseconds: ms % 1000, TotalDays: ms / 86_400_000, TotalHours: ms / 3_600_000, TotalMinutes: ms / 60_000, TotalSeconds: ms / 1000, TotalMilliseconds: ms,
  }, () => {
    const s = Math.trunc(ms / 1000);
    return `${String(Math.trunc(s / 3600)).padStart(2, '0')}:${String(Math.trunc(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  });
}
