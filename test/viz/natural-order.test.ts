import { describe, expect, it } from 'vitest';
import { compareNatural } from '../../src/viz/index.js';

describe('compareNatural', () => {
  it.each([
    ['vm4', 'vm12', -1],
    ['vm12', 'vm4', 1],
    ['vm0', 'vm0', 0],
    ['vm9', 'vm10', -1],
    ['vm', 'vm0', -1],
    ['subnet-2', 'subnet-10', -1],
    ['Hub/FrontEnd', 'Hub/BackEnd', 1],
    ['svc2/vm3', 'svc10/vm1', -1],
    ['vm01', 'vm1', -1],
    ['a', 'B', 1],
    ['vm99999999999999999999', 'vm100000000000000000000', -1],
    ['10.0.0.9', '10.0.0.10', -1],
  ])('compares %s with %s as %d', (a, b, expected) => {
    expect(Math.sign(compareNatural(a, b))).toBe(expected);
  });

  it('sorts VM names as a person reads them', () => {
    expect(['vm12', 'vm4', 'vm0', 'vm100', 'vm1'].sort(compareNatural)).toEqual(['vm0', 'vm1', 'vm4', 'vm12', 'vm100']);
  });
});
