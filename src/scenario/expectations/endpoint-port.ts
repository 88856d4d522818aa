import { z } from 'zod';
import { findVm } from '../../sim/index.js';
import { defineExpectationKind } from './expectation-kind.js';
import { describeMatch, matchOf, matchesValue, type ValueMatch } from './value-match.js';

const port = matchOf(z.number().int().min(1).max(65_535));

/** `endpoint: { service, vm, name, publicPort?, privatePort? }`: the endpoint exists with these ports (or `{ not | oneOf }`) on the VIP. */
export const endpointKind = defineExpectationKind({
  key: 'endpoint',
  schema: z.strictObject({
    service: z.string().min(1),
    vm: z.string().min(1),
    name: z.string().min(1),
    publicPort: port.optional(),
    privatePort: port.optional(),
  }),
  describe: (p) => `endpoint ${p.service}/${p.vm}/${p.name} ${describePorts(p.publicPort, p.privatePort)}`,
  references: (p) => [{ kind: 'vm', service: p.service, name: p.vm, path: ['vm'] }],
  evaluate: (p, { world }) => {
    const endpoint = findVm(world, p.service, p.vm)?.endpoints[p.name];
    const holds =
      endpoint !== undefined &&
      (p.publicPort === undefined || matchesValue(p.publicPort, endpoint.publicPort)) &&
      (p.privatePort === undefined || matchesValue(p.privatePort, endpoint.privatePort));
    const actual =
      endpoint === undefined ? 'no such endpoint' : describePorts(endpoint.publicPort, endpoint.privatePort);
    return { holds, expected: describePorts(p.publicPort, p.privatePort), actual };
  },
});

function describePorts(publicPort: ValueMatch<number> | undefined, privatePort: ValueMatch<number> | undefined): string {
  const show = (match: ValueMatch<number> | undefined): string => (match === undefined ? 'any' : describeMatch(match));
  return `public ${show(publicPort)} → private ${show(privatePort)}`;
}
