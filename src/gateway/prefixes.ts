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

/** Parses prefix text to ipam's integer prefixes (host bits cleared), skipping what does not parse. */
export function parsePrefixList(prefixes: readonly string[]): Prefix4[] {
  const parsed: Prefix4[] = [];
  for (const text of prefixes) {
    const result = parsePrefix4(text.trim(), { allowHostBits: true });
    if (result.ok) parsed.push(result.value);
  }
  return parsed;
}

/** True when any prefix of one list overlaps any prefix of the other. */
export function hasOverlap(left: readonly string[], right: readonly string[]): boolean {
  return hasParsedOverlap(parsePrefixList(left), parsePrefixList(right));
}

/** True when any of the already parsed prefixes of one list overlaps any of the other; no text is read. */
export function hasParsedOverlap(left: readonly Prefix4[], right: readonly Prefix4[]): boolean {
  for (const a of left) for (const b of right) if (prefixesOverlap(a, b)) return true;
  return false;
}

/** True when the uint32 address lies inside one of the already parsed prefixes; no text is read. */
export function isAddressInParsedPrefixes(address: number, prefixes: readonly Prefix4[]): boolean {
  for (const prefix of prefixes) if (containsAddress4(prefix, address)) return true;
  return false;
}

/** True when both lists cover exactly the same addresses (order, duplicates and splitting ignored). */
export function isSamePrefixSet(left: readonly string[], right: readonly string[]): boolean {
  const a = collapsePrefixes(parsePrefixList(left));
  const b = collapsePrefixes(parsePrefixList(right));
  return a.length === b.length && a.every((p, i) => isSamePrefix(p, b[i] as Prefix4));
}
