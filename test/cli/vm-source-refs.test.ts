import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { VmSourceRefs } from '../../src/cli/vm-source-refs.js';

/** Names that collide on purpose: slashes inside a name make `a/b` + `c` and `a` + `b/c` the same composed key. */
const arbName = fc.constantFrom('a', 'b', 'a/b', 'b/c', 'web', 'web1', '');
const arbRef = fc.record({ service: arbName, vm: arbName, endpoint: fc.option(arbName, { nil: undefined }) });

describe('the scenario lines behind VMs and endpoints', () => {
  test.prop([fc.array(arbRef, { maxLength: 40 }), fc.array(fc.tuple(fc.constantFrom('vm' as const, 'endpoint' as const), arbName, arbName, arbName), { maxLength: 40 })], { numRuns: 300 })(
    'answer every lookup, scanned or filed, as a map of composed keys where the last line wins',
    (refs, lookups) => {
      const sources = new VmSourceRefs();
      const oracle = new Map<string, number>();
      refs.forEach((ref, line) => {
        sources.add(ref.service, ref.vm, ref.endpoint, { file: 's.yaml', line, column: 1 });
        oracle.set(ref.endpoint === undefined ? `vm ${ref.service}/${ref.vm}` : `endpoint ${ref.service}/${ref.vm}/${ref.endpoint}`, line);
      });
      // Asked twice over, so the later answers come from the filed lines.
      for (const [kind, service, vm, endpoint] of [...lookups, ...lookups]) {
        const key = kind === 'vm' ? `${service}/${vm}` : `${service}/${vm}/${endpoint}`;
        expect(sources.find(kind, key)?.line).toBe(oracle.get(`${kind} ${key}`));
      }
    },
  );
});
