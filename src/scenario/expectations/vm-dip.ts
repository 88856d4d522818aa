import { z } from 'zod';
import { findVm } from '../../sim/index.js';
import { defineExpectationKind, showValue } from './expectation-kind.js';
import { addressSchema, referencesOfAddressMatch, resolveAddressMatch } from './named-address.js';
import { describeMatch, matchOf, matchesValue } from './value-match.js';

const NO_DIP = 'none';

/**
 * `vmDip: { service, vm, is?, static? }`: the VM's DIP is an address (or `none`: deallocated VMs hold none, FAQ-2015
 * "the internal IP address is released unless you defined a static internal IP address"), or `is: { not | oneOf }`.
 */
export const vmDipKind = defineExpectationKind({
  key: 'vmDip',
  schema: z
    .strictObject({
      service: z.string().min(1),
      vm: z.string().min(1),
      is: matchOf(addressSchema([NO_DIP])).optional(),
      static: z.boolean().optional(),
    })
    .refine((p) => p.is !== undefined || p.static !== undefined, {
      error: 'say what to expect: "is: <ip>" (or "is: none", "is: { not: <ip> }"), and/or "static: true|false"',
    }),
  describe: (p) => `vm ${p.service}/${p.vm} dip ${describeDip(p)}`,
  references: (p) => [
    { kind: 'vm', service: p.service, name: p.vm, path: ['vm'] },
    ...(p.is === undefined ? [] : referencesOfAddressMatch(p.is, 'is')),
  ],
  evaluate: (p, { world }) => {
    const vm = findVm(world, p.service, p.vm);
    const wanted = p.is === undefined ? undefined : resolveAddressMatch(world, p.is);
    if (wanted?.ok === false) return { holds: false, expected: describeDip(p), actual: wanted.reason };
    const dip = vm?.dip ?? NO_DIP;
    const holds =
      vm !== undefined &&
      (wanted === undefined || matchesValue(wanted.match, dip)) &&
      (p.static === undefined || vm.isStatic === p.static);
    const actual = vm === undefined ? 'no such VM' : `${dip}${vm.dip !== null && vm.isStatic ? ' (static)' : ''}`;
    return { holds, expected: describeDip({ ...p, is: wanted?.shown }), actual: showValue(actual) };
  },
});

function describeDip(p: { is?: Parameters<typeof describeMatch<string>>[0] | undefined; static?: boolean | undefined }): string {
  const parts: string[] = [];
  if (p.is !== undefined) parts.push(describeMatch(p.is));
  if (p.static !== undefined) parts.push(p.static ? 'static' : 'dynamic');
  return parts.join(', ');
}
