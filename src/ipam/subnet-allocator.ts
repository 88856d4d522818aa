import { countTrailingZeros32 } from './address-arith.js';
import { IpamUsageError } from './ipam-usage-error.js';
import { formatIPv4, formatPrefix } from './prefix-format.js';
import { IPV4_BITS, prefixLast4, type Prefix4 } from './prefix.js';
import { AZURE_CLASSIC_RESERVED, type ReservedAddressPolicy } from './reserved-policy.js';

/** Why a static or replayed DIP was refused. */
export type DipRefusalCode = 'dip-outside-subnet' | 'dip-reserved' | 'dip-in-use';

/** The outcome of reserving a DIP. */
export type ReserveResult = { ok: true } | { ok: false; code: DipRefusalCode; message: string };

/** The answer of Test-AzureStaticVNetIP: whether the address is free and, if not, the nearest free ones. */
export interface StaticIpTest {
  isAvailable: boolean;
  availableAddresses: number[];
}

/** Test-AzureStaticVNetIP suggests a handful of alternatives when the address is taken. */
const DEFAULT_SUGGESTIONS = 5;
const ALL_ONES = 0xffffffff;

// One bit per address (set = allocated, reserved or past the end) plus one summary bit per full 32-address word: a
// /8 costs 2 MiB + 64 KiB whatever is allocated, and finding the lowest free address skips 1,024 taken addresses per
// summary word read.

/** DIP allocation inside one subnet under a reserved-address policy: dynamic (lowest free), static, release. */
export class SubnetAllocator {
  /** The subnet. */
  readonly prefix: Prefix4;
  /** The platform rule that reserves addresses in it. */
  readonly policy: ReservedAddressPolicy;
  /** Addresses a VM can get: the subnet size minus the reserved ones. */
  readonly usableCount: number;
  private readonly size: number;
  private readonly taken: Uint32Array;
  private readonly fullWords: Uint32Array;
  private summaryHint = 0;
  private allocated = 0;

  /** An empty allocator; throws IpamUsageError if the subnet size is outside the policy's /min…/max. */
  constructor(prefix: Prefix4, policy: ReservedAddressPolicy = AZURE_CLASSIC_RESERVED) {
    if (prefix.length < policy.minLength || prefix.length > policy.maxLength) {
      throw new IpamUsageError(
        'policy-length-out-of-range',
        `subnet ${formatPrefix(prefix)} is outside the ${policy.name} subnet sizes /${policy.minLength} to /${policy.maxLength}`,
      );
    }
    this.prefix = prefix;
    this.policy = policy;
    this.size = 2 ** (IPV4_BITS - prefix.length);
    this.usableCount = Math.max(0, this.size - policy.reservedAtStart - policy.reservedAtEnd);
    const wordCount = Math.ceil(this.size / 32);
    this.taken = new Uint32Array(wordCount);
    this.fullWords = new Uint32Array(Math.ceil(wordCount / 32));
    for (let offset = this.size; offset < wordCount * 32; offset++) this.setBit(offset);
    for (let word = wordCount; word < this.fullWords.length * 32; word++) this.markWordFull(word);
    for (let offset = 0; offset < Math.min(policy.reservedAtStart, this.size); offset++) this.setBit(offset);
    for (let offset = Math.max(0, this.size - policy.reservedAtEnd); offset < this.size; offset++) this.setBit(offset);
  }

  /** How many addresses are allocated (reserved ones not counted). */
  get allocatedCount(): number {
    return this.allocated;
  }

  /** What allocateDynamic would return, without taking it. */
  peekLowestFree(): number | undefined {
    const offset = this.lowestFreeOffset();
    return offset === undefined ? undefined : this.prefix.network + offset;
  }

  /** Takes the lowest free usable address; undefined when the subnet is full. */
  allocateDynamic(): number | undefined {
    const offset = this.lowestFreeOffset();
    if (offset === undefined) return undefined;
    this.setBit(offset);
    this.allocated++;
    return this.prefix.network + offset;
  }

