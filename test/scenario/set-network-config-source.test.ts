import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/index.js';
import { loadScenarioFile, type Scenario } from '../../src/scenario/index.js';

const NETWORK_XML = `<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration">
  <VirtualNetworkConfiguration>
    <VirtualNetworkSites>
      <VirtualNetworkSite name="Later" Location="West US">
        <AddressSpace><AddressPrefix>10.9.0.0/16</AddressPrefix></AddressSpace>
        <Subnets><Subnet name="Apps"><AddressPrefix>10.9.1.0/24</AddressPrefix></Subnet></Subnets>
      </VirtualNetworkSite>
    </VirtualNetworkSites>
  </VirtualNetworkConfiguration>
</NetworkConfiguration>
`;

const PLAN_YAML = `network:
  virtualNetworkSites:
    - name: Later
      location: West US
      addressSpace: [10.9.0.0/16]
      subnets:
        - { name: Apps, addressPrefix: 10.9.1.0/24 }
`;

function scenarioWith(upload: string): string {
  return `name: upload-later
seed: 1
era: 2014
timeline:
  - at: 10m
    setNetworkConfig: ${upload}
`;
}

/** Writes the scenario (and any other files) into a fresh folder and loads it. */
async function load(scenario: string, files: Record<string, string> = {}): Promise<{ dir: string; result: Scenario | InputError }> {
  const dir = mkdtempSync(join(tmpdir(), 'vnetsim-setnet-'));
  mkdirSync(join(dir, 'net'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'scenario.yaml'), scenario);
  try {
    return { dir, result: await loadScenarioFile(join(dir, 'scenario.yaml')) };
  } catch (error) {
    if (error instanceof InputError) return { dir, result: error };
    throw error;
  }
}

function uploadedVnets(result: Scenario | InputError): string[] {
  if (result instanceof InputError) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const command = result.commands.find((c) => c.command.type === 'setNetworkConfig')?.command;
  return command?.type === 'setNetworkConfig' ? command.plan.vnets.map((v) => v.name) : [];
}

function problems(result: Scenario | InputError): string[] {
  if (!(result instanceof InputError)) throw new Error('the scenario loaded');
  return result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`);
}

describe('setNetworkConfig on a timeline takes the document inline, from a file or as a plan', () => {
  it.each([
    ['a NetworkConfig.xml path relative to the scenario', '{ file: net/NetworkConfig.xml }', { 'net/NetworkConfig.xml': NETWORK_XML }],
    ['a plan YAML path relative to the scenario', '{ file: net/plan.yaml }', { 'net/plan.yaml': PLAN_YAML }],
    ['an inline plan in the network section vocabulary', '{ network: { virtualNetworkSites: [{ name: Later, location: West US, addressSpace: [10.9.0.0/16], subnets: [{ name: Apps, addressPrefix: 10.9.1.0/24 }] }] } }', {}],
    ['inline XML', JSON.stringify({ xml: NETWORK_XML }), {}],
  ])('reads %s', async (_what, upload, files) => {
    const { result } = await load(scenarioWith(upload), files);
    expect(uploadedVnets(result)).toEqual(['Later']);
  });

  it('points at the file: value in the scenario when the file cannot be read', async () => {
    const { dir, result } = await load(scenarioWith('{ file: net/missing.xml }'));
    expect(problems(result)).toEqual([
      expect.stringMatching(new RegExp(`^${join(dir, 'scenario.yaml')}:6:31 network-config-file setNetworkConfig file net/missing.xml \\(${join(dir, 'net/missing.xml')}\\): cannot read the network configuration: ENOENT.*relative to the scenario file$`)),
    ]);
  });

  it('reports a bad document at its own file:line:column', async () => {
    // Address-plan rules are the engine's to refuse at the upload's time (a scenario may expect that); a document that
    // is not NetworkConfig.xml at all is bad input.
    const broken = NETWORK_XML.replace('<Subnets>', '<Subnetz>').replace('</Subnets>', '</Subnetz>');
    const { dir, result } = await load(scenarioWith('{ file: net/NetworkConfig.xml }'), { 'net/NetworkConfig.xml': broken });
    const found = problems(result);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${join(dir, 'net/NetworkConfig.xml')}:6:`));
  });

  it('reports a bad inline plan at its place in the scenario', async () => {
    const { dir, result } = await load(scenarioWith('{ network: { virtualNetworkSites: [{ name: Later, location: West US, addressSpace: [10.9.0.0/16], subnetz: [] }] } }'));
    expect(problems(result).join('\n')).toMatch(new RegExp(`^${join(dir, 'scenario.yaml')}:6:`));
  });

  it.each([
    ['none', '{}', 'none is given'],
    ['two', '{ file: net/NetworkConfig.xml, network: {} }', 'file and network are given'],
  ])('refuses %s of xml, file and network', async (_what, upload, message) => {
    const { result } = await load(scenarioWith(upload), { 'net/NetworkConfig.xml': NETWORK_XML });
    expect(problems(result).join('\n')).toContain(`needs exactly one of xml (inline NetworkConfig.xml), file (a path to a NetworkConfig.xml or plan YAML, relative to the scenario) or network (an inline plan); ${message}`);
  });
});
