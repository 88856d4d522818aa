import { formatNumber, toNumber, toStr } from './convert.js';
import { RuntimeFailure } from './runtime-error.js';
import { PsDate, formatDate } from './values.js';

/**
 * `"{0,-10} {1:N2}" -f $a, $b`: .NET composite formatting (index, alignment, format string) with the numeric
 * (N, D, F, X, P, C, custom 0/#) and date formats scripts use; `{{` and `}}` are literal braces.
 */
export function formatComposite(format: string, args: readonly unknown[]): string {
  let result = '';
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch === '{' && format[i + 1] === '{') {
      result += '{';
      i += 2;
    } else if (ch === '}' && format[i + 1] === '}') {
      result += '}';
      i += 2;
    } else if (ch === '{') {
      const end = format.indexOf('}', i);
      const item = /^(\d+)\s*(?:,\s*(-?\d+))?\s*(?::(.*))?$/s.exec(format.slice(i + 1, end));
      if (end < 0 || item === null) throw formatError(format);
      const index = Number(item[1]);
      if (index >= args.length) throw new RuntimeFailure(`Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..`, 'InvalidOperation', 'FormatError', 'RuntimeException');
      const text = formatItem(args[index], item[3]);
      const width = Number(item[2] ?? 0);
      result += width < 0 ? text.padEnd(-width) : text.padStart(width);
      i = end + 1;
    } else {
      result += ch;
      i += 1;
    }
  }
  return result;
}

function formatError(format: string): RuntimeFailure {
  return new RuntimeFailure(`Error formatting a string: Input string was not in a correct format.: ${format}`, 'InvalidOperation', 'FormatError', 'RuntimeException');
}

function formatItem(value: unknown, spec: string | undefined): string {
  if (spec === undefined || spec === '') return toStr(value);
  if (value instanceof PsDate) return formatDate(value.ms, spec);
  if (typeof value !== 'number' && !(typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) && /^[NDFXP]/i.test(spec))) return toStr(value);
  const n = toNumber(value, 'System.Double');
  const standard = /^([NnDdFfXxPpCcGgEe])(\d*)$/.exec(spec);
  if (standard !== null) {
    const precision = standard[2] === '' ? undefined : Number(standard[2]);
    switch ((standard[1] ?? '').toUpperCase()) {
      case 'N': return n.toLocaleString('en-US', { minimumFractionDigits: precision ?? 2, maximumFractionDigits: precision ?? 2 });
      case 'F': return n.toFixed(precision ?? 2);
      case 'D': return String(Math.trunc(n)).padStart(precision ?? 0, '0');
      case 'X': { const hex = Math.trunc(n).toString(16).padStart(precision ?? 0, '0'); return standard[1] === 'X' ? hex.toUpperCase() : hex; }
      case 'P': return `${(n * 100).toFixed(precision ?? 2)} %`;
      case 'C': return `$${n.toLocaleString('en-US', { minimumFractionDigits: precision ?? 2, maximumFractionDigits: precision ?? 2 })}`;
      case 'E': return n.toExponential(precision ?? 6).toUpperCase();
      default: return formatNumber(n);
    }
  }
  return formatCustomNumber(n, spec);
}

// Custom numeric formats: `0` pads, `#` optional digits, `.` the decimal point, `,` grouping.
function formatCustomNumber(n: number, spec: string): string {
  const [intPart = '', fracPart = ''] = spec.split('.');
  const decimals = fracPart.replace(/[^0#]/g, '');
  const fixed = Math.abs(n).toFixed(decimals.length);
  const [whole = '', fraction = ''] = fixed.split('.');
  const minInt = (intPart.match(/0/g) ?? []).length;
  let wholeText = whole.padStart(minInt, '0');
  if (minInt === 0 && wholeText === '0') wholeText = '';
  if (intPart.includes(',')) wholeText = wholeText.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let fractionText = fraction;
  const required = (fracPart.match(/0/g) ?? []).length;
  while (fractionText.length > required && fractionText.endsWith('0')) fractionText = fractionText.slice(0, -1);
  const prefix = intPart.replace(/[0#,]/g, '');
  const body = fractionText === '' ? wholeText : `${wholeText}.${fractionText}`;
  return `${n < 0 ? '-' : ''}${prefix}${body}`;
}
