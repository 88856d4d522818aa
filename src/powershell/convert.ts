import { PsDate, PsHashtable, PsObject, PsScriptBlock, PsSecureString, formatDate } from './values.js';
import { XmlNode, parseXmlDocument } from './xml-dom.js';
import { RuntimeFailure } from './runtime-error.js';

/** PowerShell's truth (spec §6.2): empty strings, zero, $null and empty arrays are false; one-element arrays test their element. */
export function toBool(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length === 0 ? false : value.length === 1 ? toBool(value[0]) : true;
  return true;
}

/** PowerShell's string conversion (spec §6.8): arrays join with a space, booleans are True/False. */
export function toStr(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toStr).join(' ');
  if (value instanceof PsHashtable) return 'System.Collections.Hashtable';
  if (value instanceof XmlNode) return value.displayText();
  return String(value);
}

/** A number as .NET prints it: integers plainly, doubles with up to 15 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return String(Number(value.toPrecision(15)));
}

/** Converts to a number, or fails as PowerShell does for text that is not one. */
export function toNumber(value: unknown, typeName = 'System.Int32'): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value) && value.length === 1) return toNumber(value[0], typeName);
  const text = toStr(value).trim();
  const parsed = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : text === '' ? 0 : Number(text.replace(/,/g, ''));
  if (Number.isNaN(parsed) || Array.isArray(value)) {
    throw new RuntimeFailure(`Cannot convert value "${toStr(value)}" to type "${typeName}". Error: "Input string was not in a correct format."`, 'InvalidArgument', 'InvalidCastFromStringToInteger', 'RuntimeException');
  }
  return parsed;
}

/** The items a value yields in a pipeline or foreach: arrays unroll, everything else (even a hashtable) is one item. */
export function enumerate(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  return [value];
}

/** The .NET type name PowerShell would report for a value (`$x.GetType().FullName`, `-is`). */
export function typeNameOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'System.String';
  if (typeof value === 'boolean') return 'System.Boolean';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) <= 2147483647 ? 'System.Int32' : Number.isInteger(value) ? 'System.Int64' : 'System.Double';
  if (Array.isArray(value)) return 'System.Object[]';
  if (value instanceof PsHashtable) return 'System.Collections.Hashtable';
  if (value instanceof PsScriptBlock) return 'System.Management.Automation.ScriptBlock';
  if (value instanceof PsDate) return 'System.DateTime';
  if (value instanceof PsSecureString) return 'System.Security.SecureString';
  if (value instanceof XmlNode) return value.typeName();
  if (value instanceof PsObject) return value.typeName;
  return 'System.Object';
}

const TYPE_ALIASES: Record<string, string> = {
  int: 'System.Int32', int32: 'System.Int32', long: 'System.Int64', int64: 'System.Int64', double: 'System.Double', decimal: 'System.Decimal',
  string: 'System.String', bool: 'System.Boolean', boolean: 'System.Boolean', xml: 'System.Xml.XmlDocument', array: 'System.Array',
  hashtable: 'System.Collections.Hashtable', datetime: 'System.DateTime', scriptblock: 'System.Management.Automation.ScriptBlock',
  object: 'System.Object', 'object[]': 'System.Object[]', 'string[]': 'System.String[]', 'int[]': 'System.Int32[]', switch: 'System.Management.Automation.SwitchParameter',
  pscustomobject: 'System.Management.Automation.PSCustomObject', psobject: 'System.Management.Automation.PSObject', securestring: 'System.Security.SecureString',
  byte: 'System.Byte', char: 'System.Char', single: 'System.Single', float: 'System.Single', void: 'System.Void',
};

/** The full .NET name of a type literal as written (`[int]` → System.Int32). */
export function resolveTypeName(written: string): string {
  const lower = written.toLowerCase().replace(/^system\./, '');
  return TYPE_ALIASES[lower] ?? TYPE_ALIASES[written.toLowerCase()] ?? (written.includes('.') ? written : `System.${written}`);
}

