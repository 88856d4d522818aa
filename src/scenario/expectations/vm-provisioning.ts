import { z } from 'zod';
import { findVm, type Vm } from '../../sim/index.js';
import { defineExpectationKind } from './expectation-kind.js';
import { describeMatch, matchOf, matchesValue, type ValueMatch } from './value-match.js';

// A VM booted from a specialized disk is never customized: no host name or admin user set (compute-lifecycle.md §3.1).
const NONE = 'none';

const provisioningFields = {
  hostName: matchOf(z.string().min(1)).optional(),
  adminUser: matchOf(z.string().min(1)).optional(),
  customized: matchOf(z.boolean()).optional(),
  image: matchOf(z.string().min(1)).optional(),
  osDisk: matchOf(z.string().min(1)).optional(),
};

type Provisioning = { hostName: string; adminUser: string; customized: boolean; image: string; osDisk: string };
type Expected = { [K in keyof Provisioning]?: ValueMatch<Provisioning[K]> | undefined };

/**
 * `vmProvisioning: { service, vm, hostName?, adminUser?, customized?, image?, osDisk? }`: what the VM was provisioned
 * with. A VM from a generalized image is customized (host name, admin user) and runs on a copy of the image as its OS
 * disk; a VM from a specialized disk is booted as is (`customized: false`, host name, admin user and image `none`).
 */
export const vmProvisioningKind = defineExpectationKind({
  key: 'vmProvisioning',
  schema: z
    .strictObject({ service: z.string().min(1), vm: z.string().min(1), ...provisioningFields })
    .refine((p) => Object.keys(provisioningFields).some((key) => key in p), {
      error: `say what to expect: one or more of ${Object.keys(provisioningFields).join(', ')}`,
    }),
  describe: (p) => `vm ${p.service}/${p.vm} provisioned with ${describeProvisioning(p)}`,
  references: (p) => [{ kind: 'vm', service: p.service, name: p.vm, path: ['vm'] }],
  evaluate: (p, { world }) => {
    const vm = findVm(world, p.service, p.vm);
    const expected = describeProvisioning(p);
    if (vm === undefined) return { holds: false, expected, actual: 'no such VM' };
    const actual = provisioningOf(vm);
    const holds =
      (p.hostName === undefined || matchesValue(p.hostName, actual.hostName)) &&
      (p.adminUser === undefined || matchesValue(p.adminUser, actual.adminUser)) &&
      (p.customized === undefined || matchesValue(p.customized, actual.customized)) &&
      (p.image === undefined || matchesValue(p.image, actual.image)) &&
      (p.osDisk === undefined || matchesValue(p.osDisk, actual.osDisk));
    return { holds, expected, actual: describeProvisioning(actual) };
  },
});

function provisioningOf(vm: Vm): Provisioning {
  return {
    hostName: vm.hostName ?? NONE,
    adminUser: vm.adminUser === null || vm.adminUser === '' ? NONE : vm.adminUser,
    customized: 'image' in vm.source,
    image: 'image' in vm.source ? vm.source.image : NONE,
    osDisk: vm.osDisk,
  };
}

function describeProvisioning(p: Expected): string {
  const parts: string[] = [];
  if (p.customized !== undefined) parts.push(`customized ${describeMatch(p.customized)}`);
  if (p.image !== undefined) parts.push(`image ${describeMatch(p.image)}`);
  if (p.osDisk !== undefined) parts.push(`OS disk ${describeMatch(p.osDisk)}`);
  if (p.hostName !== undefined) parts.push(`host name ${describeMatch(p.hostName)}`);
  if (p.adminUser !== undefined) parts.push(`admin user ${describeMatch(p.adminUser)}`);
  return parts.join(', ');
}
