import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatEventLine, replayEvents, serializeWorld, Simulation } from '../../src/sim/index.js';
import { hasRunPassed, parseScenario, runScenario, runScenarioForWorld, runScenarioToWorld, type Scenario } from '../../src/scenario/index.js';

const STORY = 'scenarios/04-deallocation-dips.yaml';

function loadStory(path: string): Scenario {
  return parseScenario(readFileSync(path, 'utf8'), path);
}

const SMALL = `name: small
seed: 5
era: 2014
compute:
  services:
    - { name: web, region: West US }
  images:
    - { name: img, os: Linux }
  vms:
    - { service: web, name: vm1, image: img, adminUser: ops, sshKey: ssh-rsa AAAA }
timeline:
  - at: 10m
    stopVm: { service: web, name: vm1 }
  - at: 12m
    deleteDisk: { name: img-copy }
  - at: 0s
    addDisk: { name: img-copy, os: Linux }
expect:
  - at: 1m
    vmState: { service: web, vm: vm1, is: Provisioning }
  - at: 5m
    vmState: { service: web, vm: vm1, is: ReadyRole }
  - at: 10m
    vmState: { service: web, vm: vm1, is: StoppingAndDeallocating }
  - at: 2h
    vmState: { service: web, vm: vm1, is: StoppedDeallocated }
`;

/** The platform's three terminal failures, each forced from the file (compute-lifecycle.md §2.3). */
const FAILURES = `name: failures
seed: 1
era: 2014
profile: { linuxProvision: 3m, start: 90s }
compute:
  services:
    - { name: web, region: West US }
  images:
    - { name: img, os: Linux }
  vms:
    - { service: web, name: broken, image: img, adminUser: ops, sshKey: k, outcome: ProvisioningFailed }
    - { service: web, name: slow, image: img, adminUser: ops, sshKey: k, outcome: ProvisioningTimeout }
    - { service: web, name: ok, image: img, adminUser: ops, sshKey: k }
timeline:
  - at: 10m
    stopVm: { service: web, name: ok, stayProvisioned: true }
  - at: 15m
    startVm: { service: web, name: ok, outcome: FailedStartingVM }
  - at: 30m
    startVm: { service: web, name: broken }
  - at: 40m
    startVm: { service: web, name: ok }
expect:
  - at: 5m
    vmState: { service: web, vm: broken, is: ProvisioningFailed }
  - at: 19m
    vmState: { service: web, vm: slow, is: Provisioning }
  - at: 20m
    vmState: { service: web, vm: slow, is: ProvisioningTimeout }
  - at: 20m
    vmState: { service: web, vm: ok, is: FailedStartingVM }
  - at: 30m
    commandRefused: { command: startVm, name: broken, code: vm-not-stopped }
  - at: 45m
    vmState: { service: web, vm: ok, is: ReadyRole }
`;

