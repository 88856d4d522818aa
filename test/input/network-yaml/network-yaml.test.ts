import { describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../../src/common/index.js';
import { parseNetworkPlan } from '../../../src/input/network-load.js';
import { networkPlanFromYaml } from '../../../src/input/network-yaml.js';
import { parseYamlDocument, positionOf } from '../../../src/input/yaml-source.js';

/** The diagnostics of the InputError thrown by `run`, or a failure when it does not throw one. */
function inputErrorOf(run: () => unknown): readonly Diagnostic[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected an InputError');
}

const HYBRID = `name: hybrid
era: 2012
seed: 7
timeline: []
network:
  dnsServers: [{ name: DNS1, ipAddress: 10.1.0.4 }]
  localNetworkSites:
    - name: Site1
      addressSpace: [192.168.0.0/16]
      vpnGatewayAddress: 131.107.72.22
  virtualNetworkSites:
    - name: VNet1
      affinityGroup: AG-West
      addressSpace: [10.1.0.0/16]
      subnets: [{ name: FrontEnd, addressPrefix: 10.1.1.0/24 }, { name: GatewaySubnet, addressPrefix: 10.1.0.0/28 }]
      dnsServersRef: [DNS1]
      gateway:
        connectionsToLocalNetwork: [Site1]
        vpnClientAddressPool: [172.16.0.0/24]
`;

describe('network section from YAML', () => {
  it('converts every object and keeps the position of each value', () => {
    const { plan, era } = parseNetworkPlan(HYBRID, 'hybrid.yaml');
    expect(era).toBe('2012');
    expect(plan.file).toBe('hybrid.yaml');
    expect(plan.dnsServers).toEqual([
      {
        name: 'DNS1',
        ipAddress: { value: '10.1.0.4', at: { file: 'hybrid.yaml', line: 6, column: 41 } },
        at: { file: 'hybrid.yaml', line: 6, column: 24 },
      },
    ]);
    const [site] = plan.localSites;
    expect(site?.addressSpace[0]).toEqual({ value: '192.168.0.0/16', at: { file: 'hybrid.yaml', line: 9, column: 22 } });
    expect(site?.vpnGatewayAddress?.at.line).toBe(10);
    const [vnet] = plan.vnets;
    expect(vnet?.name).toBe('VNet1');
    expect(vnet?.affinityGroup?.value).toBe('AG-West');
    expect(vnet?.location).toBeUndefined();
    expect(vnet?.subnets.map((s) => [s.name, s.addressPrefix.value, s.addressPrefix.at.line])).toEqual([
      ['FrontEnd', '10.1.1.0/24', 15],
      ['GatewaySubnet', '10.1.0.0/28', 15],
    ]);
    expect(vnet?.subnets[1]?.addressPrefix.at.column).toBe(103);
    expect(vnet?.dnsServerRefs.map((r) => r.value)).toEqual(['DNS1']);
    expect(vnet?.gateway?.connections.map((c) => [c.site.value, c.type, c.site.at.line])).toEqual([['Site1', 'IPsec', 18]]);
    expect(vnet?.gateway?.vpnClientAddressPool.map((p) => p.value)).toEqual(['172.16.0.0/24']);
  });

  it('reads a file without a network section as an empty plan', () => {
    const { plan, era } = parseNetworkPlan('name: compute-only\n', 'c.yaml');
    expect(plan).toEqual({ file: 'c.yaml', dnsServers: [], localSites: [], vnets: [] });
    expect(era).toBeUndefined();
  });

  it('keeps prefixes as written, so the rules (not the loader) judge them', () => {
    const text = 'network:\n  virtualNetworkSites:\n    - { name: V, location: X, addressSpace: [10.0.0.0/33, banana] }\n';
    expect(parseNetworkPlan(text, 'p.yaml').plan.vnets[0]?.addressSpace.map((p) => p.value)).toEqual([
      '10.0.0.0/33',
      'banana',
    ]);
  });

  it('accepts era as a quoted string too', () => {
    expect(parseNetworkPlan("era: '2014'\n", 'e.yaml').era).toBe('2014');
  });
});

describe('bad YAML input becomes diagnostics with file:line:column', () => {
  it.each([
    {
      name: 'an unknown key points at the key itself',
      text: 'network:\n  virtualNetworkSites:\n    - name: V\n      location: X\n      adressSpace: [10.0.0.0/16]\n',
      expected: [
        { line: 3, column: 7, rule: 'invalid-value', words: ['addressSpace', 'missing'] },
        { line: 5, column: 7, rule: 'unknown-key', words: ['adressSpace', 'did you mean "addressSpace"?'] },
      ],
    },
    {
      name: 'a wrong type points at the value',
      text: 'network:\n  localNetworkSites:\n    - name: S\n      addressSpace: 10.0.0.0/8\n',
      expected: [{ line: 4, column: 21, rule: 'invalid-value', words: ['addressSpace', 'expected a list', 'found the text "10.0.0.0/8"'] }],
    },
    {
      name: 'a missing required key points at the map that lacks it',
      text: 'network:\n  dnsServers:\n    - name: DNS1\n',
      expected: [{ line: 3, column: 7, rule: 'invalid-value', words: ['network.dnsServers.0.ipAddress', 'missing'] }],
    },
    {
      name: 'a bad era is reported with the network problems',
      text: 'era: 2013\nnetwork:\n  bogus: 1\n',
      expected: [
        { line: 1, column: 6, rule: 'invalid-value', words: ['era: an era is 2012, 2014 or a month such as 2014-05'] },
        { line: 3, column: 3, rule: 'unknown-key', words: ['bogus'] },
      ],
    },
    {
      name: 'a number where text belongs says to quote it',
      text: 'network:\n  dnsServers:\n    - { name: 42, ipAddress: 10.0.0.4 }\n',
      expected: [{ line: 3, column: 15, rule: 'invalid-value', words: ['expected text, found the number 42', 'quotes'] }],
    },
    {
      name: 'an empty name and an empty address space',
      text: 'network:\n  virtualNetworkSites:\n    - { name: "", location: X, addressSpace: [] }\n',
      expected: [
        { line: 3, column: 15, rule: 'invalid-value', words: ['name: is empty; give a value'] },
        { line: 3, column: 46, rule: 'invalid-value', words: ['addressSpace: is an empty list; give at least one entry'] },
      ],
    },
    {
      name: 'a misspelt top-level key is refused instead of read as a file without a plan',
      text: 'name: x\nnetwrok:\n  virtualNetworkSites: []\n',
      expected: [{ line: 2, column: 1, rule: 'unknown-key', words: ['"netwrok"', 'did you mean "network"?'] }],
    },
    {
      name: 'an empty file',
      text: '# nothing here\n',
      expected: [{ line: 1, column: 1, rule: 'not-a-plan', words: ['is empty', 'network: section'] }],
    },
    {
      name: 'a document that is not a mapping',
      text: '- network\n- vnets\n',
      expected: [{ line: 1, column: 1, rule: 'not-a-plan', words: ['not a YAML mapping'] }],
    },
    {
      name: 'malformed YAML points at the syntax error',
      text: 'network:\n  dnsServers: [\nname: 1\n',
      expected: [{ line: 3, column: 1, rule: 'yaml-syntax', words: ['Flow sequence'] }],
    },
    {
      name: 'a duplicate key is refused',
      text: 'network:\n  dnsServers: []\n  dnsServers: []\n',
      expected: [{ line: 3, column: 3, rule: 'yaml-syntax', words: ['unique'] }],
    },
  ])('$name', ({ text, expected }) => {
    const found = inputErrorOf(() => parseNetworkPlan(text, 'bad.yaml'));
    expect(found.map((d) => [d.line, d.column, d.rule])).toEqual(expected.map((e) => [e.line, e.column, e.rule]));
    found.forEach((d, i) => {
      expect(d.file).toBe('bad.yaml');
      for (const word of expected[i]?.words ?? []) expect(d.message).toContain(word);
    });
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(`${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`);
    }
    const found = inputErrorOf(() => parseNetworkPlan(`${lines.join('\n')}\n`, 'bomb.yaml'));
    expect(found).toHaveLength(1);
    expect(found[0]?.rule).toBe('yaml-syntax');
    expect(found[0]?.message).toContain('more than 100 alias expansions');
    expect(found[0]?.message).toContain('write the repeated values out');
  });
});

describe('positionOf', () => {
  it('falls back to the nearest existing ancestor for a path that does not exist', () => {
    const source = parseYamlDocument('network:\n  dnsServers:\n    - name: D\n', 'x.yaml');
    expect(positionOf(source, ['network', 'dnsServers', 0, 'ipAddress'])).toEqual({ file: 'x.yaml', line: 3, column: 7 });
    expect(networkPlanFromYaml(parseYamlDocument('network:\n', 'y.yaml')).vnets).toEqual([]);
  });
});
