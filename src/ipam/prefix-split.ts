import { addPowerOfTwo6 } from './address-arith.js';
import { IpamUsageError } from './ipam-usage-error.js';
import { IPV4_BITS, IPV6_BITS, type Prefix, type Prefix4, type Prefix6 } from './prefix.js';
import { containsAddress6 } from './prefix-predicates.js';
import { formatPrefix } from './prefix-format.js';

/**
 * The subnets of length `length` inside `p`, ascending, produced lazily: a /8 split into /24s yields 65,536
 * prefixes one at a time and a /48 into /64s never materialises a list.
 */
export function splitPrefix(p: Prefix, length: number): Generator<Prefix> {
  const bits = p.family === 4 ? IPV4_BITS : IPV6_BITS;
  if (!Number.isInteger(length) || length < p.length || length > bits) {
    throw new IpamUsageError(
      'prefix-length-out-of-range',
      `cannot split ${formatPrefix(p)} into /${length} subnets; the length must be from ${p.length} to ${bits}`,
    );
  }
  return p.family === 4 ? splitPrefix4(p, length) : splitPrefix6(p, length);
}

function* splitPrefix4(p: Prefix4, length: number): Generator<Prefix4> {
  const step = 2 ** (IPV4_BITS - length);
  const count = 2 ** (length - p.length);
  for (let i = 0; i < count; i++) yield { family: 4, network: p.network + i * step, length };
}

function* splitPrefix6(p: Prefix6, length: number): Generator<Prefix6> {
  let at: Prefix6['words'] | undefined = p.words;
  while (at !== undefined && containsAddress6(p, at)) {
    yield { family: 6, words: at, length };
    at = addPowerOfTwo6(at, IPV6_BITS - length);
  }
}