describe('runScenario', () => {
  it('replays ProvisioningFailed, ProvisioningTimeout and FailedStartingVM from a scenario file, at the profile times', () => {
    const report = runScenario(parseScenario(FAILURES, 'failures.yaml'));
    expect(report.expectations.map((r) => `${r.description}: ${r.status}`)).toEqual([
      'vm web/broken is ProvisioningFailed: held',
      'vm web/slow is Provisioning: held',
      'vm web/slow is ProvisioningTimeout: held',
      'vm web/ok is FailedStartingVM: held',
      'startVm broken refused with vm-not-stopped: held',
      'vm web/ok is ReadyRole: held',
    ]);
    const failedAt = (vm: string) => [...report.events].find((e) => e.type === 'vm.stateChanged' && e['vm'] === vm && String(e['to']).includes('Fail'))?.time;
    expect(failedAt('broken')).toBe(3 * 60_000);
    expect(failedAt('ok')).toBe(15 * 60_000 + 90_000);
    expect(report.unexpectedRefusals).toEqual([]);
  });

  it('gives a byte-identical event log when run twice with the same seed', () => {
    const scenario = loadStory(STORY);
    const first = [...runScenario(scenario).events].map(formatEventLine);
    const second = [...runScenario(loadStory(STORY)).events].map(formatEventLine);
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(20);
  });

  it('logs a world that replaying the log rebuilds exactly', () => {
    const scenario = loadStory(STORY);
    const report = runScenario(scenario);
    const live = Simulation.create({ seed: scenario.seed, era: scenario.era, network: scenario.plan, scenarioName: scenario.name });
    for (const { atMs, command, at } of scenario.commands) {
      live.advanceTo(atMs);
      live.execute(command, at);
    }
    live.advanceTo(report.endMs);
    expect(serializeWorld(replayEvents(report.events))).toBe(serializeWorld(live.world));
  });

  it('checks an expectation after the timers and the commands due at its time', () => {
    const report = runScenario(parseScenario(SMALL, 'small.yaml'));
    expect(report.expectations.map((r) => `${r.description}: ${r.status}`)).toEqual([
      'vm web/vm1 is Provisioning: held',
      'vm web/vm1 is ReadyRole: held',
      'vm web/vm1 is StoppingAndDeallocating: held',
      'vm web/vm1 is StoppedDeallocated: held',
    ]);
    expect(report.endMs).toBe(7_200_000);
  });

  it('reports a failed expectation with both sides and its line, and the run fails', () => {
    const report = runScenario(parseScenario(SMALL.replace('is: Provisioning', 'is: ReadyRole'), 'small.yaml'));
    const [first] = report.expectations;
    expect(first).toMatchObject({ status: 'failed', expected: 'ReadyRole', actual: 'Provisioning', at: { file: 'small.yaml', line: 20 } });
    expect(hasRunPassed(report)).toBe(false);
  });

  it('stops at --until: later commands are not applied and later expectations are not reached (not failed)', () => {
    const report = runScenario(parseScenario(SMALL, 'small.yaml'), { untilMs: 6 * 60_000 });
    expect(report.endMs).toBe(360_000);
    expect(report.expectations.map((r) => r.status)).toEqual(['held', 'held', 'notReached', 'notReached']);
    expect([...report.events].some((e) => e.type === 'vm.stateChanged' && e['to'] === 'StoppingAndDeallocating')).toBe(false);
    expect(hasRunPassed(report)).toBe(true);
  });

  it('replaces the seed when asked, which changes the random choices but not the story', () => {
    const scenario = loadStory(STORY);
    const vipOf = (seed?: number) => [...runScenario(scenario, { seed }).events].find((e) => e.type === 'vip.assigned')?.['ip'];
    expect(vipOf(99)).not.toBe(vipOf());
    expect(runScenario(scenario, { seed: 99 }).seed).toBe(99);
    expect(hasRunPassed(runScenario(scenario, { seed: 99 }))).toBe(true);
  });

  it('keeps refused commands in the log and flags the ones no expectation mentions', () => {
    const text = SMALL.replace('deleteDisk: { name: img-copy }', 'createVm: { service: web, name: vm1, image: img, adminUser: ops, password: x }');
    const report = runScenario(parseScenario(text, 'small.yaml'));
    expect(report.refused.map((r) => `${r.command.type} ${r.code} line ${r.at?.line}`)).toEqual([
      expect.stringMatching(/^createVm \S+ line 15$/),
    ]);
    expect(report.unexpectedRefusals).toEqual(report.refused);
    expect([...report.events].filter((e) => e.type === 'command.refused')).toHaveLength(1);
    expect(hasRunPassed(report)).toBe(true);
  });

  it('does not flag a refusal that a commandRefused expectation anticipates', () => {
    const base = SMALL.replace('deleteDisk: { name: img-copy }', 'createVm: { service: web, name: vm1, image: img, adminUser: ops, password: x }');
    const code = runScenario(parseScenario(base, 'small.yaml')).refused[0]?.code ?? '';
    const text = `${base}  - at: 12m\n    commandRefused: { command: createVm, name: vm1, code: ${code} }\n`;
    const report = runScenario(parseScenario(text, 'small.yaml'));
    expect(report.unexpectedRefusals).toEqual([]);
    expect(report.expectations.at(-2)).toMatchObject({ kind: 'commandRefused', status: 'held' });
  });

  it('reports progress as simulated time advances, ending at the end time', () => {
    const seen: number[] = [];
    runScenario(parseScenario(SMALL, 'small.yaml'), { onProgress: (nowMs, endMs) => seen.push(nowMs / endMs) });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it.each(['scenarios/04-deallocation-dips.yaml', 'scenarios/14-vnet-to-vnet.yaml', 'scenarios/15-azure-connect-2012.yaml'])(
    'runs %s for its world alone to the same world, end and refusals as the full run, at its end and cut short',
    (path) => {
      for (const untilMs of [undefined, 20 * 60_000]) {
        const options = untilMs === undefined ? {} : { untilMs };
        const full = runScenarioToWorld(loadStory(path), options);
        const alone = runScenarioForWorld(loadStory(path), options);
        expect(serializeWorld(alone.world)).toBe(serializeWorld(full.world));
        expect({ endMs: alone.endMs, refused: alone.refused }).toEqual({ endMs: full.report.endMs, refused: full.report.refused });
      }
    },
  );
});
