/**
 * The order a PowerShell hashtable enumerates its keys in: .NET Framework's System.Collections.Hashtable (the CLR of
 * PowerShell 3–4, 2012–2015), which is neither insertion nor sorted order. Reproduced here:
 * - `@{…}` is `new Hashtable(n, comparer)` with n the literal's entry count; the load factor is 0.72 × 1.0 (float),
 *   the bucket array `GetPrime(n / 0.72)` long (3 when that is not above 3), grown to `GetPrime(2 × size)` once
 *   `count >= loadsize`, rehashing the old buckets in index order;
 * - double hashing: bucket `h mod size`, step `1 + (h × 101) mod (size − 1)`, h the key's hash with the sign bit
 *   cleared; a probed full bucket gets its collision bit; a removed entry leaves its bucket reusable;
 * - enumeration walks the buckets from the last to the first.
 * One substitution, documented because the real one cannot be reproduced: PowerShell's comparer is
 * StringComparer.CurrentCultureIgnoreCase, whose hash is that of the key's Windows NLS sort key (culture weight
 * tables). String keys here hash as .NET Framework 4 (64-bit) String.GetHashCode of the upper-cased key, the
 * OrdinalIgnoreCase hash; integers hash to themselves, booleans to 1/0, as Int32/Boolean.GetHashCode. So the orders
 * arise exactly as .NET's do, from a different hash function: scripts must not depend on either (about_Hash_Tables).
 */

/** The first primes of .NET's HashHelpers.primes table; larger sizes are found by trial division as it does. */
const PRIMES = [3, 7, 11, 17, 23, 29, 37, 47, 59, 71, 89, 107, 131, 163, 197, 239, 293, 353, 431, 521, 631, 761, 919, 1103, 1327, 1597, 1931, 2333, 2801, 3371, 4049, 4861, 5839, 7013, 8419, 10103];
const HASH_PRIME = 101;
/** 0.72f as a float, widened to double the way the CLR does in `capacity / loadFactor`. */
const LOAD_FACTOR = Math.fround(0.72);

function isPrime(n: number): boolean {
  if ((n & 1) === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/** HashHelpers.GetPrime: the first table prime ≥ min, else the next prime p ≥ min with (p − 1) not a multiple of 101. */
export function getPrime(min: number): number {
  const listed = PRIMES.find((p) => p >= min);
  if (listed !== undefined) return listed;
  for (let n = min | 1; ; n += 2) if (isPrime(n) && (n - 1) % HASH_PRIME !== 0) return n;
}

/** .NET Framework 4 String.GetHashCode on 64-bit (no randomization): two interleaved djb2-xor accumulators. */
export function stringHashCode(text: string): number {
  let hash1 = 5381;
  let hash2 = 5381;
  for (let i = 0; i < text.length; i += 2) {
    hash1 = (((hash1 << 5) + hash1) | 0) ^ text.charCodeAt(i);
    if (i + 1 >= text.length) break;
    hash2 = (((hash2 << 5) + hash2) | 0) ^ text.charCodeAt(i + 1);
  }
  return (hash1 + Math.imul(hash2, 1566083941)) | 0;
}

/** The hash a key gets (see the substitution above). */
export function keyHashCode(key: unknown): number {
  if (typeof key === 'string') return stringHashCode(key.toUpperCase());
  if (typeof key === 'number' && Number.isInteger(key) && Math.abs(key) <= 0x7fffffff) return key | 0;
  if (typeof key === 'boolean') return key ? 1 : 0;
  return stringHashCode(String(key).toUpperCase());
}

interface Bucket<E> {
  entry: E | undefined;
  /** The key's hash (sign bit clear), kept after removal so probing continues past the bucket. */
  hash: number;
  collided: boolean;
}

/** Where entries sit in a .NET Hashtable of the same history; the caller keeps the entries and their lookup. */
export class HashtableBuckets<E> {
  private buckets: (Bucket<E> | undefined)[];
  private loadsize: number;
  private count = 0;

  /** `capacity`: the literal's entry count (0 for `@{}` or New-Object hashtable). */
  constructor(capacity = 0) {
    const raw = capacity / LOAD_FACTOR;
    const size = raw > 3 ? getPrime(Math.trunc(raw)) : 3;
    this.buckets = new Array<Bucket<E> | undefined>(size).fill(undefined);
    this.loadsize = Math.trunc(Math.fround(LOAD_FACTOR * size));
  }

  /** Places a new entry (the caller checked the key is not present). */
  insert(entry: E, hashCode: number): void {
    if (this.count >= this.loadsize) this.expand();
    const hash = hashCode & 0x7fffffff;
    const size = this.buckets.length;
    const step = 1 + ((hash * HASH_PRIME) % (size - 1));
    let index = hash % size;
    let reusable = -1;
    for (let tries = 0; tries < size; tries++) {
      const bucket = this.buckets[index];
      if (reusable === -1 && bucket !== undefined && bucket.entry === undefined && bucket.collided) reusable = index;
      if (bucket === undefined || (bucket.entry === undefined && !bucket.collided)) {
        const at = reusable === -1 ? index : reusable;
        this.buckets[at] = { entry, hash, collided: this.buckets[at]?.collided ?? false };
        this.count += 1;
        return;
      }
      if (reusable === -1 && bucket.entry !== undefined) bucket.collided = true;
      index = (index + step) % size;
    }
    if (reusable === -1) throw new Error('Hashtable insert failed: no free bucket');
    this.buckets[reusable] = { entry, hash, collided: true };
    this.count += 1;
  }

  /** Frees the entry's bucket; its collision bit stays so later probes go on past it. */
  remove(entry: E): void {
    const bucket = this.buckets.find((b) => b?.entry === entry);
    if (bucket === undefined) return;
    bucket.entry = undefined;
    this.count -= 1;
  }

  /** Every entry in enumeration order: the last bucket first. */
  list(): E[] {
    const entries: E[] = [];
    for (let i = this.buckets.length - 1; i >= 0; i--) {
      const entry = this.buckets[i]?.entry;
      if (entry !== undefined) entries.push(entry);
    }
    return entries;
  }

  private expand(): void {
    const old = this.buckets;
    const size = getPrime(2 * old.length);
    this.buckets = new Array<Bucket<E> | undefined>(size).fill(undefined);
    this.loadsize = Math.trunc(Math.fround(LOAD_FACTOR * size));
    for (const bucket of old) {
      if (bucket?.entry === undefined) continue;
      const step = 1 + ((bucket.hash * HASH_PRIME) % (size - 1));
      let index = bucket.hash % size;
      for (;;) {
        const target = this.buckets[index];
        if (target?.entry === undefined) {
          this.buckets[index] = { entry: bucket.entry, hash: bucket.hash, collided: target?.collided ?? false };
          break;
        }
        target.collided = true;
        index = (index + step) % size;
      }
    }
  }
}
