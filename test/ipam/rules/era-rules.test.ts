import { beforeEach, describe, expect, it } from 'vitest';
import { PLATFORM_FEATURES, checkPlan, featureAvailable, parseEra, type NetworkPlan } from '../../../src/ipam/index.js';
import { parseScenario } from '../../../src/scenario/index.js';
import { InputError } from '../../../src/common/index.js';
import { plan, resetLines, site, vnet } from './plan-builder.js';

beforeEach(resetLines);

describe('the platform feature timeline', () => {
  it.each([
    ['2012', '2012-06'],
    ['2014', '2014-12'],
    ['2013-08', '2013-08'],
    ['2014-13', undefined],
    ['2013', undefined],
    ['14-05', undefined],
  ])('reads era %s as %s', (text, month) => {
    expect(parseEra(text)).toBe(month);
  });

  it('dates every feature with a month and a source, oldest first', () => {
    for (const feature of PLATFORM_FEATURES) {
      expect(feature.since).toMatch(/^20\d\d-\d\d$/);
      expect(feature.source.length).toBeGreaterThan(10);
    }
    const months = PLATFORM_FEATURES.map((f) => f.since);
    expect(months).toEqual([...months].sort());
  });

  it.each([
    ['regional-vnet', '2014-04', false],
    ['regional-vnet', '2014-05', true],
    ['point-to-site', '2012', false],
    ['point-to-site', '2013-08', true],
    ['public-vnet-space', '2014-09', false],
    ['public-vnet-space', '2014', true],
  ] as const)('%s in %s: %s', (feature, era, expected) => {
    expect(featureAvailable(feature, era)).toBe(expected);
  });
});

/** One plan per dated plan feature, the first era without it and the first era with it. */
const FEATURE_PLANS: Array<[string, () => NetworkPlan, string, string]> = [
  ['regional-vnet', () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], location: 'West US' })] }), '2014-04', '2014-05'],
  [
    'point-to-site',
    () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], affinityGroup: 'AG', subnets: { GatewaySubnet: '10.0.0.0/28' }, pool: ['172.16.0.0/24'] })] }),
    '2013-07',
    '2013-08',
  ],
  [
    'multi-site',
    () =>
      plan({
        sites: [site('A', ['192.168.1.0/24'], '131.1.1.1'), site('B', ['192.168.2.0/24'], '131.1.1.2')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], affinityGroup: 'AG', subnets: { GatewaySubnet: '10.0.0.0/28' }, connections: ['A', 'B'] })],
      }),
    '2014-04',
    '2014-05',
  ],
  [
    'vnet-to-vnet',
    () =>
      plan({
        sites: [site('PeerSite', ['10.1.0.0/16'], '131.1.1.1')],
        vnets: [
          vnet('V', { space: ['10.0.0.0/16'], affinityGroup: 'AG', subnets: { GatewaySubnet: '10.0.0.0/28' }, connections: ['PeerSite'] }),
          vnet('Peer', { space: ['10.1.0.0/16'], affinityGroup: 'AG' }),
        ],
      }),
    '2014-04',
    '2014-05',
  ],
];

describe('feature-era: a plan feature used before it existed is an error naming the feature and its date', () => {
  it.each(FEATURE_PLANS)('%s', (name, build, before, from) => {
    const early = checkPlan(build(), { era: before }).filter((d) => d.rule === 'feature-era');
    expect(early).toHaveLength(1);
    expect(early[0]?.message).toContain(`available from ${from}`);
    expect(early[0]?.message).toContain(`judged as of ${before}`);
    resetLines();
    expect(checkPlan(build(), { era: from }).filter((d) => d.rule === 'feature-era')).toEqual([]);
    expect(name.length).toBeGreaterThan(0);
  });

  it('dates ExpressRoute by its Dedicated connection', () => {
    const built = plan({
      sites: [site('Circuit', ['192.168.0.0/16'])],
      vnets: [vnet('V', { space: ['10.0.0.0/16'], affinityGroup: 'AG', subnets: { GatewaySubnet: '10.0.0.0/28' }, connections: ['Circuit'] })],
    });
    const connection = built.vnets[0]?.gateway?.connections[0];
    if (connection !== undefined) connection.type = 'Dedicated';
    expect(checkPlan(built, { era: '2014-06' }).map((d) => d.rule)).toContain('feature-era');
    expect(checkPlan(built, { era: '2014-07' }).map((d) => d.rule)).not.toContain('feature-era');
  });
});

const SCENARIO = (era: string, timeline: string) => `name: era
seed: 1
era: ${era}
network:
  virtualNetworkSites:
    - { name: V, affinityGroup: AG, addressSpace: [10.0.0.0/16], subnets: [{ name: GatewaySubnet, addressPrefix: 10.0.0.0/28 }] }
compute:
  affinityGroups: [{ name: AG, region: West US }]
timeline:
${timeline}`;

describe('feature-era: scenario commands are judged by the same timeline', () => {
  it.each([
    ['2013-07', '  - { at: 1m, createGateway: { vnet: V, gatewayType: DynamicRouting } }', 'dynamic routing gateways, available from 2013-08'],
    ['2014-06', '  - { at: 1m, createGateway: { vnet: V, gatewayType: DynamicRouting, sku: HighPerformance } }', 'HighPerformance gateway SKU (Resize-AzureVNetGateway), available from 2014-11'],
  ])('in %s: %s is refused', (era, timeline, words) => {
    let error: unknown;
    try {
      parseScenario(SCENARIO(era, timeline), 'era.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const found = (error as InputError).diagnostics.filter((d) => d.rule === 'feature-era');
    expect(found.map((d) => d.line)).toEqual([10]);
    expect(found[0]?.message).toContain(words);
  });

  it('accepts the same command once the feature exists, and plays a month era in the right world', () => {
    const scenario = parseScenario(SCENARIO('2013-08', '  - { at: 1m, createGateway: { vnet: V, gatewayType: DynamicRouting } }'), 'era.yaml');
    expect([scenario.era, scenario.eraMonth]).toEqual(['2012', '2013-08']);
  });
});
