import { z } from 'zod';
import { findDisk } from '../../sim/index.js';
import { defineExpectationKind } from './expectation-kind.js';
import { describeMatch, matchOf, matchesValue } from './value-match.js';

const NOT_LEASED = 'none';

type Holder = typeof NOT_LEASED | { service: string; vm: string };

/**
 * `diskLease: { disk, heldBy: { service, vm } | none }` (or `{ not | oneOf }`): who holds the OS disk's lease. The
 * lease outlives a deleted VM for a while ("A disk with name … is currently in use by virtual machine …",
 * compute-lifecycle.md §3.6).
 */
export const diskLeaseKind = defineExpectationKind({
  key: 'diskLease',
  schema: z.strictObject({
    disk: z.string().min(1),
    heldBy: matchOf(z.union([
      z.literal(NOT_LEASED, { error: `write ${NOT_LEASED}, or the holder as { service, vm }` }),
      z.strictObject({ service: z.string().min(1), vm: z.string().min(1) }),
    ])),
  }),
  describe: (p) => `disk ${p.disk} leased by ${describeMatch(p.heldBy, describeHolder)}`,
  references: (p) => [{ kind: 'disk', name: p.disk, path: ['disk'] }],
  evaluate: (p, { world }) => {
    const disk = findDisk(world, p.disk);
    const holder: Holder | undefined = disk === undefined ? undefined : (disk.lease ?? NOT_LEASED);
    return {
      holds: holder !== undefined && matchesValue(p.heldBy, holder, describeHolder),
      expected: describeMatch(p.heldBy, describeHolder),
      actual: holder === undefined ? 'no such disk' : describeHolder(holder),
    };
  },
});

function describeHolder(holder: Holder): string {
  return holder === NOT_LEASED ? NOT_LEASED : `${holder.service}/${holder.vm}`;
}
