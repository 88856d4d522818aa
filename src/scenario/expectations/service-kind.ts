import { z } from 'zod';
import { findService } from '../../sim/index.js';
import { defineExpectationKind } from './expectation-kind.js';
import { describeMatch, matchOf, matchesValue } from './value-match.js';

// A service with no deployment is neither IaaS nor PaaS: the seed's "androgynous" service (compute-lifecycle.md §2.1).
const EMPTY_KIND = 'empty';

/** `serviceKind: { service, is: IaaS | PaaS | empty }`: what the service's first deployment made it. */
export const serviceKindKind = defineExpectationKind({
  key: 'serviceKind',
  schema: z.strictObject({ service: z.string().min(1), is: matchOf(z.enum(['IaaS', 'PaaS', EMPTY_KIND])) }),
  describe: (p) => `service ${p.service} is ${describeMatch(p.is)}`,
  references: (p) => [{ kind: 'service', name: p.service, path: ['service'] }],
  evaluate: (p, { world }) => {
    const service = findService(world, p.service);
    const actual = service === undefined ? undefined : (service.kind ?? EMPTY_KIND);
    return { holds: actual !== undefined && matchesValue(p.is, actual), expected: describeMatch(p.is), actual: actual ?? 'no such service' };
  },
});
