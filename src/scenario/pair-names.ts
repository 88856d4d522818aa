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

  private joined(): Set<string> {
    this.joinedNames ??= new Set(this.firsts.map((first, i) => this.join(first, this.seconds[i]!)));
    return this.joinedNames;
  }
}
