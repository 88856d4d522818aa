import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../../src/common/index.js';
import { checkPlan } from '../../../src/ipam/index.js';
import { parseNetworkPlan } from '../../../src/input/network-load.js';
import { isPlaceholder } from '../../../src/input/plan-placeholders.js';

/* Issue #11 items 1, 6 and 7: what real NetworkConfig.xml files showed, each as a table. */

const FIXTURES = 'test/fixtures/netcfg';

function refusalOf(file: string): readonly Diagnostic[] {
  try {
    parseNetworkPlan(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error(`${file} was not refused`);
}

describe('item 1: what the platform accepted is a warning, not an error', () => {
  it.each([
    ['10.10.0.0/8', '10.0.0.0/8', '10.10.0.0/16'],
    ['10.220.0.1/28', '10.220.0.0/28', undefined],
    ['192.168.1.0/16', '192.168.0.0/16', '192.168.1.0/24'],
  ])('%s: a warning offering %s and %s', (written: string, network: string, meant: string | undefined) => {
    const text = `network:\n  virtualNetworkSites:\n    - name: V\n      location: West US\n      addressSpace: ["${written}"]\n`;
    const found = checkPlan(parseNetworkPlan(text, 'p.yaml').plan).filter((d) => d.rule === 'cidr-host-bits');
    expect(found.map((d) => d.severity)).toEqual(['warning']);
    expect(found[0]?.message).toContain('the platform accepted it');
    expect(found[0]?.message).toContain(network);
    if (meant === undefined) expect(found[0]?.message).not.toContain('if the address is what you meant');
    else expect(found[0]?.message).toContain(meant);
  });

  it('finds no error in the live export of seven identical 10.10.0.0/8 VNets', () => {
    const file = `${FIXTURES}/seven-identical-vnets.netcfg.xml`;
    const found = checkPlan(parseNetworkPlan(readFileSync(file, 'utf8'), file).plan);
    expect(found.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('item 6: documentation placeholders are bad input, in names too', () => {
  it.each([
    ['[your-address-prefix]', true],
    ['<your-vnet-name>', true],
    ['xxx.xxx.xxx.xxx', true],
    ['x.x.x.x/24', true],
    ['address-prefix', true],
    ['your-vnet-name', true],
    ['{vnetName}', true],
    ['CHANGEME', true],
    ['10.0.0.0/16', false],
    ['YourCompany-VNet', false],
    ['Branch-External-130629793244984632', false],
    ['GatewaySubnet', false],
    ['131.107.0.10', false],
  ])('%s is a placeholder: %s', (value, expected) => {
    expect(isPlaceholder(value)).toBe(expected);
  });

  it('refuses a sample with placeholders at each of them, names included', () => {
    const found = refusalOf(`${FIXTURES}/placeholders.netcfg.xml`);
    expect(found.map((d) => [d.line, d.rule])).toEqual([
      [6, 'placeholder'],
      [8, 'placeholder'],
      [10, 'placeholder'],
      [14, 'placeholder'],
      [16, 'placeholder'],
    ]);
    expect(found[0]?.message).toBe(
      'local site name "[your-local-site]" is a documentation placeholder left in the file; replace it with the real value',
    );
  });
});

describe('item 7: refusals say what to do', () => {
  it.each([
    ['indented-declaration.netcfg.xml', 1, 3, 'xml-syntax', 'must be the very first thing in the file, but 2 blank characters come before it: delete them'],
    ['wrong-namespace.netcfg.xml', 2, 23, 'netcfg-schema', 'declares xmlns="http://schemas.microsoft.com/windowsazure"; a network configuration file declares'],
    ['cli-json-form.json', 2, 3, 'not-a-plan', "the Azure CLI's JSON form of the network configuration"],
  ])('%s is refused at %i:%i (%s) with a fix', (name, line, column, rule, words) => {
    const [d] = refusalOf(`${FIXTURES}/${name}`);
    expect([d?.line, d?.column, d?.rule]).toEqual([line, column, rule]);
    expect(d?.message).toContain(words);
  });
});
