import { describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../src/common/index.js';
import { parseScenario } from '../../src/scenario/index.js';

const FILE = 'names.yaml';

/** Two services, a site and a VNet: enough names to misspell each kind an expectation can name. */
const STORY = `name: names
seed: 1
era: 2014
network:
  localNetworkSites:
    - { name: HQ, addressSpace: [192.168.0.0/16], vpnGatewayAddress: 131.107.0.10 }
  virtualNetworkSites:
    - name: CorpVNet
      location: West US
      addressSpace: [10.1.0.0/16]
      subnets:
        - { name: FrontEnd, addressPrefix: 10.1.1.0/24 }
        - { name: GatewaySubnet, addressPrefix: 10.1.255.0/29 }
      gateway: { connectionsToLocalNetwork: [HQ] }
compute:
  services:
    - { name: web, region: West US }
    - { name: data, region: West US }
  images:
    - { name: img, os: Linux }
  disks:
    - { name: d1, os: Linux }
  vms:
    - { service: web, name: web1, image: img, vnet: CorpVNet, subnet: FrontEnd }
    - { service: data, name: sql1, image: img, vnet: CorpVNet, subnet: FrontEnd }
expect:
  - at: 1m
`;

/** The diagnostics a single expectation line (written as the last line of STORY) gets. */
function problemsOf(expectation: string): readonly Diagnostic[] {
  try {
    parseScenario(`${STORY}    ${expectation}\n`, FILE);
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error(`expected a diagnostic for ${expectation}`);
}

/** The one diagnostic of `rule` that line gets. */
function problemOf(expectation: string, rule = 'undefined-reference'): Diagnostic {
  const found = problemsOf(expectation).filter((d) => d.rule === rule);
  expect(found).toHaveLength(1);
  if (found[0] === undefined) throw new Error(`no ${rule} diagnostic for ${expectation}`);
  return found[0];
}

const EXPECT_LINE = STORY.split('\n').length;

describe('names in expectations are checked before the run, with the nearest declared name', () => {
  it.each([
    ['a bare VM name in reach', 'reach: { from: wbe1, to: 192.168.1.10 }', 20, 'vm "wbe1" is not declared; did you mean "web1"?'],
    ['a service:vm end in noReach', 'noReach: { from: web1, to: data:sq1 }', 32, 'vm "data/sq1" is not declared; did you mean "data/sql1"?'],
    ['a site end', 'reach: { from: web1, to: site:HQQ }', 30, 'site "HQQ" is not declared; did you mean "HQ"?'],
    ['a site written as a bare name', 'reach: { from: hq, to: web1 }', 20, 'vm "hq" is not declared: HQ is a local network site; write it as site:HQ'],
    ['a VM in vmState', 'vmState: { service: web, vm: web2, is: ReadyRole }', 34, 'vm "web/web2" is not declared; did you mean "web/web1"?'],
    ['a service in vmState', 'vmState: { service: wbe, vm: web1, is: ReadyRole }', 34, 'vm "wbe/web1" is not declared; did you mean "web/web1"?'],
    ['a VNet in gatewayState', 'gatewayState: { vnet: CorpVnet1, is: Provisioned }', 27, 'vnet "CorpVnet1" is not declared; did you mean "CorpVNet"?'],
    ['a site in connection', 'connection: { vnet: CorpVNet, site: HX, is: Connected }', 41, 'site "HX" is not declared; did you mean "HQ"?'],
    ['a disk in diskLease', 'diskLease: { disk: d2, heldBy: none }', 24, 'disk "d2" is not declared; did you mean "d1"?'],
  ])('%s', (_name, expectation, column, start) => {
    const problem = problemOf(expectation);
    expect(problem).toMatchObject({ file: FILE, line: EXPECT_LINE, column, rule: 'undefined-reference' });
    expect(problem.message.startsWith(start)).toBe(true);
  });

  it('lists the declared names but suggests none when nothing is near', () => {
    expect(problemOf('reach: { from: zzzzzz, to: web1 }').message).toBe(
      'vm "zzzzzz" is not declared (declared: sql1, web1); fix the name or declare it in compute.vms or a createVm entry',
    );
  });

  it('accepts addresses, VIP:port and declared names without a diagnostic', () => {
    const text = `${STORY}    reach: { from: web1, to: 192.168.1.10 }\n  - at: 1m\n    noReach: { from: data:sql1, to: 23.1.2.3:80 }\n`;
    expect(parseScenario(text, FILE).expectations).toHaveLength(2);
  });
});

describe('an unknown key suggests the nearest allowed key, once', () => {
  it.each([
    ['a swapped pair of letters', 'reach: { from: web1, to: web1, prot: tcp/80 }', 'prot', 'did you mean "port"?'],
    ['a wrong case', 'vmState: { service: web, vm: web1, IS: ReadyRole }', 'IS', 'did you mean "is"?'],
    ['nothing near', 'gatewayState: { vnet: CorpVNet, is: Provisioned, colour: red }', 'colour', 'remove it or check its spelling'],
    ['a key inside a union (either "none" or a mapping)', 'diskLease: { disk: d1, heldBy: { service: web, vmm: web1 } }', 'vmm', 'did you mean "vm"?'],
  ])('%s', (_name, expectation, key, fix) => {
    const problem = problemOf(expectation, 'unknown-key');
    expect(problem.message).toContain(`unknown key "${key}"; ${fix}`);
  });

  it('reports a misspelt key under a union once, not once per branch that takes a mapping', async () => {
    const { z } = await import('zod');
    const { explainUnionIssue } = await import('../../src/input/union-issues.js');
    const schema = z.union([z.string(), z.strictObject({ not: z.string() }), z.strictObject({ oneOf: z.array(z.string()) })]);
    const value = { nto: 'x' };
    const issue = schema.safeParse(value).error?.issues[0];
    if (issue?.code !== 'invalid_union') throw new Error('expected a union issue');
    expect(explainUnionIssue(issue, value)).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['nto'], path: [] })]);
  });

  it('explains a mapping by the branch it came closest to, a scalar by the one branch for scalars, else keeps the union’s words', async () => {
    const { z } = await import('zod');
    const { explainUnionIssue } = await import('../../src/input/union-issues.js');
    const schema = z.union([z.literal('none'), z.strictObject({ service: z.string(), vm: z.string() })]);
    const missing = schema.safeParse({ service: 'web' }).error?.issues[0];
    if (missing?.code !== 'invalid_union') throw new Error('expected a union issue');
    expect(explainUnionIssue(missing, { service: 'web' })).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['vm'] })]);
    const scalar = schema.safeParse('nonе').error?.issues[0];
    if (scalar?.code !== 'invalid_union') throw new Error('expected a union issue');
    expect(explainUnionIssue(scalar, 'nonе')).toEqual([expect.objectContaining({ code: 'invalid_value', values: ['none'] })]);
    const versions = z.union([z.literal(1), z.literal(2)], { error: 'is not an IKE version' });
    const worded = versions.safeParse(3).error?.issues[0];
    if (worded?.code !== 'invalid_union') throw new Error('expected a union issue');
    expect(explainUnionIssue(worded, 3)).toEqual([worded]);
  });
});
