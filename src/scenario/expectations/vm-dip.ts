import { z } from 'zod';
import { findVm } from '../../sim/index.js';
import { defineExpectationKind, showValue } from './expectation-kind.js';

const NO_DIP = 'none';

/**
 * `vmDip: { service, vm, is | not, static? }`: the VM's DIP is (or is not) an address, or `none` (deallocated VMs
 * hold none: FAQ-2015 "the internal IP address is released unless you defined a static internal IP address").
 */
export const vmDipKind = defineExpectationKind({
  key: 'vmDip',
  schema: z
    .strictObject({
      service: z.string().min(1),
      vm: z.string().min(1),
      is: z.union([z.ipv4(), z.literal(NO_DIP)]).optional(),
      not: z.ipv4().optional(),
      static: z.boolean().optional(),
    })
    .refine((p) => p.is !== undefined || p.not !== undefined || p.static !== undefined, {
      error: 'say what to expect: "is: <ip>" (or "is: none"), "not: <ip>", and/or "static: true|false"',
    }),
  describe: (p) => `vm ${p.service}/${p.vm} dip ${describeDip(p)}`,
  references: (p) => [{ kind: 'vm', service: p.service, name: p.vm, path: ['vm'] }],
  evaluate: (p, { world }) => {
    const vm = findVm(world, p.service, p.vm);
    const dip = vm?.dip ?? NO_DIP;
    const holds =
      vm !== undefined &&
      (p.is === undefined || dip === p.is) &&
      (p.not === undefined || dip !== p.not) &&
      (p.static === undefined || vm.isStatic === p.static);
    const actual = vm === undefined ? 'no such VM' : `${dip}${vm.dip !== null && vm.isStatic ? ' (static)' : ''}`;
    return { holds, expected: describeDip(p), actual: showValue(actual) };
  },
});

function describeDip(p: { is?: string | undefined; not?: string | undefined; static?: boolean | undefined }): string {
  const parts: string[] = [];
  if (p.is !== undefined) parts.push(p.is);
  if (p.not !== undefined) parts.push(`not ${p.not}`);
  if (p.static !== undefined) parts.push(p.static ? 'static' : 'dynamic');
  return parts.join(', ');
}
