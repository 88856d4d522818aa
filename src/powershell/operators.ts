import { convertTo, enumerate, isOfType, toBool, toNumber, toStr } from './convert.js';
import { formatComposite } from './format-operator.js';
import { timeSpan } from './members.js';
import { RuntimeFailure } from './runtime-error.js';
import { PsDate, PsHashtable } from './values.js';

/** Where `-match` leaves `$matches`. */
export interface MatchSink {
  setMatches(matches: PsHashtable | null): void;
}

/** `left op right` for every binary operator but `-and`/`-or` (short-circuited by the caller) and `..`. */
export function applyBinary(operator: string, left: unknown, right: unknown, sink: MatchSink): unknown {
  const caseSensitive = operator.startsWith('c') && operator !== 'contains' && operator.length > 2 && isComparison(operator.slice(1));
  const base = (operator.startsWith('c') || operator.startsWith('i')) && isComparison(operator.slice(1)) ? operator.slice(1) : operator;
  switch (base) {
    case '+': return add(left, right);
    case '-':
      if (left instanceof PsDate && right instanceof PsDate) return timeSpan(left.ms - right.ms);
      if (left instanceof PsDate) return new PsDate(left.ms - toNumber(right, 'System.Double'));
      return arithmetic(left, right, (a, b) => a - b);
    case '*': return multiply(left, right);
    case '/': return arithmetic(left, right, (a, b) => {
      if (b === 0) throw new RuntimeFailure('Attempted to divide by zero.', 'NotSpecified', 'RuntimeException', 'RuntimeException');
      return a / b;
    });
    case '%': return arithmetic(left, right, (a, b) => a % b);
    case 'f': return formatComposite(toStr(left), Array.isArray(right) ? right : [right]);
    case 'xor': return toBool(left) !== toBool(right);
    case 'band': return toNumber(left) & toNumber(right);
    case 'bor': return toNumber(left) | toNumber(right);
    case 'bxor': return toNumber(left) ^ toNumber(right);
    case 'shl': return toNumber(left) << toNumber(right);
    case 'shr': return toNumber(left) >> toNumber(right);
    case 'join': return enumerate(left).map(toStr).join(toStr(right));
    case 'split': return splitText(left, right, caseSensitive);
    case 'replace': return replaceText(left, right, caseSensitive);
    case 'is': return isOfType(left, typeNameFrom(right));
    case 'isnot': return !isOfType(left, typeNameFrom(right));
    case 'as': try { return convertTo(left, typeNameFrom(right)); } catch { return null; }
    case 'contains': return enumerate(left).some((item) => compareEqual(item, right, caseSensitive));
    case 'notcontains': return !enumerate(left).some((item) => compareEqual(item, right, caseSensitive));
    case 'in': return enumerate(right).some((item) => compareEqual(item, left, caseSensitive));
    case 'notin': return !enumerate(right).some((item) => compareEqual(item, left, caseSensitive));
    default: break;
  }
  if (!isComparison(base)) throw new RuntimeFailure(`The operator -${operator} is not supported by vnetsim ps.`, 'NotImplemented', 'OperatorNotSupported', 'RuntimeException', 'unsupported');
  // A collection on the left filters (spec §7.8: "the result is the elements for which the comparison is true").
  if (Array.isArray(left)) return left.filter((item) => compareScalar(base, item, right, caseSensitive, sink));
  return compareScalar(base, left, right, caseSensitive, sink);
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'replace', 'contains', 'notcontains', 'in', 'notin', 'split']);

function isComparison(word: string): boolean {
  return COMPARISONS.has(word);
}

function typeNameFrom(value: unknown): string {
  return toStr(value).replace(/^\[|\]$/g, '');
}

function compareScalar(op: string, left: unknown, right: unknown, caseSensitive: boolean, sink: MatchSink): boolean {
  switch (op) {
    case 'eq': return compareEqual(left, right, caseSensitive);
    case 'ne': return !compareEqual(left, right, caseSensitive);
    case 'gt': return compareOrder(left, right, caseSensitive) > 0;
    case 'ge': return compareOrder(left, right, caseSensitive) >= 0;
    case 'lt': return compareOrder(left, right, caseSensitive) < 0;
    case 'le': return compareOrder(left, right, caseSensitive) <= 0;
    case 'like': return wildcardToRegExp(toStr(right), caseSensitive).test(toStr(left));
    case 'notlike': return !wildcardToRegExp(toStr(right), caseSensitive).test(toStr(left));
    case 'match': return matchText(left, right, caseSensitive, sink);
    case 'notmatch': return !matchText(left, right, caseSensitive, sink);
    default: return false;
  }
}

/** `-eq`: the right side is converted to the left side's type; strings compare case-insensitively by default. */
export function compareEqual(left: unknown, right: unknown, caseSensitive = false): boolean {
  if (left === null || left === undefined) return right === null || right === undefined;
  if (right === null || right === undefined) return false;
  if (typeof left === 'number') {
    const n = Number(typeof right === 'string' ? right.trim() : toNumberLoose(right));
    return !Number.isNaN(n) && n === left;
  }
  if (typeof left === 'boolean') return left === toBool(right);
  if (left instanceof PsDate) return right instanceof PsDate && left.ms === right.ms;
  if (typeof left === 'string') {
    const r = toStr(right);
    return caseSensitive ? left === r : left.toLowerCase() === r.toLowerCase();
  }
  return left === right;
}

