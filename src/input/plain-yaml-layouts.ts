import { compileLiteralBuilder } from '../common/index.js';

/*
 * The plain data of the mappings the plain YAML reader reads, built once all of a mapping's values are known. A
 * mapping built key by key (`data[key] = value` per entry) costs a transitioning keyed store per key and leaves the
 * keys past the fourth out of the object, in a second allocation; an object literal of known keys is one allocation
 * at a fraction of the cost. A generated estate writes 200k VMs with the same keys, so each key layout that recurs
 * gets its own literal, compiled once.
 */

/** Mappings of one key layout built key by key before the layout gets a literal: one-off layouts never compile one. */
const USES_BEFORE_COMPILING = 16;

/** Builds a mapping's data from its values, read from `values[from]` on in key order. */
type MappingBuilder = (values: readonly unknown[], from: number) => Record<string, unknown>;

/** A key layout's use count, and its literal once compiled. */
interface LayoutUse {
  uses: number;
  build: MappingBuilder | undefined;
}

/**
 * The mapping builders of one read. Layouts are told apart by the reader's shared key arrays (mappings written with
 * the same keys share one; see PlainTreeBuilder) and the number of keys used from it.
 */
export class MappingLayouts {
  private readonly byKeys = new Map<readonly string[], LayoutUse[]>();

  /** The data of a mapping whose keys are `keys[0..size)`, its values `values[from..from + size)`. */
  build(keys: readonly string[], size: number, values: readonly unknown[], from: number): Record<string, unknown> {
    let uses = this.byKeys.get(keys);
    if (uses === undefined) {
      uses = [];
      this.byKeys.set(keys, uses);
    }
    const use = (uses[size] ??= { uses: 0, build: undefined });
    if (use.build !== undefined) return use.build(values, from);
    if (++use.uses === USES_BEFORE_COMPILING) use.build = compileBuilder(keys.slice(0, size));
    const data: Record<string, unknown> = {};
    for (let i = 0; i < size; i++) data[keys[i]!] = values[from + i];
    return data;
  }
}

/**
 * One object literal of `keys`. The reader takes only plain names as keys ([A-Za-z_][A-Za-z0-9_-]*) and refuses
 * `__proto__`, the one name a literal would treat otherwise; the builder refuses it too, whoever calls.
 */
function compileBuilder(keys: readonly string[]): MappingBuilder {
  return compileLiteralBuilder(['values', 'from'], keys.map((key, i) => ({ key, value: `values[from + ${i}]` })));
}
