import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { compileLiteralBuilder } from '../../src/common/index.js';

const KEY = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => key !== '__proto__');

describe('compileLiteralBuilder', () => {
  test.prop([fc.uniqueArray(KEY, { maxLength: 12 })])('builds the literal a key-by-key copy builds, keys in order', (keys) => {
    const build = compileLiteralBuilder<(values: readonly unknown[]) => Record<string, unknown>>(
      ['values'],
      keys.map((key, k) => ({ key, value: `values[${k}]` })),
    );
    const values = keys.map((_key, k) => ({ k }));
    const expected: Record<string, unknown> = {};
    keys.forEach((key, k) => (expected[key] = values[k]));
    const built = build(values);
    expect(Object.keys(built)).toEqual(Object.keys(expected));
    expect(built).toEqual(expected);
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype);
  });

  it('binds its constants by name', () => {
    const build = compileLiteralBuilder<(n: number) => object>(['n'], [{ key: 'type', value: 'type' }, { key: 'n', value: 'n' }], { type: 'vm.created' });
    expect(build(3)).toEqual({ type: 'vm.created', n: 3 });
  });

  it('refuses __proto__, the one key a literal treats otherwise', () => {
    expect(() => compileLiteralBuilder(['v'], [{ key: '__proto__', value: 'v' }])).toThrow(/__proto__/);
  });
});
