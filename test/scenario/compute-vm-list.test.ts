import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/index.js';
import { parseYamlDocument } from '../../src/input/index.js';
import { ComputeVmList } from '../../src/scenario/compute-vm-list.js';
import { parseScenario, type ScenarioReading } from '../../src/scenario/load-scenario.js';

// The compute section's VMs taken straight from the text must load as the general path loads them (plain data, zod,
// the spread { type: 'createVm', ...vm }): the same commands, key order and positions included, or the same
// diagnostics, on generated estates and on edited ones.

const KEYS = ['service', 'name', 'image', 'disk', 'size', 'vnet', 'subnet', 'staticIp', 'hostName', 'adminUser', 'password', 'endpoints', 'sevice'];
/** Per key, values that declare, miss, or break something. */
const VALUES: Record<string, readonly string[]> = {
  service: ['svc0', 'svc1', 'nosuch'],
  name: ['vm0', 'vm1', 'vm-with-a-rather-long-name', 'TRUE'],
  image: ['img', 'win2012-datacenter', 'noimage'],
  disk: ['osdisk'],
  size: ['Small', 'Huge'],
  vnet: ['VNet0', 'VNet9'],
  subnet: ['Subnet-1', 'Other'],
  staticIp: ['10.0.0.4', '10.0.0.400', '7'],
  hostName: ['host0', 'null'],
  adminUser: ['ops', 'Fine'],
  password: ['Pa55w.rd-1', '12', 'p:w'],
  endpoints: ['none'],
  sevice: ['svc0'],
};
const EDITS = [' ', '\n', '\n\n', '# c', ' # c', '- ', ': ', 'x', '{', '"', '\t', '  '];

const HEAD = [
  'name: t',
  'seed: 1',
  'era: 2014',
  'network:',
  '  virtualNetworkSites:',
  '    - { name: VNet0, location: West US, addressSpace: [10.0.0.0/16], subnets: [{ name: Subnet-1, addressPrefix: 10.0.0.0/24 }] }',
  'compute:',
  '  services:',
  '    - { name: svc0, region: West US }',
  '    - { name: svc1, region: West US }',
  '  images:',
  '    - { name: img, os: Windows }',
  '    - { name: win2012-datacenter, os: Linux }',
  '  disks:',
  '    - { name: osdisk, os: Windows }',
].join('\n');

/** A scenario whose VMs are written flat: mostly one key layout, values mostly valid; then a timeline. */
const estate = fc.record({
  keys: fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 2, maxLength: 7 }),
  vms: fc.array(fc.array(fc.nat(), { minLength: KEYS.length, maxLength: KEYS.length }), { maxLength: 6 }),
  odd: fc.nat(9),
  validKeys: fc.nat(3).map((n) => n > 0),
}).map(({ keys, vms, odd, validKeys }) => {
  const layout = validKeys ? ['service', 'name', ...keys.filter((key) => key !== 'service' && key !== 'name' && key !== 'endpoints' && key !== 'sevice' && key !== 'disk')] : keys;
  const lines = vms.flatMap((picks, i) =>
    layout.map((key, k) => {
      const choices = VALUES[key]!;
      // the values of one VM at most are any choice, the others' the first (valid) one; names differ per VM
      const pick = i === odd ? picks[k]! : 0;
      const value = key === 'name' && pick === 0 ? `vm${i}` : choices[pick % choices.length];
      return `${k === 0 ? '    - ' : '      '}${key}: ${value}`;
    }),
  );
  return `${HEAD}\n  vms:\n${lines.map((line) => `${line}\n`).join('')}timeline:\n  - at: 1m\n    stopVm: { service: svc0, name: vm0 }\n`;
});

const edited = fc.tuple(estate, fc.nat(), fc.option(fc.constantFrom(...EDITS), { nil: undefined })).map(([text, at, edit]) => {
  // edits land in the VM list (after the head), where the flat reader reads
  const cut = HEAD.length + (at % (text.length - HEAD.length + 1));
  return edit === undefined ? text.slice(0, cut) + text.slice(cut + 1) : text.slice(0, cut) + edit + text.slice(cut);
});

/** What parseScenario makes of the text: the scenario (commands apart, to compare them by identity of shape) or the diagnostics. */
function outcome(text: string, vms: ScenarioReading['vms']): unknown {
  try {
    const scenario = parseScenario(text, 'estate.yaml', () => '', { vms });
    return { scenario: JSON.stringify(scenario), commands: scenario.commands, keys: scenario.commands.map(({ command }) => Object.keys(command)) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { diagnostics: error.diagnostics };
  }
}

describe('the compute section VMs taken straight from the text', () => {
  test.prop([fc.oneof(estate, edited)], { numRuns: 400 })('load as the general path loads them, or refuse with its diagnostics', (text) => {
    expect(outcome(text, 'flat')).toStrictEqual(outcome(text, 'general'));
  });

  it('is the path a generated estate takes, and its commands are the general path’s', () => {
    const vm = (i: number) => `    - service: svc${i % 2}\n      name: vm${i}\n      image: win2012-datacenter\n      vnet: VNet0\n      subnet: Subnet-1\n`;
    const text = `${HEAD}\n  vms:\n${[0, 1, 2].map(vm).join('')}`;
    const vms = new ComputeVmList('estate.yaml');
    expect(parseYamlDocument(text, 'estate.yaml', undefined, [vms.list]).takenLists).toEqual([vms]);
    expect(vms.commands.map(({ command, at }) => [command, at.line, at.column])).toEqual([0, 1, 2].map((i) => [
      { type: 'createVm', service: `svc${i % 2}`, name: `vm${i}`, image: 'win2012-datacenter', vnet: 'VNet0', subnet: 'Subnet-1' }, 17 + 5 * i, 7,
    ]));
    expect(outcome(text, 'flat')).toStrictEqual(outcome(text, 'general'));
  });
});
