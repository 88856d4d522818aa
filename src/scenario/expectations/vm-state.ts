import { z } from 'zod';
import { findVm } from '../../sim/index.js';
import { defineExpectationKind, showValue } from './expectation-kind.js';
import { describeMatch, matchOf, matchesValue } from './value-match.js';

// The InstanceStatus values the Service Management API reported (compute-lifecycle.md §2.3).
export const INSTANCE_STATUS = z.enum([
  'RoleStateUnknown', 'Provisioning', 'StartingVM', 'ReadyRole', 'StoppingVM', 'StoppedVM',
  'StoppingAndDeallocating', 'StoppedDeallocated', 'RestartingRole',
  'ProvisioningFailed', 'ProvisioningTimeout', 'FailedStartingVM',
]);

/** `vmState: { service, vm, is }`: the VM's InstanceStatus, or `is: { not | oneOf }` (a deleted or never-created VM has none). */
export const vmStateKind = defineExpectationKind({
  key: 'vmState',
  schema: z.strictObject({ service: z.string().min(1), vm: z.string().min(1), is: matchOf(INSTANCE_STATUS) }),
  describe: (p) => `vm ${p.service}/${p.vm} is ${describeMatch(p.is)}`,
  references: (p) => [{ kind: 'vm', service: p.service, name: p.vm, path: ['vm'] }],
  evaluate: (p, { world }) => {
    const actual = findVm(world, p.service, p.vm)?.state;
    return {
      holds: actual !== undefined && matchesValue(p.is, actual),
      expected: describeMatch(p.is),
      actual: showValue(actual ?? 'no such VM'),
    };
  },
});
