import { diagnosticAt, type Diagnostic, type RelatedLocation, type Severity } from '../../common/index.js';
import { findOverlaps } from '../overlaps.js';
import { describeLine, isWrittenBefore, orderByPosition, type Prefix4Entry } from './plan-index.js';

/** How many other members a group diagnostic names in its message; the rest are counted (all are in `objects`). */
const GROUP_NAMES_IN_MESSAGE = 10;
/** How many related locations a group diagnostic carries, so one huge group cannot bloat JSON or SARIF output. */
const GROUP_RELATED_LOCATIONS = 100;

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

/** Where an entry was written and what it is, as the other side of a finding. */
export function relatedOf(entry: Prefix4Entry): RelatedLocation {
  return { ...entry.text.at, message: `${entry.label} ${entry.text.value}` };
}

/**
 * The diagnostic of a conflicting pair: placed at the entry written later, naming both sides (with the line of the
 * earlier one, also given as a related location) and ending with the fix.
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
  return {
    ...diagnosticAt(later.text.at, rule, severity, message, [...new Set([...later.objects, ...earlier.objects])]),
    related: [relatedOf(earlier)],
  };
}

/**
 * One diagnostic for a group of overlapping entries (see groupOverlaps): a pair reads as conflictDiagnostic does; a
 * larger group is reported once, at the entry written first, naming the others with their lines.
 */
export function groupDiagnostic(rule: string, severity: Severity, group: readonly Prefix4Entry[], fix: string): Diagnostic {
  const [a, b] = group;
  if (group.length === 2 && a !== undefined && b !== undefined) return conflictDiagnostic(rule, severity, a, b, 'overlaps', fix);
  const members = [...group].sort((x, y) => (isWrittenBefore(x.text.at, y.text.at) ? -1 : isWrittenBefore(y.text.at, x.text.at) ? 1 : 0));
  const [first, ...others] = members as [Prefix4Entry, ...Prefix4Entry[]];
  const named = others.slice(0, GROUP_NAMES_IN_MESSAGE).map((e) => `${e.label} ${e.text.value} (${describeLine(e.text.at)})`);
  const rest = others.length - named.length;
  const message =
    `${first.label} ${first.text.value} and ${others.length} others overlap: ${named.join(', ')}` +
    `${rest > 0 ? `, and ${rest} more` : ''}; ${fix}`;
  return {
    ...diagnosticAt(first.text.at, rule, severity, message, [...new Set(members.flatMap((e) => e.objects))]),
    related: others.slice(0, GROUP_RELATED_LOCATIONS).map(relatedOf),
  };
}
