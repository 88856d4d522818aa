import { describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../src/common/index.js';
import { parseScenario } from '../../src/scenario/index.js';

const FILE = 'story.yaml';

/** A small valid scenario; tests append or replace lines to break one thing at a time. */
const HEADER = `name: t
seed: 1
era: 2014
`;

const NETWORK = `network:
  virtualNetworkSites:
    - name: V
      location: West US
      addressSpace: [10.1.0.0/16]
      subnets:
        - { name: S, addressPrefix: 10.1.1.0/24 }
`;

const COMPUTE = `compute:
  services:
    - { name: web, region: West US }
  images:
    - { name: img, os: Linux }
  vms:
    - { service: web, name: vm1, image: img, vnet: V, subnet: S }
`;

function problemsOf(text: string): Diagnostic[] {
  try {
    parseScenario(text, FILE);
  } catch (error) {
    if (error instanceof InputError) return [...error.diagnostics];
    throw error;
  }
  throw new Error('expected an InputError');
}

/** `rule@line:column` of each diagnostic, the part of the contract the table pins down. */
function placesOf(text: string): string[] {
  return problemsOf(text).map((d) => `${d.rule}@${d.line}:${d.column}`);
}

describe('parseScenario refuses bad input with the exact position, applying nothing', () => {
  it.each([
    ['malformed YAML', `${HEADER}timeline: [\n`, ['yaml-syntax@5:1']],
    ['a duplicate key', `${HEADER}seed: 2\n`, ['yaml-syntax@4:1']],
    ['an unknown top-level key', `${HEADER}colour: red\n`, ['unknown-key@4:1']],
    ['an unknown key in a VM', `${HEADER}${COMPUTE.replace('subnet: S }', 'subnet: S, colour: red }')}`, ['unknown-key@10:66']],
    ['a wrong type', HEADER.replace('seed: 1', 'seed: one'), ['invalid-value@2:7']],
    ['a missing required key', 'seed: 1\nera: 2014\n', ['invalid-value@1:1']],
    ['an unknown era', HEADER.replace('era: 2014', 'era: 2013'), ['invalid-value@3:6']],
    ['a duration without a unit', `${HEADER}expect:\n  - at: 15\n    serviceKind: { service: web, is: empty }\n`, ['invalid-value@5:9']],
    ['a malformed duration', `${HEADER}until: 1m1h\n`, ['invalid-value@4:8']],
    ['a timeline entry without a command', `${HEADER}timeline:\n  - at: 1m\n`, ['invalid-value@5:5']],
    [
      'a timeline entry with two commands',
      `${HEADER}${COMPUTE}timeline:\n  - at: 1m\n    stopVm: { service: web, name: vm1 }\n    startVm: { service: web, name: vm1 }\n`,
      ['invalid-value@12:5'],
    ],
    ['a misspelt command', `${HEADER}timeline:\n  - at: 1m\n    stopVM: { service: web, name: vm1 }\n`, ['invalid-value@5:5', 'unknown-key@6:5']],
    ['an unknown command parameter', `${HEADER}${COMPUTE}timeline:\n  - at: 1m\n    stopVm: { service: web, name: vm1, force: true }\n`, ['unknown-key@13:40']],
    ['a bad IP address', `${HEADER}${NETWORK}${COMPUTE.replace('subnet: S }', 'subnet: S, staticIp: 10.1.1.300 }')}`, ['invalid-value@17:76']],
    ['a bad port', `${HEADER}${COMPUTE}timeline:\n  - at: 1m\n    addEndpoint: { service: web, vm: vm1, name: e, protocol: tcp, privatePort: 70000 }\n`, ['invalid-value@13:80']],
  ])('%s', (_name, text, places) => {
    expect(placesOf(text)).toEqual(places);
  });

  it.each([
    ['a VM in an undeclared service', `${HEADER}${NETWORK}${COMPUTE.replace('{ service: web, name: vm1', '{ service: wbe, name: vm1')}`, ['undefined-reference@17:18']],
    ['a VM from an undeclared image', `${HEADER}${NETWORK}${COMPUTE.replace('image: img,', 'image: imgx,')}`, ['undefined-reference@17:41']],
    ['a VM in an undeclared VNet', `${HEADER}${COMPUTE}`, ['undefined-reference@10:52']],
    ['a VM in an undeclared subnet', `${HEADER}${NETWORK}${COMPUTE.replace('subnet: S }', 'subnet: T }')}`, ['undefined-reference@17:63']],
    ['a timeline command on an undeclared VM', `${HEADER}${NETWORK}${COMPUTE}timeline:\n  - at: 1m\n    stopVm: { service: web, name: vm2 }\n`, ['undefined-reference@20:35']],
    ['an expectation on an undeclared VM', `${HEADER}${NETWORK}${COMPUTE}expect:\n  - at: 1m\n    vmState: { service: web, vm: vm9, is: ReadyRole }\n`, ['undefined-reference@20:34']],
    ['a device at an undeclared site', `${HEADER}devices:\n  - { site: HQ, sharedKey: k, publicIp: 1.2.3.4, ikeVersions: [1], routing: PolicyBased }\n`, ['undefined-reference@5:13']],
    ['a VNet in an undeclared affinity group', `${HEADER}${NETWORK.replace('location: West US', 'affinityGroup: ag-west')}`, ['undefined-reference@7:22']],
    ['a regional VNet in a 2012 scenario (regional VNets came in May 2014)', `${HEADER.replace('era: 2014', 'era: 2012')}${NETWORK}`, ['feature-era@7:17']],
    ['a VM with neither image nor disk', `${HEADER}${NETWORK}${COMPUTE.replace('image: img, ', '')}`, ['vm-source@17:7']],
    ['a VM with both image and disk', `${HEADER}${COMPUTE.replace('image: img,', 'image: img, disk: d,').replace('vnet: V, subnet: S ', '')}  disks:\n    - { name: d, os: Linux }\n`, ['vm-source@10:7']],
  ])('%s', (_name, text, places) => {
    expect(placesOf(text)).toEqual(places);
  });

  it.each([
    ['a device IP', 'publicIp', '1.2.3.400', 'devices.0.publicIp: is not an IPv4 address; write four numbers 0–255 like 203.0.113.10'],
    ['a traffic selector', 'trafficSelectors', '[10.1.0.0/33]', 'devices.0.trafficSelectors.0: is not an IPv4 prefix; write address/length with a length of 0–32, like 192.168.0.0/16'],
    ['an IKE version', 'ikeVersions', '[3]', 'devices.0.ikeVersions.0: is not an IKE version; use 1 (IKEv1) or 2 (IKEv2)'],
    ['a phase 1 proposal', 'proposals', '[aes256-sha1]', 'devices.0.proposals.0: is not a phase 1 proposal; write encryption-integrity-dhgroup, like aes256-sha1-modp1024'],
  ])('says how to write %s of a VPN device', (_name, key, value, message) => {
    const device = { publicIp: '1.2.3.4', trafficSelectors: '[10.1.0.0/16]', ikeVersions: '[1]', proposals: '[aes256-sha1-modp1024]' };
    const fields = Object.entries({ ...device, [key]: value }).map(([name, text]) => `${name}: ${text}`).join(', ');
    const text = `${HEADER}devices:\n  - { site: HQ, sharedKey: k, ${fields}, routing: PolicyBased }\n`;
    expect(problemsOf(text).map((d) => d.message)).toContain(message);
  });

  it('names the undeclared object, the declared ones and the fix', () => {
    const [problem] = problemsOf(`${HEADER}${NETWORK}${COMPUTE}timeline:\n  - at: 1m\n    stopVm: { service: web, name: vm2 }\n`);
    expect(problem?.message).toBe(
      'vm "web/vm2" is not declared; did you mean "web/vm1"? (declared: web/vm1); fix the name or declare it in compute.vms or a createVm entry',
    );
    expect(problem?.objects).toEqual(['vm:web/vm2']);
  });

  it('accepts a name declared later in the timeline (whether it exists then is the engine’s call)', () => {
    const text = `${HEADER}timeline:\n  - at: 1m\n    stopVm: { service: web, name: vm1 }\n  - at: 2m\n    createService: { name: web, region: West US }\n  - at: 3m\n    createVm: { service: web, name: vm1, disk: d }\n  - at: 0s\n    addDisk: { name: d, os: Linux }\n`;
    expect(parseScenario(text, FILE).commands.map((c) => c.command.type)).toEqual(['addDisk', 'stopVm', 'createService', 'createVm']);
  });

  it('treats error-severity findings of the plan rules as bad input', () => {
    const text = `${HEADER}${NETWORK.replace('10.1.1.0/24', '10.2.1.0/24')}`;
    const problems = problemsOf(text);
    expect(problems.map((d) => d.rule)).toContain('subnet-outside-space');
    expect(problems.every((d) => d.severity === 'error' && d.file === FILE)).toBe(true);
  });

  it('reports every problem of the file at once', () => {
    const text = `${HEADER}${NETWORK}${COMPUTE}timeline:\n  - at: 1m\n    stopVm: { service: web, name: vm2 }\n  - at: 2m\n    startVm: { service: api, name: vm1 }\n`;
    expect(placesOf(text)).toEqual(['undefined-reference@20:35', 'undefined-reference@22:36']);
  });
});

describe('parseScenario converts the file into timed commands and expectations', () => {
  const text = `${HEADER}${NETWORK}compute:
  vms:
    - service: web
      name: vm1
      image: img
      endpoints:
        - { name: http, protocol: tcp, publicPort: 80, privatePort: 8080 }
  images:
    - { name: img, os: Windows }
  services:
    - { name: web, affinityGroup: ag }
  affinityGroups:
    - { name: ag, region: West US }
timeline:
  - at: 1h30m
    restartVm: { service: web, name: vm1 }
  - at: 20m
    stopVm: { service: web, name: vm1, stayProvisioned: true }
  - at: 20m
    startVm: { service: web, name: vm1 }
until: 2h
expect:
  - at: 25m
    vmState: { service: web, vm: vm1, is: ReadyRole }
  - at: 10m
    serviceKind: { service: web, is: IaaS }
`;
  const scenario = parseScenario(text, FILE);

  it('orders the compute section by dependency, whatever the file order, then the timeline by time', () => {
    expect(scenario.commands.map((c) => `${c.atMs / 60_000}m ${c.command.type}`)).toEqual([
      '0m createAffinityGroup',
      '0m createService',
      '0m addImage',
      '0m createVm',
      '0m addEndpoint',
      '20m stopVm',
      '20m startVm',
      '90m restartVm',
    ]);
  });

  it('builds each command from its entry, endpoints carrying their VM', () => {
    expect(scenario.commands[4]?.command).toEqual({
      type: 'addEndpoint', service: 'web', vm: 'vm1', name: 'http', protocol: 'tcp', publicPort: 80, privatePort: 8080,
    });
    expect(scenario.commands[5]?.command).toEqual({ type: 'stopVm', service: 'web', name: 'vm1', stayProvisioned: true });
  });

  it('keeps where each command was written: the compute entry, or the timeline command key', () => {
    expect(scenario.commands.map((c) => `${c.origin}@${c.at.line}:${c.at.column}`)).toEqual([
      'compute@23:7', 'compute@21:7', 'compute@19:7', 'compute@13:7', 'compute@17:11',
      'timeline@28:5', 'timeline@30:5', 'timeline@26:5',
    ]);
  });

  it('sorts expectations by time and binds them to their kind', () => {
    expect(scenario.expectations.map((e) => `${e.atMs} ${e.kind} ${e.expectation.description} @${e.at.line}`)).toEqual([
      '600000 serviceKind service web is IaaS @36',
      '1500000 vmState vm web/vm1 is ReadyRole @34',
    ]);
  });

  it('reads the header, the plan and the end time', () => {
    expect({ name: scenario.name, seed: scenario.seed, era: scenario.era, untilMs: scenario.untilMs }).toEqual({
      name: 't', seed: 1, era: '2014', untilMs: 7_200_000,
    });
    expect(scenario.plan.vnets.map((v) => v.name)).toEqual(['V']);
  });

  it('reads `era: 2012` written as a number as the 2012 era', () => {
    expect(parseScenario(HEADER.replace('2014', '2012'), FILE).era).toBe('2012');
  });

  it('turns profile durations into the engine’s milliseconds and passes limits through', () => {
    const withSettings = parseScenario(`${HEADER}profile: { windowsProvision: 10m, start: { min: 30s, median: 1m, max: 2m }, restart: 2m }\nlimits: { vmsPerService: 2 }\n`, FILE);
    expect(withSettings.profile).toEqual({
      windowsProvisionMs: { minMs: 600_000, medianMs: 600_000, maxMs: 600_000 },
      startMs: { minMs: 30_000, medianMs: 60_000, maxMs: 120_000 },
      restartMs: 120_000,
    });
    expect(withSettings.limits).toEqual({ vmsPerService: 2 });
  });

  it.each([
    ['a range with a duration that has no unit', 'start: { min: 30s, median: 45, max: 2m }', 'invalid-value'],
    ['a range with a misspelt key', 'start: { min: 30s, medain: 1m, max: 2m }', 'unknown-key'],
    ['a bare number', 'start: 30', 'invalid-value'],
  ])('refuses a VM timing written as %s, once', (_name, setting, rule) => {
    const problems = problemsOf(`${HEADER}profile: { ${setting} }\n`);
    expect(problems.map((d) => d.rule)).toEqual([rule]);
  });

  it('refuses a profile key the engine does not have', () => {
    expect(placesOf(`${HEADER}profile: { windowsProvisionMs: 10m }\n`)).toEqual(['unknown-key@4:12']);
  });

  it('fills device defaults: powered up and reachable', () => {
    const text = `${HEADER}network:\n  localNetworkSites:\n    - { name: HQ, addressSpace: [192.168.0.0/16], vpnGatewayAddress: 131.107.0.10 }\ndevices:\n  - { site: HQ, sharedKey: k, publicIp: 131.107.0.10, ikeVersions: [1], routing: PolicyBased }\n`;
    expect(parseScenario(text, FILE).devices).toEqual([
      { site: 'HQ', sharedKey: 'k', publicIp: '131.107.0.10', ikeVersions: [1], routing: 'PolicyBased', up: true, reachable: true },
    ]);
  });
});
