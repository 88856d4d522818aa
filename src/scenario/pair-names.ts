/**
 * A set of two-part names (`service/vm`, `vnet/subnet`) that answers as a Set of the joined names `first/second`
 * would, without joining each one: a large estate declares a few hundred thousand VMs, and building, flattening and
 * hashing a new string per VM cost more than the rest of the check. The joined names are made only when listed, or
 * when some part holds a `/` itself (then two pairs can join to the same name, and only the joined names tell).
 */
export class PairNames implements Iterable<string> {
  /** `join` writes a pair as one name (vmKey, subnetKey). */
  constructor(private readonly join: (first: string, second: string) => string) {}

  private readonly byFirst = new Map<string, Set<string>>();
  private readonly firsts: string[] = [];
  private readonly seconds: string[] = [];
  private joinedNames: Set<string> | undefined;
  private hasSlash = false;

  add(first: string, second: string): void {
    let seconds = this.byFirst.get(first);
    if (seconds === undefined) {
      seconds = new Set();
      this.byFirst.set(first, seconds);
    }
    const size = seconds.size;
    seconds.add(second);
    if (seconds.size === size) return;
    this.firsts.push(first);
    this.seconds.push(second);
    this.joinedNames?.add(this.join(first, second));
    if (first.includes('/') || second.includes('/')) this.hasSlash = true;
  }

  has(first: string, second: string): boolean {
    if (this.hasSlash || first.includes('/') || second.includes('/')) return this.joined().has(this.join(first, second));
    return this.byFirst.get(first)?.has(second) ?? false;
  }

  /** How many distinct joined names. */
  get size(): number {
    return this.hasSlash ? this.joined().size : this.firsts.length;
  }

  /** The joined names, in the order they were first added. */
  [Symbol.iterator](): Iterator<string> {
    return this.joined()[Symbol.iterator]();
  }

  /** Whether some pair has `second` as its second part (a scan of the first parts). */
  hasSecond(second: string): boolean {
    for (const seconds of this.byFirst.values()) if (seconds.has(second)) return true;
    return false;
  }

  /** The second parts of the pairs, in the order the pairs were first added (repeats included). */
  secondParts(): readonly string[] {
    return this.seconds;
  }

  private joined(): Set<string> {
    this.joinedNames ??= new Set(this.firsts.map((first, i) => this.join(first, this.seconds[i]!)));
    return this.joinedNames;
  }
}

/** Lookups a SecondNames answers by scanning before it builds its set. */
const SCANNED_LOOKUPS = 32;

/**
 * The distinct second parts of a PairNames (the bare VM names of the `service/vm` pairs), answering as a Set of them
 * would (same order: first added first) without building that Set while only a few names are asked about: an estate
 * declares 200k VMs and a scenario names a handful by bare name. Past a few dozen lookups, or when listed, the Set is
 * built once.
 */
export class SecondNames implements Iterable<string> {
  private names: Set<string> | undefined;
  private lookups = 0;

  constructor(private readonly pairs: PairNames) {}

  has(name: string): boolean {
    if (this.names === undefined && ++this.lookups <= SCANNED_LOOKUPS) return this.pairs.hasSecond(name);
    return this.built().has(name);
  }

  /** How many distinct second parts. */
  get size(): number {
    return this.built().size;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.built()[Symbol.iterator]();
  }

  private built(): Set<string> {
    this.names ??= new Set(this.pairs.secondParts());
    return this.names;
  }
}
