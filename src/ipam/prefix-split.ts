import { addPowerOfTwo6 } from './address-arith.js';
import { IpamUsageError } from './ipam-usage-error.js';
import { IPV4_BITS, IPV6_BITS, type Prefix, type Prefix4, type Prefix6 } from './prefix.js';
import { containsAddress6 } from './prefix-predicates.js';
import { formatPrefix } from './prefix-format.js';

/**
 * The subnets of length `length` inside `p`, ascending, produced lazily: a /8 split into /24s yields 65,536
 * prefixes one at a time and a /48 into /64s never materialises a list.
 */
export function splitPrefix(p: Prefix, length: number): IterableIterator<Prefix> {
  const bits = p.family === 4 ? IPV4_BITS : IPV6_BITS;
  if (!Number.isInteger(length) || length < p.length || length > bits) {
    throw new IpamUsageError(
      'prefix-length-out-of-range',
      `cannot split ${formatPrefix(p)} into /${length} subnets; the length must be from ${p.length} to ${bits}`,
    );
  }
  return p.family === 4 ? new Split4Iterator(p, length) : splitPrefix6(p, length);
}

/**
 * The IPv4 split as a plain iterator object rather than a generator: resuming a generator per subnet measured about
 * 3× the cost of this next() (28 vs 9 ns per /24 of a /8), and enumeration is the hot path of address-plan views.
 */
class Split4Iterator implements IterableIterator<Prefix4> {
  private index = 0;
  private readonly count: number;
  private readonly step: number;

  constructor(
    private readonly parent: Prefix4,
    private readonly length: number,
  ) {
    this.count = 2 ** (length - parent.length);
    this.step = 2 ** (IPV4_BITS - length);
  }

  next(): IteratorResult<Prefix4, undefined> {
    if (this.index >= this.count) return { done: true, value: undefined };
    const network = this.parent.network + this.index++ * this.step;
    return { done: false, value: { family: 4, network, length: this.length } };
  }

  [Symbol.iterator](): IterableIterator<Prefix4> {
    return this;
  }
}

function* splitPrefix6(p: Prefix6, length: number): Generator<Prefix6> {
  let at: Prefix6['words'] | undefined = p.words;
  while (at !== undefined && containsAddress6(p, at)) {
    yield { family: 6, words: at, length };
    at = addPowerOfTwo6(at, IPV6_BITS - length);
  }
}
