import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { VmCommands } from '../../src/scenario/vm-commands.js';

// The oracle is the spread the builder stands for: { type: 'createVm', ...vm }.

const KEYS = ['service', 'name', 'image', 'disk', 'size', 'vnet', 'subnet', 'staticIp', 'adminUser', 'password', 'constructor', 'type', '0', 'a-b'];

/** A VM: any subset of keys in any order, so layouts repeat, change and come back. */
const vm = fc
  .uniqueArray(fc.constantFrom(...KEYS), { maxLength: 8 })
  .chain((keys) => fc.tuple(...keys.map(() => fc.constantFrom<unknown>('web', 'x', 1, undefined, null))).map((values) => Object.fromEntries(keys.map((key, i) => [key, values[i]]))));

describe('createVm commands of the compute section', () => {
  test.prop([fc.array(vm, { maxLength: 40 })], { numRuns: 300 })('equal the spread { type, ...vm } key for key, in order', (vms) => {
    const commands = new VmCommands();
    for (const fields of vms) {
      const built = commands.commandOf(fields as never) as unknown as Record<string, unknown>;
      const spread: Record<string, unknown> = { type: 'createVm', ...fields };
      expect(Object.keys(built)).toEqual(Object.keys(spread));
      expect(built).toStrictEqual(spread);
    }
  });
});
