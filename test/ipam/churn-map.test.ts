import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ChurnMap } from '../../src/ipam/churn-map.js';

/** Enough distinct keys that more than 1,024 tombstones pile up and get swept. */
const KEYS = 3000;

type Op = { kind: 'set'; key: number; value: number } | { kind: 'delete'; key: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.nat(KEYS), value: fc.nat(32) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(KEYS) }),
);

describe('ChurnMap', () => {
  test.prop([fc.array(op, { minLength: 2000, maxLength: 9000 })], { numRuns: 20 })('behaves like a Map through tombstone sweeps', (ops) => {
    const map = new ChurnMap();
    const model = new Map<number, number>();
    for (const step of ops) {
      if (step.kind === 'set') {
        map.set(step.key, step.value);
        model.set(step.key, step.value);
      } else {
        expect(map.delete(step.key)).toBe(model.delete(step.key));
      }
      expect(map.size).toBe(model.size);
    }
    for (let key = 0; key <= KEYS; key++) expect(map.get(key)).toBe(model.get(key));
    expect(new Map(map.liveEntries())).toEqual(model);
  });
});