function toNumberLoose(value: unknown): number {
  try {
    return toNumber(value);
  } catch {
    return Number.NaN;
  }
}

/** Ordering for -gt/-lt and Sort-Object: numbers numerically, dates by time, strings case-insensitively. */
export function compareOrder(left: unknown, right: unknown, caseSensitive = false): number {
  if (left === null || left === undefined) return right === null || right === undefined ? 0 : -1;
  if (right === null || right === undefined) return 1;
  if (typeof left === 'number') return left - toNumber(right, 'System.Double');
  if (left instanceof PsDate && right instanceof PsDate) return left.ms - right.ms;
  const a = caseSensitive ? toStr(left) : toStr(left).toLowerCase();
  const b = caseSensitive ? toStr(right) : toStr(right).toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `-like` patterns: `*`, `?`, `[a-z]`; anchored at both ends. */
export function wildcardToRegExp(pattern: string, caseSensitive = false): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i] ?? '';
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) source += '\\[';
      else {
        source += pattern.slice(i, end + 1);
        i = end;
      }
    } else if (ch === '`' && i + 1 < pattern.length) {
      i += 1;
      source += escapeRegExp(pattern[i] ?? '');
    } else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, caseSensitive ? 's' : 'is');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** .NET regular expressions read as JavaScript ones; the constructs scripts use are the same in both. */
function toRegExp(pattern: unknown, caseSensitive: boolean, global = false): RegExp {
  try {
    return new RegExp(toStr(pattern).replace(/\(\?<([A-Za-z]\w*)>/g, '(?<$1>'), `${caseSensitive ? '' : 'i'}${global ? 'g' : ''}`);
  } catch (error) {
    throw new RuntimeFailure(`The regular expression pattern ${toStr(pattern)} is not valid.`, 'InvalidOperation', 'InvalidRegularExpression', 'RuntimeException');
  }
}

function matchText(left: unknown, right: unknown, caseSensitive: boolean, sink: MatchSink): boolean {
  const match = toRegExp(right, caseSensitive).exec(toStr(left));
  if (match === null) return false;
  const matches = new PsHashtable();
  match.forEach((group, i) => {
    if (group !== undefined) matches.set(i, group);
  });
  for (const [name, group] of Object.entries(match.groups ?? {})) if (group !== undefined) matches.set(name, group);
  sink.setMatches(matches);
  return true;
}

function splitText(left: unknown, right: unknown, caseSensitive: boolean): string[] {
  const pattern = Array.isArray(right) ? right[0] : right;
  return enumerate(left).flatMap((item) => toStr(item).split(toRegExp(pattern, caseSensitive)));
}

function replaceText(left: unknown, right: unknown, caseSensitive: boolean): unknown {
  const [pattern, replacement = ''] = Array.isArray(right) ? right : [right];
  const regex = toRegExp(pattern, caseSensitive, true);
  const apply = (item: unknown): string => toStr(item).replace(regex, toStr(replacement));
  return Array.isArray(left) ? left.map(apply) : apply(left);
}

function add(left: unknown, right: unknown): unknown {
  if (left === null || left === undefined) return Array.isArray(right) ? [...right] : right;
  if (Array.isArray(left)) return [...left, ...(Array.isArray(right) ? right : [right])];
  if (left instanceof PsHashtable && right instanceof PsHashtable) {
    const merged = new PsHashtable({ ordered: left.ordered });
    for (const { key, value } of left.list()) merged.set(key, value);
    for (const { key, value } of right.list()) {
      if (merged.has(key)) throw new RuntimeFailure(`Item has already been added. Key in dictionary: '${toStr(key)}'  Key being added: '${toStr(key)}'`, 'NotSpecified', 'ArgumentException', 'ArgumentException');
      merged.set(key, value);
    }
    return merged;
  }
  if (typeof left === 'string') return left + toStr(right);
  if (left instanceof PsDate) return new PsDate(left.ms + toNumber(right, 'System.Double'));
  return arithmetic(left, right, (a, b) => a + b);
}

function multiply(left: unknown, right: unknown): unknown {
  if (typeof left === 'string') return left.repeat(Math.max(0, toNumber(right)));
  if (Array.isArray(left)) return Array.from({ length: Math.max(0, toNumber(right)) }, () => left).flat();
  return arithmetic(left, right, (a, b) => a * b);
}

function arithmetic(left: unknown, right: unknown, op: (a: number, b: number) => number): number {
  if (Array.isArray(left) || Array.isArray(right) || left instanceof PsHashtable) {
    throw new RuntimeFailure(`Method invocation failed because [System.Object[]] does not contain a method named 'op_Subtraction'.`, 'InvalidOperation', 'MethodNotFound', 'RuntimeException');
  }
  return op(toNumber(left, 'System.Double'), toNumber(right, 'System.Double'));
}