  /** Takes a given address (a static DIP, or an allocation being replayed); refuses outside, reserved or in-use ones. */
  reserve(ip: number): ReserveResult {
    // Named only in a refusal: replaying a log reserves every DIP through here.
    const subnet = (): string => formatPrefix(this.prefix);
    if (!this.isInside(ip)) {
      return { ok: false, code: 'dip-outside-subnet', message: `${formatIPv4(ip)} is outside subnet ${subnet()}; ${this.describeUsableRange()}` };
    }
    const offset = ip - this.prefix.network;
    if (this.isReservedOffset(offset)) {
      return {
        ok: false,
        code: 'dip-reserved',
        message:
          `${formatIPv4(ip)} is reserved by the platform in subnet ${subnet()} (${this.policy.name} reserves the first ` +
          `${this.policy.reservedAtStart} and the last ${this.policy.reservedAtEnd} addresses); ${this.describeUsableRange()}`,
      };
    }
    if (this.hasBit(offset)) {
      const nearby = this.testStaticIp(ip).availableAddresses.map(formatIPv4);
      const advice = nearby.length > 0 ? `free addresses nearby: ${nearby.join(', ')}` : `the subnet is full; use another subnet`;
      return { ok: false, code: 'dip-in-use', message: `${formatIPv4(ip)} is already allocated in subnet ${subnet()}; ${advice}` };
    }
    this.setBit(offset);
    this.allocated++;
    return { ok: true };
  }

  /** Frees an allocated address; false if it was not allocated. */
  release(ip: number): boolean {
    if (!this.isAllocated(ip)) return false;
    this.clearBit(ip - this.prefix.network);
    this.allocated--;
    return true;
  }

  /** Whether the address is allocated (reserved addresses are not). */
  isAllocated(ip: number): boolean {
    if (!this.isInside(ip)) return false;
    const offset = ip - this.prefix.network;
    return !this.isReservedOffset(offset) && this.hasBit(offset);
  }

  /** Whether the policy reserves this address of the subnet. */
  isReserved(ip: number): boolean {
    return this.isInside(ip) && this.isReservedOffset(ip - this.prefix.network);
  }

  /**
   * Like Test-AzureStaticVNetIP: a free usable address is available (with no suggestions); otherwise up to
   * `suggestions` free addresses nearest to it in either direction (ties to the lower), ascending.
   */
  testStaticIp(ip: number, suggestions: number = DEFAULT_SUGGESTIONS): StaticIpTest {
    const inside = this.isInside(ip);
    if (inside && !this.hasBit(ip - this.prefix.network)) return { isAvailable: true, availableAddresses: [] };
    const pivot = inside ? ip - this.prefix.network : ip < this.prefix.network ? 0 : this.size - 1;
    const target = ip - this.prefix.network;
    const found: number[] = [];
    let up = this.nextFreeOffset(pivot);
    let down = pivot > 0 ? this.prevFreeOffset(pivot - 1) : undefined;
    while (found.length < suggestions && (up !== undefined || down !== undefined)) {
      const takeDown = down !== undefined && (up === undefined || target - down <= up - target);
      if (takeDown) {
        found.push(down as number);
        down = (down as number) > 0 ? this.prevFreeOffset((down as number) - 1) : undefined;
      } else {
        found.push(up as number);
        up = (up as number) + 1 < this.size ? this.nextFreeOffset((up as number) + 1) : undefined;
      }
    }
    return { isAvailable: false, availableAddresses: found.sort((a, b) => a - b).map((o) => this.prefix.network + o) };
  }

  /** The allocated addresses, ascending. */
  *allocatedAddresses(): Iterable<number> {
    for (let word = 0; word < this.taken.length; word++) {
      let bits = this.taken[word] as number;
      while (bits !== 0) {
        const bit = countTrailingZeros32(bits);
        bits &= bits - 1;
        const offset = word * 32 + bit;
        if (offset < this.size && !this.isReservedOffset(offset)) yield this.prefix.network + offset;
      }
    }
  }

