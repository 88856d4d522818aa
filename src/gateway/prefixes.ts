import {
  collapsePrefixes, containsAddress4, isSamePrefix, parseIPv4, parsePrefix4, prefixesOverlap, type Prefix4,
} from '../ipam/index.js';

/**
 * The list-level prefix questions the gateway asks (tunnel peers and site prefixes are IPv4 in classic Azure), built
 * on src/ipam's parser and predicates. Malformed text is rejected by validation before it gets here, so these
 * helpers simply skip what does not parse.
 */

/** Parses dotted-quad IPv4 text to an unsigned 32-bit number, or undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const parsed = parseIPv4(text.trim());
  return parsed.ok ? parsed.value : undefined;
}

/** Why text is not an IPv4 prefix (ipam's message, which names the fix), or undefined when it is one. */
export function findPrefixProblem(text: string): string | undefined {
  const parsed = parsePrefix4(text.trim());
  return parsed.ok ? undefined : parsed.message;
}

function parseAll(prefixes: readonly string[]): Prefix4[] {
  const parsed: Prefix4[] = [];
  for (const text of prefixes) {
    const result = parsePrefix4(text.trim(), { allowHostBits: true });
    if (result.ok) parsed.push(result.value);
  }
  return parsed;
}

/** True when any prefix of one list overlaps any prefix of the other. */
export function hasOverlap(left: readonly string[], right: readonly string[]): boolean {
  const rightPrefixes = parseAll(right);
  return parseAll(left).some((a) => rightPrefixes.some((b) => prefixesOverlap(a, b)));
}

/** True when the address lies inside one of the prefixes. */
export function isAddressInPrefixes(address: string, prefixes: readonly string[]): boolean {
  const value = parseIpv4(address);
  return value !== undefined && parseAll(prefixes).some((p) => containsAddress4(p, value));
}

/** True when both lists cover exactly the same addresses (order, duplicates and splitting ignored). */
export function isSamePrefixSet(left: readonly string[], right: readonly string[]): boolean {
  const a = collapsePrefixes(parseAll(left));
  const b = collapsePrefixes(parseAll(right));
  return a.length === b.length && a.every((p, i) => isSamePrefix(p, b[i] as Prefix4));
}
