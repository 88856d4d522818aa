import { z } from 'zod';
import { findVm } from '../../sim/index.js';
import { defineExpectationKind } from './expectation-kind.js';
import { describeMatch, matchOf, matchesValue } from './value-match.js';

/**
 * `vmEndpoints: { service, vm, are: [names] }` (or `{ not | oneOf }`): exactly these endpoints, in any order. An
 * Image-based VM gets a management endpoint from the fabric (RDP/PowerShell or SSH); an OS-disk VM gets none (the
 * seed; azure-classic.md §4.2).
 */
export const vmEndpointsKind = defineExpectationKind({
  key: 'vmEndpoints',
  schema: z.strictObject({ service: z.string().min(1), vm: z.string().min(1), are: matchOf(z.array(z.string().min(1))) }),
  describe: (p) => `vm ${p.service}/${p.vm} endpoints are ${describeMatch(p.are, listNames)}`,
  references: (p) => [{ kind: 'vm', service: p.service, name: p.vm, path: ['vm'] }],
  evaluate: (p, { world }) => {
    const vm = findVm(world, p.service, p.vm);
    const actual = vm === undefined ? undefined : Object.keys(vm.endpoints);
    const holds = actual !== undefined && matchesValue(p.are, actual, listNames);
    return { holds, expected: describeMatch(p.are, listNames), actual: actual === undefined ? 'no such VM' : listNames(actual) };
  },
});

function listNames(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : [...names].sort().join(', ');
}
