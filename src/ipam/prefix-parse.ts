import { Address4, Address6 } from 'ip-address';
import { formatPrefix } from './prefix-format.js';
import {
  IPV4_BITS,
  IPV6_BITS,
  makePrefix4,
  makePrefix6,
  type ParseResult,
  type Prefix,
  type Prefix4,
  type Prefix6,
  type Words6,
} from './prefix.js';

/** Options shared by the prefix parsers. */
export interface ParsePrefixOptions {
  /** Accept `10.0.0.1/24` and clear the host bits instead of refusing it (Python's `strict=False`). */
  allowHostBits?: boolean | undefined;
}

/** An address of either family, as parsed from text. */
export type ParsedAddress = { family: 4; value: number } | { family: 6; words: Words6 };

const NOT_PARSED = -1;
const MAX_OCTET = 255;
const MAX_OCTET_DIGITS = 3;
const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DOT = 46;
const IPV4_EXAMPLE = 'write four decimal numbers 0–255 separated by dots, e.g. 10.0.0.4';

/**
 * The bulk fast path: reads strict dotted decimal in `text[start, end)` into a uint32, or returns -1.
 * Each of the four parts is 1–3 decimal digits; a leading zero is read as decimal (`012` is twelve, `00` is zero,
 * as in real exported NetworkConfig files), never octal as inet_aton would.
 */
export function scanIPv4(text: string, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= CHAR_0 && c <= CHAR_9) {
      if (++digits > MAX_OCTET_DIGITS) return NOT_PARSED;
      octet = octet * 10 + (c - CHAR_0);
    } else if (c === CHAR_DOT) {
      if (digits === 0 || octet > MAX_OCTET || dots === 3) return NOT_PARSED;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return NOT_PARSED;
    }
  }
  if (dots !== 3 || digits === 0 || octet > MAX_OCTET) return NOT_PARSED;
  return value * 256 + octet;
}

/**
 * The strict gate for IPv4 text the fast path did not take: decimal leading zeros are normalised away first
 * (ip-address ≥ 10.3.1 refuses them, and we must read them as decimal), then ip-address decides.
 */
export function gateIPv4(text: string): ParseResult<number> {
  if (!text.includes('/')) {
    try {
      return { ok: true, value: Number(new Address4(stripDecimalLeadingZeros(text)).bigInt()) };
    } catch {
      // refused by ip-address; describeIPv4Problem explains why in user terms
    }
  }
  return { ok: false, code: 'address-invalid', message: `'${text}' is not a valid IPv4 address: ${describeIPv4Problem(text)}` };
}

/** Parses an IPv4 address (dotted decimal, leading zeros read as decimal) into a uint32. */
export function parseIPv4(text: string): ParseResult<number> {
  const value = scanIPv4(text, 0, text.length);
  return value === NOT_PARSED ? gateIPv4(text) : { ok: true, value };
}

/** Parses an IPv4 or IPv6 address (no prefix length, no zone). */
export function parseAddress(text: string): ParseResult<ParsedAddress> {
  if (!text.includes(':')) {
    const parsed = parseIPv4(text);
    return parsed.ok ? { ok: true, value: { family: 4, value: parsed.value } } : parsed;
  }
  const words = readIPv6(text);
  if (typeof words === 'string') {
    return { ok: false, code: 'address-invalid', message: `'${text}' is not a valid IPv6 address: ${words}` };
  }
  return { ok: true, value: { family: 6, words } };
}

/** Parses an IPv4 or IPv6 prefix in CIDR notation; host bits are refused unless `allowHostBits` clears them. */
export function parsePrefix(text: string, options?: ParsePrefixOptions): ParseResult<Prefix> {
  return text.includes(':') ? parsePrefix6(text, options) : parsePrefix4(text, options);
}

/** Parses an IPv4 prefix in CIDR notation; IPv6 text is refused with a message saying IPv4 was expected. */
export function parsePrefix4(text: string, options?: ParsePrefixOptions): ParseResult<Prefix4> {
  if (text.includes(':')) {
    return invalidPrefix(`'${text}' is an IPv6 prefix; an IPv4 prefix such as 10.0.0.0/16 is expected here`);
  }
  const slash = text.indexOf('/');
  if (slash < 0) {
    if (parseIPv4(text).ok) return missingLength(text, '10.0.0.0/24', IPV4_BITS);
    return invalidPrefix(`'${text}' is not a valid IPv4 prefix: ${describeIPv4Problem(text)}; a prefix looks like 10.0.0.0/24`);
  }
  let network = scanIPv4(text, 0, slash);
  if (network === NOT_PARSED) {
    const address = text.slice(0, slash);
    const gated = gateIPv4(address);
    if (!gated.ok) return invalidPrefix(`'${text}' is not a valid IPv4 prefix: ${describeIPv4Problem(address)}`);
    network = gated.value;
  }
  const length = scanLength(text, slash + 1, IPV4_BITS);
  if (length === NOT_PARSED) return badLength(text, IPV4_BITS);
  const prefix = makePrefix4(network, length);
  if (prefix.network !== network && options?.allowHostBits !== true) return hostBitsSet(text, prefix);
  return { ok: true, value: prefix };
}

