import { diagnosticAt, type Diagnostic, type Severity } from '../../common/index.js';
import { findOverlaps } from '../overlaps.js';
import { describeLine, orderByPosition, type Prefix4Entry } from './plan-index.js';

/**
 * Every overlapping pair among the entries, each once, through ipam's sort-and-sweep findOverlaps (n log n plus the
 * number of pairs), so checking a 100k-subnet plan never compares all pairs.
 */
export function findEntryOverlaps<T extends Prefix4Entry>(entries: readonly T[]): Array<[T, T]> {
  if (entries.length < 2) return [];
  const pairs = findOverlaps(entries.map((entry, key) => ({ prefix: entry.prefix, key })));
  const found: Array<[T, T]> = [];
  for (const [a, b] of pairs) {
    const first = entries[a];
    const second = entries[b];
    if (first !== undefined && second !== undefined) found.push([first, second]);
  }
  return found;
}

/**
 * The diagnostic of a conflicting pair: placed at the entry written later, naming both sides (with the line of the
 * earlier one) and ending with the fix.
 */
export function conflictDiagnostic(
  rule: string,
  severity: Severity,
  a: Prefix4Entry,
  b: Prefix4Entry,
  relation: string,
  fix: string,
): Diagnostic {
  const [earlier, later] = orderByPosition(a, b);
  const message =
    `${later.label} ${later.text.value} ${relation} ${earlier.label} ${earlier.text.value} ` +
    `(${describeLine(earlier.text.at)}); ${fix}`;
  return diagnosticAt(later.text.at, rule, severity, message, [...new Set([...later.objects, ...earlier.objects])]);
}
