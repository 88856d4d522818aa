import type { CheckPlanOptions, NetworkPlan } from '../../../src/ipam/index.js';
import { dns, plan, site, vnet } from './plan-builder.js';

/** One row of the rule table: a plan that trips the rule and the closest plan that does not. */
export interface RuleCase {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  /** A plan that must trip the rule. */
  bad: () => NetworkPlan;
  /** The closest plan that must not. */
  good: () => NetworkPlan;
  options?: CheckPlanOptions;
  /** Words the message must contain (object names, the fix). */
  mentions: string[];
}

const gw = { GatewaySubnet: '10.0.255.0/28' };

/** The rule table: at least one row per rule of the catalogue (rules.test.ts checks that). */
export const CASES: RuleCase[] = [
  {
    rule: 'cidr-invalid',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { A: '10.0.1.0/33' } })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { A: '10.0.1.0/24' } })] }),
    mentions: ['V/A', '0 to 32'],
  },
  {
    rule: 'cidr-host-bits',
    severity: 'warning',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.10.0.0/8'], subnets: { A: '10.0.1.0/24' } })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/8'], subnets: { A: '10.0.1.0/24' } })] }),
    mentions: ['VNet V', 'accepted', '10.0.0.0/8', '10.10.0.0/16'],
  },
  {
    rule: 'address-invalid',
    severity: 'error',
    bad: () => plan({ dns: [dns('D', '10.0.0.400')] }),
    good: () => plan({ dns: [dns('D', '10.0.0.4')] }),
    mentions: ['DNS server D', '255'],
  },
  {
    rule: 'ipv6-unsupported',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16', '2001:db8::/48'] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'] })] }),
    mentions: ['VNet V', 'IPv4'],
  },
  {
    rule: 'space-overlap',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16', '10.0.128.0/17'] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16', '10.1.0.0/16'] })] }),
    mentions: ['10.0.0.0/16', '10.0.128.0/17', 'remove'],
  },
  {
    rule: 'reserved-range',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['168.63.128.0/22'] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['168.63.132.0/22'] })] }),
    mentions: ['168.63.129.16', 'VNet V'],
  },
  {
    rule: 'public-range',
    severity: 'warning',
    bad: () => plan({ vnets: [vnet('V', { space: ['20.0.0.0/16'] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['172.16.0.0/12'] })] }),
    mentions: ['20.0.0.0/16', 'private range'],
  },
  {
    rule: 'public-range',
    severity: 'error',
    options: { era: '2014-06' },
    bad: () => plan({ vnets: [vnet('V', { space: ['172.32.0.0/16'] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['192.168.0.0/16'] })] }),
    mentions: ['172.32.0.0/16', 'October 2014'],
  },
  {
    rule: 'vnet-overlap',
    severity: 'info',
    bad: () => plan({ vnets: [vnet('A', { space: ['10.0.0.0/16'] }), vnet('B', { space: ['10.0.5.0/24'] })] }),
    good: () => plan({ vnets: [vnet('A', { space: ['10.0.0.0/16'] }), vnet('B', { space: ['10.1.0.0/16'] })] }),
    mentions: ['VNet A', 'VNet B', 'isolated'],
  },
  {
    rule: 'vnet-overlap',
    severity: 'error',
    bad: () =>
      plan({
        sites: [site('BSite', ['10.1.0.0/16'], '131.1.1.1')],
        vnets: [
          vnet('A', { space: ['10.0.0.0/15'], subnets: gw, connections: ['BSite'] }),
          vnet('B', { space: ['10.1.0.0/16'] }),
        ],
      }),
    good: () =>
      plan({
        sites: [site('BSite', ['10.1.0.0/16'], '131.1.1.1')],
        vnets: [
          vnet('A', { space: ['10.0.0.0/16'], subnets: gw, connections: ['BSite'] }),
          vnet('B', { space: ['10.1.0.0/16'] }),
        ],
      }),
    mentions: ['VNet A', 'VNet B', 'BSite', 'renumber'],
  },
  {
    rule: 'subnet-outside-space',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/24', '10.0.1.0/24'], subnets: { A: '10.0.0.0/23' } })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/24', '10.0.1.0/24'], subnets: { A: '10.0.1.0/25' } })] }),
    mentions: ['V/A', '10.0.0.0/24, 10.0.1.0/24'],
  },
  {
    rule: 'subnet-overlap',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { A: '10.0.0.0/24', B: '10.0.0.64/26' } })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { A: '10.0.0.0/24', B: '10.0.1.0/26' } })] }),
    mentions: ['V/A', 'V/B'],
  },
  {
    rule: 'subnet-size',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { A: '10.0.0.0/30' } })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { A: '10.0.0.0/29' } })] }),
    mentions: ['V/A', '/29'],
  },
  {
    rule: 'subnet-size',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/7'], subnets: { A: '10.0.0.0/7' } })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/8'], subnets: { A: '10.0.0.0/8' } })] }),
    mentions: ['V/A', '/8'],
  },
  {
    rule: 'gateway-subnet-missing',
    severity: 'error',
    bad: () =>
      plan({
        sites: [site('S', ['192.168.0.0/16'], '131.1.1.1')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { Gatewaysubnet: '10.0.0.0/28' }, connections: ['S'] })],
      }),
    good: () =>
      plan({
        sites: [site('S', ['192.168.0.0/16'], '131.1.1.1')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { GatewaySubnet: '10.0.0.0/28' }, connections: ['S'] })],
      }),
    mentions: ['VNet V', 'Gatewaysubnet', 'exactly GatewaySubnet'],
  },
  {
    rule: 'gateway-subnet-small',
    severity: 'warning',
    options: { era: '2016-01' },
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { GatewaySubnet: '10.0.0.0/29' } })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { GatewaySubnet: '10.0.0.0/27' } })] }),
    mentions: ['V/GatewaySubnet', '/28'],
  },
  {
    rule: 'gateway-subnet-small',
    severity: 'info',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { GatewaySubnet: '10.0.0.0/29' } })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { GatewaySubnet: '10.0.0.0/28' } })] }),
    mentions: ['samples of the time used /29', '2016-01'],
  },
  {
    rule: 'feature-era',
    severity: 'error',
    options: { era: '2012' },
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], location: 'West US' })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], affinityGroup: 'AG' })] }),
    mentions: ['VNet V', 'regional virtual networks', '2014-05', 'affinity group'],
  },
  {
    rule: 'local-site-overlap',
    severity: 'error',
    bad: () =>
      plan({
        sites: [site('S1', ['10.2.0.0/16'], '131.1.1.1'), site('S2', ['10.2.3.0/24'], '131.1.1.2')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, connections: ['S1', 'S2'] })],
      }),
    good: () =>
      plan({
        sites: [site('S1', ['10.2.0.0/16'], '131.1.1.1'), site('S2', ['10.2.3.0/24'], '131.1.1.2')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, connections: ['S1'] })],
      }),
    mentions: ['local site S1', 'local site S2', 'VNet V'],
  },
  {
    rule: 'local-site-overlap',
    severity: 'error',
    bad: () => plan({ sites: [site('S', ['10.0.0.0/9', '10.16.0.0/27'], '131.1.1.1')] }),
    good: () => plan({ sites: [site('S', ['10.0.0.0/9', '10.128.0.0/27'], '131.1.1.1')] }),
    mentions: ['10.0.0.0/9', '10.16.0.0/27'],
  },
  {
    rule: 'vnet-local-overlap',
    severity: 'error',
    bad: () =>
      plan({
        sites: [site('OnPrem', ['10.0.0.0/8'], '131.1.1.1')],
        vnets: [vnet('V', { space: ['10.107.38.0/24'], subnets: { GatewaySubnet: '10.107.38.0/28' }, connections: ['OnPrem'] })],
      }),
    good: () =>
      plan({
        sites: [site('OnPrem', ['10.0.0.0/8'], '131.1.1.1')],
        vnets: [vnet('V', { space: ['10.107.38.0/24'], subnets: { GatewaySubnet: '10.107.38.0/28' } })],
      }),
    mentions: ['VNet V', 'local site OnPrem', 'IP address prefix is not valid'],
  },
  {
    rule: 'vpn-address-inside-site',
    severity: 'error',
    bad: () => plan({ sites: [site('S', ['131.107.0.0/16'], '131.107.72.22')] }),
    good: () => plan({ sites: [site('S', ['192.168.0.0/16'], '131.107.72.22')] }),
    mentions: ['local site S', '131.107.72.22', '131.107.0.0/16'],
  },
  {
    rule: 'p2s-pool-overlap',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, pool: ['10.0.200.0/24'] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, pool: ['172.16.0.0/24'] })] }),
    mentions: ['client pool', 'VNet V'],
  },
  {
    rule: 'unknown-reference',
    severity: 'error',
    bad: () =>
      plan({
        sites: [site('Site1', ['192.168.0.0/16'], '131.1.1.1')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, connections: ['site1'] })],
      }),
    good: () =>
      plan({
        sites: [site('Site1', ['192.168.0.0/16'], '131.1.1.1')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, connections: ['Site1'] })],
      }),
    mentions: ['"site1"', 'did you mean "Site1"'],
  },
  {
    rule: 'unknown-reference',
    severity: 'error',
    bad: () => plan({ dns: [dns('DNS1', '10.0.0.4')], vnets: [vnet('V', { space: ['10.0.0.0/16'], dnsRefs: ['DNS9'] })] }),
    good: () => plan({ dns: [dns('DNS1', '10.0.0.4')], vnets: [vnet('V', { space: ['10.0.0.0/16'], dnsRefs: ['DNS1'] })] }),
    mentions: ['DNS9', 'DNS1'],
  },
  {
    rule: 'duplicate-name',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'] }), vnet('V', { space: ['10.1.0.0/16'] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'] }), vnet('W', { space: ['10.1.0.0/16'] })] }),
    mentions: ['VNet "V"', 'line 1'],
  },
  {
    rule: 'duplicate-name',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: [['A', '10.0.0.0/24'], ['A', '10.0.1.0/24']] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: [['A', '10.0.0.0/24'], ['B', '10.0.1.0/24']] })] }),
    mentions: ['subnet of VNet V "A"'],
  },
  {
    rule: 'location-required',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], affinityGroup: 'AG', location: 'West US' })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], affinityGroup: 'AG' })] }),
    mentions: ['VNet V', 'AG', 'West US'],
  },
  {
    rule: 'location-required',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], location: null })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], location: 'West US' })] }),
    mentions: ['VNet V has neither', 'Location', 'AffinityGroup'],
  },
  {
    rule: 'cidr-invalid',
    severity: 'error',
    bad: () => plan({ sites: [site('S', ['192.168.1.0'], '131.1.1.1')] }),
    good: () => plan({ sites: [site('S', ['192.168.1.0/24'], '131.1.1.1')] }),
    mentions: ['local site S', 'no prefix length', 'CIDR'],
  },
  {
    rule: 'cidr-invalid',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['0x0a.0.0.0/16'] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['010.0.0.0/16'] })] }),
    mentions: ['VNet V', "'0x0a' is not a decimal number"],
  },
  {
    rule: 'ipv6-unsupported',
    severity: 'error',
    bad: () => plan({ dns: [dns('D', '2001:db8::53')] }),
    good: () => plan({ dns: [dns('D', '10.0.0.53')] }),
    mentions: ['DNS server D', 'IPv4'],
  },
  ...(
    [
      ['224.1.0.0/16', 'multicast'],
      ['127.0.0.0/16', 'loopback'],
      ['169.254.0.0/16', 'link-local'],
      ['255.255.255.0/24', 'broadcast'],
    ] as const
  ).map(
    ([space, name]): RuleCase => ({
      rule: 'reserved-range',
      severity: 'error',
      bad: () => plan({ vnets: [vnet('V', { space: [space] })] }),
      good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'] })] }),
      mentions: ['VNet V', space, name, 'choose a range outside it'],
    }),
  ),
  {
    rule: 'reserved-range',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, pool: ['224.0.0.0/24'] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, pool: ['172.16.0.0/24'] })] }),
    mentions: ["VNet V's VPN client pool", 'multicast'],
  },
  {
    rule: 'p2s-pool-overlap',
    severity: 'error',
    bad: () =>
      plan({
        sites: [site('S', ['172.16.0.0/16'], '131.1.1.1')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, connections: ['S'], pool: ['172.16.5.0/24'] })],
      }),
    good: () =>
      plan({
        sites: [site('S', ['172.16.0.0/16'], '131.1.1.1')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, connections: ['S'], pool: ['172.17.5.0/24'] })],
      }),
    mentions: ['client pool', 'local site S'],
  },
  {
    rule: 'gateway-subnet-missing',
    severity: 'error',
    bad: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { FE: '10.0.0.0/24' }, pool: ['172.16.0.0/24'] })] }),
    good: () => plan({ vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: { FE: '10.0.0.0/24', ...gw }, pool: ['172.16.0.0/24'] })] }),
    mentions: ['VNet V', 'add a subnet named exactly GatewaySubnet'],
  },
  {
    rule: 'duplicate-name',
    severity: 'error',
    bad: () => plan({ sites: [site('S', ['192.168.0.0/24'], '131.1.1.1'), site('S', ['192.168.1.0/24'], '131.1.1.2')] }),
    good: () => plan({ sites: [site('S', ['192.168.0.0/24'], '131.1.1.1'), site('T', ['192.168.1.0/24'], '131.1.1.2')] }),
    mentions: ['local site "S"', 'line 1'],
  },
  {
    rule: 'duplicate-name',
    severity: 'error',
    bad: () => plan({ dns: [dns('D', '10.0.0.4'), dns('D', '10.0.0.5')] }),
    good: () => plan({ dns: [dns('D', '10.0.0.4'), dns('E', '10.0.0.5')] }),
    mentions: ['DNS server "D"', 'rename or remove'],
  },
  {
    rule: 'duplicate-name',
    severity: 'error',
    bad: () =>
      plan({
        sites: [site('S', ['192.168.0.0/24'], '131.1.1.1')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, connections: ['S', 'S'] })],
      }),
    good: () =>
      plan({
        sites: [site('S', ['192.168.0.0/24'], '131.1.1.1')],
        vnets: [vnet('V', { space: ['10.0.0.0/16'], subnets: gw, connections: ['S'] })],
      }),
    mentions: ["connection of VNet V's gateway to local site", '"S"'],
  },
];
