import { beforeEach, describe, expect, it } from 'vitest';
import { checkPlan, RULE_CATALOGUE } from '../../../src/ipam/rules/index.js';
import { plan, resetLines, site, vnet } from './plan-builder.js';
import { CASES } from './rule-cases.js';

beforeEach(resetLines);

describe('address-plan rules: each trips on its bad plan and stays quiet on the closest good one', () => {
  it.each(CASES.map((c, i) => [`${c.rule} #${i}`, c] as const))('%s', (_name, c) => {
    const found = checkPlan(c.bad(), c.options ?? {}).filter((d) => d.rule === c.rule);
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.severity).toBe(c.severity);
      expect(d.file).toBe('plan.yaml');
      expect(d.line).toBeGreaterThan(0);
      expect(d.objects.length).toBeGreaterThan(0);
      for (const word of c.mentions) expect(d.message).toContain(word);
    }
    resetLines();
    expect(checkPlan(c.good(), c.options ?? {}).filter((d) => d.rule === c.rule)).toEqual([]);
  });

  it('has a table row for every rule in the catalogue', () => {
    const tested = new Set(CASES.map((c) => c.rule));
    expect(RULE_CATALOGUE.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });
});

describe('checkPlan', () => {
  it('reports nothing for an empty plan', () => {
    expect(checkPlan(plan({}))).toEqual([]);
  });

  it('sorts diagnostics by line, column and rule', () => {
    const found = checkPlan(
      plan({
        vnets: [
          vnet('V', { space: ['10.0.0.0/16', '10.0.0.0/16', '20.0.0.0/8'], subnets: { A: '10.5.0.0/30', B: '11.0.0.0/24' } }),
          vnet('V', { space: ['10.0.0.0/16'], affinityGroup: 'AG', location: 'X' }),
        ],
      }),
    );
    const keys = found.map((d) => [d.line, d.column, d.rule] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(new Set(found.map((d) => d.rule)).size).toBeGreaterThan(4);
  });

  it('places a conflict at the later of the two prefixes and names the earlier line', () => {
    const [d] = checkPlan(plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { A: '10.0.0.0/24', B: '10.0.0.0/25' } })] }));
    expect(d?.rule).toBe('subnet-overlap');
    // lines: V=1, location=2, space=3, A=4, A's prefix=5, B=6, B's prefix=7
    expect(d?.line).toBe(7);
    expect(d?.message).toContain('(line 5)');
    expect(d?.objects).toEqual(['subnet:V/B', 'subnet:V/A']);
  });

  it('judges a prefix with host bits by its network block too, so one typo does not hide an overlap', () => {
    const rules = checkPlan(
      plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { A: '10.0.0.0/24', B: '10.0.0.9/24' } })] }),
    ).map((d) => d.rule);
    expect(rules).toEqual(['cidr-host-bits', 'subnet-overlap']);
  });

  it('reads leading zeros as decimal, never octal: 010.1.0.0/16 is 10.1.0.0/16, private and holding its subnet', () => {
    const found = checkPlan(
      plan({ vnets: [vnet('V', { space: ['010.1.0.0/16'], subnets: { A: '10.1.2.0/24', B: '192.168.0.00/24' } })] }),
      { era: '2014-06' },
    );
    // read as octal, 010 would be 8: a public space (an error before October 2014) and subnet A outside it
    expect(found.map((d) => [d.rule, d.message.split(' is ')[0]])).toEqual([['subnet-outside-space', 'subnet V/B 192.168.0.00/24']]);
  });

  it('does not call a public site prefix public-range: on-premises space may be public', () => {
    const rules = checkPlan(
      plan({ sites: [site('S', ['131.107.0.0/16'], '40.1.1.1')], vnets: [vnet('V', { space: ['10.0.0.0/16'] })] }),
      { era: '2014-06' },
    ).map((d) => d.rule);
    expect(rules).toEqual([]);
  });

  it('does not call a gateway without connections or client pool a missing GatewaySubnet', () => {
    const rules = checkPlan(plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], connections: [] })] })).map((d) => d.rule);
    expect(rules).toEqual([]);
  });
});

describe('rule catalogue', () => {
  it('lists the public rule ids once each, with a severity and a one-line description', () => {
    const ids = RULE_CATALOGUE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'cidr-invalid',
      'cidr-host-bits',
      'space-overlap',
      'subnet-outside-space',
      'subnet-overlap',
      'subnet-size',
      'gateway-subnet-missing',
      'gateway-subnet-small',
      'local-site-overlap',
      'vnet-local-overlap',
      'vpn-address-inside-site',
      'reserved-range',
      'public-range',
      'unknown-reference',
      'duplicate-name',
      'location-required',
      'p2s-pool-overlap',
      'ipv6-unsupported',
      'vnet-overlap',
    ]) {
      expect(ids).toContain(id);
    }
    for (const rule of RULE_CATALOGUE) {
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.description).toMatch(/^[A-Z].*\.$/);
      expect(rule.description).not.toContain('\n');
    }
  });
});