/** True when `value -is [written]`. */
export function isOfType(value: unknown, written: string): boolean {
  const full = resolveTypeName(written).toLowerCase();
  if (full === 'system.object') return value !== null && value !== undefined;
  const actual = typeNameOf(value).toLowerCase();
  if (actual === full) return true;
  if (full === 'system.array' || full.endsWith('[]')) return Array.isArray(value);
  if (full === 'system.xml.xmlnode') return value instanceof XmlNode;
  if (full === 'system.management.automation.psobject' || full === 'system.management.automation.pscustomobject') return value instanceof PsObject;
  if (full === 'system.valuetype') return typeof value === 'number' || typeof value === 'boolean' || value instanceof PsDate;
  return false;
}

/** `[type] value` (spec §6): the conversions scripts use; an unknown target type is named, never ignored. */
export function convertTo(value: unknown, written: string): unknown {
  const full = resolveTypeName(written);
  switch (full.toLowerCase()) {
    case 'system.int32': case 'system.int64': case 'system.byte': return roundToEven(toNumber(value, full));
    case 'system.double': case 'system.decimal': case 'system.single': return toNumber(value, full);
    case 'system.string': return value === null ? '' : toStr(value);
    case 'system.boolean': case 'system.management.automation.switchparameter': return toBool(value);
    case 'system.object': case 'system.management.automation.psobject': return value;
    case 'system.void': return null;
    case 'system.array': case 'system.object[]': return [...enumerate(value)];
    case 'system.string[]': return enumerate(value).map(toStr);
    case 'system.int32[]': return enumerate(value).map((v) => roundToEven(toNumber(v)));
    case 'system.xml.xmldocument': return value instanceof XmlNode ? value : parseXmlDocument(enumerate(value).map(toStr).join('\n'));
    case 'system.collections.hashtable': if (value instanceof PsHashtable) return value; break;
    case 'system.management.automation.pscustomobject': if (value instanceof PsHashtable) return hashtableToObject(value); return value;
    case 'system.management.automation.scriptblock': if (value instanceof PsScriptBlock) return value; break;
    case 'system.datetime': return toDate(value);
    case 'system.security.securestring': if (value instanceof PsSecureString) return value; break;
    case 'system.char': return toStr(value).slice(0, 1);
    default: throw new RuntimeFailure(`Unable to find type [${written}]. vnetsim ps does not model this type.`, 'InvalidOperation', 'TypeNotFound', 'RuntimeException', 'unsupported');
  }
  throw new RuntimeFailure(`Cannot convert the "${toStr(value)}" value of type "${typeNameOf(value)}" to type "${full}".`, 'InvalidArgument', 'ConvertToFinalInvalidCastException', 'RuntimeException');
}

function roundToEven(n: number): number {
  const floor = Math.floor(n);
  const diff = n - floor;
  if (diff !== 0.5) return Math.round(n);
  return floor % 2 === 0 ? floor : floor + 1;
}

function toDate(value: unknown): PsDate {
  if (value instanceof PsDate) return value;
  const ms = Date.parse(`${toStr(value)}${/z|[+-]\d\d:?\d\d$/i.test(toStr(value)) ? '' : ' UTC'}`);
  if (Number.isNaN(ms)) throw new RuntimeFailure(`Cannot convert value "${toStr(value)}" to type "System.DateTime".`, 'InvalidArgument', 'InvalidCastParseTargetInvocation', 'RuntimeException');
  return new PsDate(ms);
}

/** `[PSCustomObject]@{...}`: an object with the hashtable's keys as properties, in the written order. */
export function hashtableToObject(table: PsHashtable): PsObject {
  const object = new PsObject('System.Management.Automation.PSCustomObject');
  for (const { key, value } of table.list()) object.set(toStr(key), value);
  return object;
}

/** A date shown the way PowerShell shows a [datetime] on its own (`Get-Date`): the long form. */
export function formatDateLong(date: PsDate): string {
  return formatDate(date.ms, 'dddd, MMMM d, yyyy h:mm:ss tt');
}
