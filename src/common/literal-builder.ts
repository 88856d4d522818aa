/** One property of a generated object literal: its key, and its value as an expression over the builder's parameters. */
export interface LiteralEntry {
  readonly key: string;
  readonly value: string;
}

/**
 * Compiles `(...parameters) => ({ key: value, ... })`, `constants` bound by name. Generated code is the one way to get
 * an object literal whose keys are known only at run time: one allocation of the final shape, where an object built
 * key by key costs a transitioning keyed store per key. Each key enters the source as a JSON string literal, so it can
 * be nothing but a property name; `__proto__`, the one name a literal would treat otherwise, is refused. The value
 * expressions are the caller's own code, never input.
 */
export function compileLiteralBuilder<F>(parameters: readonly string[], entries: readonly LiteralEntry[], constants: Readonly<Record<string, unknown>> = {}): F {
  if (entries.some((entry) => entry.key === '__proto__')) throw new Error('a generated object literal cannot hold the key __proto__');
  const properties = entries.map((entry) => `${JSON.stringify(entry.key)}: ${entry.value}`).join(', ');
  const names = Object.keys(constants);
  const source = `return (${parameters.join(', ')}) => ({ ${properties} });`;
  return new Function(...names, source)(...names.map((name) => constants[name])) as F;
}
