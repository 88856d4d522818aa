import { z } from 'zod';
import { findDisk } from '../../sim/index.js';
import { defineExpectationKind } from './expectation-kind.js';

const NOT_LEASED = 'none';

/**
 * `diskLease: { disk, heldBy: { service, vm } | none }`: who holds the OS disk's lease. The lease outlives a deleted
 * VM for a while ("A disk with name … is currently in use by virtual machine …", compute-lifecycle.md §3.6).
 */
export const diskLeaseKind = defineExpectationKind({
  key: 'diskLease',
  schema: z.strictObject({
    disk: z.string().min(1),
    heldBy: z.union([z.literal(NOT_LEASED), z.strictObject({ service: z.string().min(1), vm: z.string().min(1) })]),
  }),
  describe: (p) => `disk ${p.disk} leased by ${describeHolder(p.heldBy)}`,
  references: (p) => [{ kind: 'disk', name: p.disk, path: ['disk'] }],
  evaluate: (p, { world }) => {
    const disk = findDisk(world, p.disk);
    const actual = disk === undefined ? 'no such disk' : describeHolder(disk.lease ?? NOT_LEASED);
    return { holds: actual === describeHolder(p.heldBy), expected: describeHolder(p.heldBy), actual };
  },
});

function describeHolder(holder: typeof NOT_LEASED | { service: string; vm: string }): string {
  return holder === NOT_LEASED ? NOT_LEASED : `${holder.service}/${holder.vm}`;
}
