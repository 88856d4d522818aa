import { z } from 'zod';
import { findService } from '../../sim/index.js';
import { defineExpectationKind } from './expectation-kind.js';
import { describeMatch, matchOf, matchesValue } from './value-match.js';

const ASSIGNED = 'assigned';
const NO_VIP = 'none';

/**
 * `serviceVip: { service, slot?, is: assigned | none }`: whether the slot (production by default) holds a VIP. An IaaS
 * service keeps its VIP "until all the VMs in that cloud service are deallocated or deleted" (FAQ-2015,
 * azure-classic.md §4.3); the address itself is drawn at random, so the expectation names only its presence.
 */
export const serviceVipKind = defineExpectationKind({
  key: 'serviceVip',
  schema: z.strictObject({
    service: z.string().min(1),
    slot: z.enum(['production', 'staging']).optional(),
    is: matchOf(z.enum([ASSIGNED, NO_VIP])),
  }),
  describe: (p) => `service ${p.service} ${p.slot ?? 'production'} VIP ${describeMatch(p.is)}`,
  references: (p) => [{ kind: 'service', name: p.service, path: ['service'] }],
  evaluate: (p, { world }) => {
    const service = findService(world, p.service);
    const vip = service?.vips[p.slot ?? 'production'] ?? null;
    const actual = service === undefined ? 'no such service' : vip === null ? NO_VIP : `${ASSIGNED} (${vip})`;
    return { holds: service !== undefined && matchesValue(p.is, vip === null ? NO_VIP : ASSIGNED), expected: describeMatch(p.is), actual };
  },
});
