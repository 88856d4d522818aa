import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Command } from '../../src/sim/index.js';
import { referencesOfCommand } from '../../src/scenario/object-reference.js';
import { areVmReferencesSatisfied, createDeclarations, isSatisfied } from '../../src/scenario/reference-check.js';

// The oracle for the createVm shortcut is the general check: every reference referencesOfCommand makes, each
// asked of isSatisfied.

const name = fc.constantFrom('a', 'b', 'a/b');
const maybe = fc.option(name, { nil: undefined });

/** Declarations of a few names of every kind a createVm refers to. */
const declared = fc.record({
  services: fc.array(name, { maxLength: 3 }),
  images: fc.array(name, { maxLength: 2 }),
  disks: fc.array(name, { maxLength: 2 }),
  vnets: fc.array(name, { maxLength: 2 }),
  subnets: fc.array(fc.tuple(name, name), { maxLength: 3 }),
});

const createVm = fc.record({ service: name, name, image: maybe, disk: maybe, vnet: maybe, subnet: maybe }).map(
  (fields) => ({ type: 'createVm', ...fields }) as Extract<Command, { type: 'createVm' }>,
);

describe('createVm references', () => {
  test.prop([declared, createVm], { numRuns: 500 })('are satisfied exactly when each reference the command makes is', (names, command) => {
    const declarations = createDeclarations();
    names.services.forEach((n) => declarations.service.add(n));
    names.images.forEach((n) => declarations.image.add(n));
    names.disks.forEach((n) => declarations.disk.add(n));
    names.vnets.forEach((n) => declarations.vnet.add(n));
    names.subnets.forEach(([vnet, subnet]) => declarations.subnet.add(vnet, subnet));
    const each = referencesOfCommand(command).every((reference) => isSatisfied(declarations, reference));
    expect(areVmReferencesSatisfied(declarations, command)).toBe(each);
  });
});
