import type { ScriptBlockNode } from './ast.js';
import { HashtableBuckets, keyHashCode } from './hashtable-buckets.js';

/**
 * Runtime values. PowerShell's scalars map to JS (`$null` → null, numbers, strings, booleans); arrays are JS arrays;
 * the rest are the classes below. Names (properties, keys, variables) are case-insensitive throughout.
 */

/** One key and its value. */
export interface HashtableEntry {
  key: unknown;
  value: unknown;
}

/**
 * `@{...}`: keys compare case-insensitively when they are strings, and enumerate in .NET Hashtable bucket order
 * (hashtable-buckets.ts), not in the order they were written; `[ordered]` (OrderedDictionary) keeps insertion order.
 */
export class PsHashtable {
  private readonly lookup = new Map<string, HashtableEntry>();
  private readonly placement: HashtableBuckets<HashtableEntry> | undefined;

  /** `capacity`: the literal's entry count, which sizes the bucket array as `new Hashtable(n, comparer)` did. */
  constructor(options: { ordered?: boolean; capacity?: number } = {}) {
    this.placement = options.ordered === true ? undefined : new HashtableBuckets(options.capacity ?? 0);
  }

  /** The normalized lookup key of a hashtable key. */
  static slot(key: unknown): string {
    return typeof key === 'string' ? `s:${key.toLowerCase()}` : `${typeof key}:${String(key)}`;
  }

  get ordered(): boolean {
    return this.placement === undefined;
  }

  get count(): number {
    return this.lookup.size;
  }

  get(key: unknown): unknown {
    return this.lookup.get(PsHashtable.slot(key))?.value ?? null;
  }

  has(key: unknown): boolean {
    return this.lookup.has(PsHashtable.slot(key));
  }

  set(key: unknown, value: unknown): void {
    const slot = PsHashtable.slot(key);
    const existing = this.lookup.get(slot);
    if (existing !== undefined) {
      existing.value = value;
      return;
    }
    const entry = { key, value };
    this.lookup.set(slot, entry);
    this.placement?.insert(entry, keyHashCode(key));
  }

  delete(key: unknown): void {
    const slot = PsHashtable.slot(key);
    const entry = this.lookup.get(slot);
    if (entry === undefined) return;
    this.lookup.delete(slot);
    this.placement?.remove(entry);
  }

  clear(): void {
    for (const entry of this.lookup.values()) this.placement?.remove(entry);
    this.lookup.clear();
  }

  /** The entries in enumeration order (`.Keys`, `.GetEnumerator()`, the console's Name/Value table). */
  list(): HashtableEntry[] {
    return this.placement === undefined ? [...this.lookup.values()] : this.placement.list();
  }

  keys(): unknown[] {
    return this.list().map((e) => e.key);
  }

  values(): unknown[] {
    return this.list().map((e) => e.value);
  }
}

/** A method on a PsObject: receives the evaluated arguments. */
export type PsMethod = (args: unknown[]) => unknown;

/** An object with named properties: a cmdlet's output (PersistentVMRoleContext …) or a `[PSCustomObject]`. */
export class PsObject {
  readonly properties = new Map<string, { name: string; value: unknown }>();
  readonly methods = new Map<string, PsMethod>();
  /** Set on objects that are .NET collections (NetworkAclObject is a List of rules): the console shows their items. */
  collectionItems: (() => unknown[]) | undefined;

  constructor(readonly typeName: string, properties: Record<string, unknown> = {}, private readonly display?: () => string) {
    for (const [name, value] of Object.entries(properties)) this.set(name, value);
  }

  get(name: string): unknown {
    return this.properties.get(name.toLowerCase())?.value ?? null;
  }

  has(name: string): boolean {
    return this.properties.has(name.toLowerCase());
  }

  set(name: string, value: unknown): void {
    const existing = this.properties.get(name.toLowerCase());
    this.properties.set(name.toLowerCase(), { name: existing?.name ?? name, value });
  }

  /** Adds a method callable as `$obj.Name(...)`. */
  method(name: string, implementation: PsMethod): this {
    this.methods.set(name.toLowerCase(), implementation);
    return this;
  }

  /** Property names in declaration order. */
  names(): string[] {
    return [...this.properties.values()].map((p) => p.name);
  }

  toString(): string {
    return this.display?.() ?? this.typeName;
  }
}

/** `{ ... }` as a value: invoked by ForEach-Object, Where-Object, `&`, or `.Invoke()`. */
export class PsScriptBlock {
  constructor(readonly node: ScriptBlockNode) {}

  toString(): string {
    return this.node.text;
  }
}

/** A `[datetime]`: milliseconds since the epoch on the simulated clock, shown in the en-US culture. */
export class PsDate {
  constructor(readonly ms: number) {}

  toString(): string {
    return formatDate(this.ms, 'G');
  }
}

/** A `[securestring]`: the text is kept (the simulation needs it) but never shown, as PowerShell shows the type. */
export class PsSecureString {
  constructor(readonly plain: string) {}

  toString(): string {
    return 'System.Security.SecureString';
  }
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Formats a time like .NET's DateTime.ToString in en-US: standard (d, D, t, T, g, G, s, u, o) and custom patterns. */
export function formatDate(ms: number, format: string): string {
  const standard: Record<string, string> = {
    d: 'M/d/yyyy', D: 'dddd, MMMM d, yyyy', t: 'h:mm tt', T: 'h:mm:ss tt', g: 'M/d/yyyy h:mm tt', G: 'M/d/yyyy h:mm:ss tt',
    s: "yyyy-MM-dd'T'HH:mm:ss", u: "yyyy-MM-dd HH:mm:ss'Z'", o: "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", f: 'dddd, MMMM d, yyyy h:mm tt', F: 'dddd, MMMM d, yyyy h:mm:ss tt',
  };
  const pattern = standard[format] ?? format;
  const d = new Date(ms);
  const parts: Record<string, string> = {
    yyyy: String(d.getUTCFullYear()), yy: String(d.getUTCFullYear() % 100).padStart(2, '0'),
    MMMM: MONTHS[d.getUTCMonth()] ?? '', MMM: (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3), MM: String(d.getUTCMonth() + 1).padStart(2, '0'), M: String(d.getUTCMonth() + 1),
    dddd: DAYS[d.getUTCDay()] ?? '', ddd: (DAYS[d.getUTCDay()] ?? '').slice(0, 3), dd: String(d.getUTCDate()).padStart(2, '0'), d: String(d.getUTCDate()),
    HH: String(d.getUTCHours()).padStart(2, '0'), H: String(d.getUTCHours()),
    hh: String(d.getUTCHours() % 12 || 12).padStart(2, '0'), h: String(d.getUTCHours() % 12 || 12),
    mm: String(d.getUTCMinutes()).padStart(2, '0'), m: String(d.getUTCMinutes()),
    ss: String(d.getUTCSeconds()).padStart(2, '0'), s: String(d.getUTCSeconds()),
    fffffff: String(d.getUTCMilliseconds()).padStart(3, '0') + '0000', fff: String(d.getUTCMilliseconds()).padStart(3, '0'),
    tt: d.getUTCHours() < 12 ? 'AM' : 'PM',
  };
  return pattern.replace(/'([^']*)'|yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|fffffff|fff|tt/g, (token, literal: string | undefined) => literal ?? parts[token] ?? token);
}