/** Parses an IPv6 prefix in CIDR notation, e.g. `2001:db8::/32`. */
export function parsePrefix6(text: string, options?: ParsePrefixOptions): ParseResult<Prefix6> {
  const slash = text.indexOf('/');
  const words = readIPv6(slash < 0 ? text : text.slice(0, slash));
  if (slash < 0 && typeof words !== 'string') return missingLength(text, '2001:db8::/48', IPV6_BITS);
  if (typeof words === 'string') return invalidPrefix(`'${text}' is not a valid IPv6 prefix: ${words}`);
  const length = scanLength(text, slash + 1, IPV6_BITS);
  if (length === NOT_PARSED) return badLength(text, IPV6_BITS);
  const prefix = makePrefix6(words, length);
  const hasHostBits = prefix.words.some((w, i) => w !== words[i]);
  if (hasHostBits && options?.allowHostBits !== true) return hostBitsSet(text, prefix);
  return { ok: true, value: prefix };
}

/** Reads IPv6 address text through ip-address (the strict gate) into four words, or returns why it was refused. */
function readIPv6(text: string): Words6 | string {
  // ip-address accepts a zone (`fe80::1%eth0`) and a length; neither belongs in an address plan
  if (text.includes('%')) return 'a zone index (%…) is not allowed here; remove it';
  if (text.includes('/')) return 'a prefix length is not allowed here; give a single address';
  let canonical: string;
  try {
    canonical = new Address6(text).canonicalForm();
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\.$/, '').toLowerCase() : 'unreadable';
    return `${reason}; write eight hex groups separated by colons, with at most one '::', e.g. 2001:db8::4`;
  }
  // canonicalForm is eight zero-padded hex groups: 0000:0000:…
  const groups = canonical.split(':').map((g) => Number.parseInt(g, 16));
  const word = (i: number): number => (((groups[2 * i] ?? 0) << 16) | (groups[2 * i + 1] ?? 0)) >>> 0;
  return [word(0), word(1), word(2), word(3)];
}

/** Reads a prefix length of 1–3 decimal digits from `text[start..]` if it is at most `max`, else -1. */
function scanLength(text: string, start: number, max: number): number {
  const digits = text.length - start;
  if (digits < 1 || digits > 3) return NOT_PARSED;
  let value = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < CHAR_0 || c > CHAR_9) return NOT_PARSED;
    value = value * 10 + (c - CHAR_0);
  }
  return value <= max ? value : NOT_PARSED;
}

/** Drops leading zeros from each all-digit dotted part of up to three digits: `192.168.0.00` → `192.168.0.0`. */
function stripDecimalLeadingZeros(text: string): string {
  if (!/^[0-9.]+$/.test(text)) return text;
  return text
    .split('.')
    .map((part) => (part.length > 1 && part.length <= MAX_OCTET_DIGITS ? String(Number(part)) : part))
    .join('.');
}

/** Explains, in user terms, why text is not a dotted-decimal IPv4 address. */
function describeIPv4Problem(text: string): string {
  if (text.length === 0) return `it is empty; ${IPV4_EXAMPLE}`;
  if (text.trim() !== text) return `remove the spaces around it`;
  if (text.includes(':')) return 'that is IPv6; an IPv4 address such as 10.0.0.4 is expected here';
  if (text.includes('/')) return 'a prefix length is not allowed here; give a single address such as 10.0.0.4';
  const parts = text.split('.');
  if (parts.length !== 4) return `it has ${parts.length} part${parts.length === 1 ? '' : 's'}; ${IPV4_EXAMPLE}`;
  const nonDecimal = parts.find((p) => !/^[0-9]+$/.test(p));
  if (nonDecimal !== undefined) return `'${nonDecimal}' is not a decimal number; ${IPV4_EXAMPLE}`;
  const tooLong = parts.find((p) => p.length > MAX_OCTET_DIGITS);
  if (tooLong !== undefined) return `'${tooLong}' has more than three digits; ${IPV4_EXAMPLE}`;
  const tooBig = parts.find((p) => Number(p) > MAX_OCTET);
  if (tooBig !== undefined) return `${tooBig} is above 255; ${IPV4_EXAMPLE}`;
  return IPV4_EXAMPLE;
}

function invalidPrefix<T>(message: string): ParseResult<T> {
  return { ok: false, code: 'cidr-invalid', message };
}

function missingLength<T>(text: string, example: string, bits: number): ParseResult<T> {
  return invalidPrefix(
    `'${text}' has no prefix length; write it in CIDR notation such as ${example} (/${bits} for a single address)`,
  );
}

function badLength<T>(text: string, bits: number): ParseResult<T> {
  const written = text.slice(text.indexOf('/') + 1);
  return invalidPrefix(`'${text}' has prefix length '${written}'; it must be a whole number from 0 to ${bits}`);
}

function hostBitsSet<T>(text: string, network: Prefix): ParseResult<T> {
  return { ok: false, code: 'cidr-host-bits', message: `${text} has host bits set; the network address is ${formatPrefix(network)}` };
}
