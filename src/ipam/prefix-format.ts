import type { Prefix, Words6 } from './prefix.js';

/** Formats a uint32 as dotted decimal, e.g. 167772164 → '10.0.0.4'. */
export function formatIPv4(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/**
 * Formats an IPv6 address in the RFC 5952 canonical text form: lowercase hex without leading zeros, the longest run
 * of two or more zero groups (the first one on a tie) replaced by `::`.
 */
export function formatIPv6(words: Words6): string {
  const groups: number[] = [];
  for (const word of words) groups.push((word >>> 16) & 0xffff, word & 0xffff);
  let bestStart = -1;
  let bestLength = 1; // RFC 5952 §4.2.2: a single zero group is never shortened to '::'
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** Formats a prefix canonically: '10.0.0.0/16', '2001:db8::/32'. */
export function formatPrefix(prefix: Prefix): string {
  const address = prefix.family === 4 ? formatIPv4(prefix.network) : formatIPv6(prefix.words);
  return `${address}/${prefix.length}`;
}