  /** An independent copy, for snapshots. */
  clone(): SubnetAllocator {
    const copy = new SubnetAllocator(this.prefix, this.policy);
    copy.taken.set(this.taken);
    copy.fullWords.set(this.fullWords);
    copy.summaryHint = this.summaryHint;
    copy.allocated = this.allocated;
    return copy;
  }

  private isInside(ip: number): boolean {
    return ip >= this.prefix.network && ip <= prefixLast4(this.prefix);
  }

  private isReservedOffset(offset: number): boolean {
    return offset < this.policy.reservedAtStart || offset >= this.size - this.policy.reservedAtEnd;
  }

  private describeUsableRange(): string {
    if (this.usableCount === 0) return 'it has no usable addresses';
    const first = this.prefix.network + this.policy.reservedAtStart;
    const last = this.prefix.network + this.size - this.policy.reservedAtEnd - 1;
    return `choose an address from ${formatIPv4(first)} to ${formatIPv4(last)}`;
  }

  private hasBit(offset: number): boolean {
    return ((this.taken[offset >>> 5] as number) & (1 << (offset & 31))) !== 0;
  }

  private setBit(offset: number): void {
    const word = offset >>> 5;
    const bits = ((this.taken[word] as number) | (1 << (offset & 31))) >>> 0;
    this.taken[word] = bits;
    if (bits === ALL_ONES) this.markWordFull(word);
  }

  private clearBit(offset: number): void {
    const word = offset >>> 5;
    this.taken[word] = (this.taken[word] as number) & ~(1 << (offset & 31));
    const summary = word >>> 5;
    this.fullWords[summary] = (this.fullWords[summary] as number) & ~(1 << (word & 31));
    if (summary < this.summaryHint) this.summaryHint = summary;
  }

  private markWordFull(word: number): void {
    const summary = word >>> 5;
    this.fullWords[summary] = (this.fullWords[summary] as number) | (1 << (word & 31));
  }

  private lowestFreeOffset(): number | undefined {
    for (let summary = this.summaryHint; summary < this.fullWords.length; summary++) {
      const notFull = ~(this.fullWords[summary] as number);
      if (notFull !== 0) {
        this.summaryHint = summary;
        const word = summary * 32 + countTrailingZeros32(notFull);
        return word * 32 + countTrailingZeros32(~(this.taken[word] as number));
      }
    }
    this.summaryHint = this.fullWords.length;
    return undefined;
  }

  /** The lowest free offset ≥ `from`, or undefined. */
  private nextFreeOffset(from: number): number | undefined {
    let word = from >>> 5;
    let free = ~(this.taken[word] as number) & (-1 << (from & 31));
    while (free === 0) {
      word++;
      const summary = word >>> 5;
      if (summary >= this.fullWords.length) return undefined;
      const notFull = ~(this.fullWords[summary] as number) & (-1 << (word & 31));
      if (notFull === 0) {
        word = (summary + 1) * 32 - 1;
        continue;
      }
      word = summary * 32 + countTrailingZeros32(notFull);
      free = ~(this.taken[word] as number);
    }
    return word * 32 + countTrailingZeros32(free);
  }

  /** The highest free offset ≤ `from`, or undefined. */
  private prevFreeOffset(from: number): number | undefined {
    let word = from >>> 5;
    let free = ~(this.taken[word] as number) & lowBitsThrough(from & 31);
    while (free === 0) {
      word--;
      if (word < 0) return undefined;
      const summary = word >>> 5;
      const notFull = ~(this.fullWords[summary] as number) & lowBitsThrough(word & 31);
      if (notFull === 0) {
        word = summary * 32;
        continue;
      }
      word = summary * 32 + 31 - Math.clz32(notFull);
      free = ~(this.taken[word] as number);
    }
    return word * 32 + 31 - Math.clz32(free);
  }
}

/** Bits 0..bit set (int32). */
function lowBitsThrough(bit: number): number {
  return bit === 31 ? -1 : (1 << (bit + 1)) - 1;
}
