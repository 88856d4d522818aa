import { describe, expect, it } from 'vitest';
import { createWorld, replayEvents } from '../../src/sim/index.js';
import {
  EXPECTATION_KINDS,
  parseScenario,
  runScenario,
  type ExpectationContext,
  type RefusedCommand,
  type Verdict,
} from '../../src/scenario/index.js';

/** A world after a short story: web/vm1 (image, ReadyRole, SSH), web/vm2 (disk, stopped), a refused VM. */
const STORY = `name: kinds
seed: 11
era: 2014
network:
  virtualNetworkSites:
    - name: V
      location: West US
      addressSpace: [10.1.0.0/16]
      subnets:
        - { name: S, addressPrefix: 10.1.1.0/24 }
compute:
  services:
    - { name: web, region: West US }
    - { name: empty, region: West US }
  images:
    - { name: img, os: Linux }
  disks:
    - { name: d1, os: Linux }
  vms:
    - { service: web, name: vm1, image: img, vnet: V, subnet: S, adminUser: ops, sshKey: k, staticIp: 10.1.1.20 }
    - { service: web, name: vm2, disk: d1, subnet: S }
timeline:
  - at: 20m
    stopVm: { service: web, name: vm2 }
  - at: 25m
    createVm: { service: web, name: vm3, disk: d1, subnet: S }
until: 30m
`;

/** The story's world at its end, rebuilt from the run's log by the engine's own fold. */
function storyContext(): ExpectationContext {
  const report = runScenario(parseScenario(STORY, 'kinds.yaml'));
  return { world: replayEvents(report.events), events: report.events, refused: report.refused, nowMs: report.endMs };
}

function kind(key: string) {
  const found = EXPECTATION_KINDS.find((k) => k.key === key);
  if (found === undefined) throw new Error(`no kind ${key}`);
  return found;
}

/** Validates parameters with the kind's schema (as the loader does), binds and evaluates them. */
function check(key: string, parameters: unknown, context: ExpectationContext): Verdict {
  const parsed = kind(key).schema.parse(parameters);
  return kind(key).bind(parsed).evaluate(context);
}

const context = storyContext();

describe('the expectation registry', () => {
  it('has one kind per key', () => {
    const keys = EXPECTATION_KINDS.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining(['vmState', 'vmDip', 'vmEndpoints', 'endpoint', 'serviceKind', 'serviceVip', 'diskLease', 'commandRefused', 'gatewayState', 'connection']),
    );
  });

  it.each([
    ['vmDip', { service: 'web', vm: 'vm1' }],
    ['connection', { vnet: 'V', site: 'HQ' }],
    ['vmState', { service: 'web', vm: 'vm1', is: 'Running' }],
    ['vmState', { service: 'web', vm: 'vm1', is: 'ReadyRole', colour: 'red' }],
    ['serviceKind', { service: 'web', is: 'Hybrid' }],
    ['serviceVip', { service: 'web', is: '168.62.0.1' }],
  ])('%s refuses parameters %j', (key, parameters) => {
    expect(kind(key).schema.safeParse(parameters).success).toBe(false);
  });
});

describe('expectation kinds against a world', () => {
  it.each([
    ['vmState', { service: 'web', vm: 'vm1', is: 'ReadyRole' }, true, 'ReadyRole'],
    ['vmState', { service: 'web', vm: 'vm2', is: 'ReadyRole' }, false, 'StoppedDeallocated'],
    ['vmState', { service: 'web', vm: 'vm9', is: 'ReadyRole' }, false, 'no such VM'],
    ['vmDip', { service: 'web', vm: 'vm1', is: '10.1.1.20', static: true }, true, '10.1.1.20 (static)'],
    ['vmDip', { service: 'web', vm: 'vm1', static: false }, false, '10.1.1.20 (static)'],
    ['vmDip', { service: 'web', vm: 'vm1', is: { not: '10.1.1.20' } }, false, '10.1.1.20 (static)'],
    ['vmDip', { service: 'web', vm: 'vm2', is: 'none' }, true, 'none'],
    ['vmEndpoints', { service: 'web', vm: 'vm1', are: ['SSH'] }, true, 'SSH'],
    ['vmEndpoints', { service: 'web', vm: 'vm2', are: [] }, true, '(none)'],
    ['vmEndpoints', { service: 'web', vm: 'vm2', are: ['SSH'] }, false, '(none)'],
    ['endpoint', { service: 'web', vm: 'vm1', name: 'SSH', publicPort: 22, privatePort: 22 }, true, 'public 22 → private 22'],
    ['endpoint', { service: 'web', vm: 'vm1', name: 'SSH', publicPort: 2222 }, false, 'public 22 → private 22'],
    ['endpoint', { service: 'web', vm: 'vm2', name: 'SSH' }, false, 'no such endpoint'],
    ['serviceKind', { service: 'web', is: 'IaaS' }, true, 'IaaS'],
    ['serviceKind', { service: 'empty', is: 'empty' }, true, 'empty'],
    ['serviceKind', { service: 'empty', is: 'PaaS' }, false, 'empty'],
    ['serviceVip', { service: 'empty', is: 'none' }, true, 'none'],
    ['serviceVip', { service: 'empty', is: 'assigned' }, false, 'none'],
    ['serviceVip', { service: 'web', slot: 'staging', is: 'none' }, true, 'none'],
    ['diskLease', { disk: 'd1', heldBy: { service: 'web', vm: 'vm2' } }, true, 'web/vm2'],
    ['diskLease', { disk: 'd1', heldBy: 'none' }, false, 'web/vm2'],
    ['diskLease', { disk: 'nope', heldBy: 'none' }, false, 'no such disk'],
    ['commandRefused', { command: 'createVm', code: 'disk-leased' }, true, 'refused with disk-leased'],
    ['commandRefused', { command: 'createVm', name: 'vm3', code: 'unknown-vm' }, false, 'disk-leased'],
    ['commandRefused', { command: 'stopVm', code: 'unknown-vm' }, false, 'not refused'],
    ['commandRefused', { command: 'createVm', code: 'disk-leased', message: "in use by virtual machine 'vm2'" }, true, `refused with disk-leased "…in use by virtual machine 'vm2'…"`],
    ['commandRefused', { command: 'createVm', code: 'disk-leased', message: 'in use by vm9' }, false, `disk-leased "${context.refused[0]?.message ?? ''}"`],
  ])('%s %j → holds %s (actual %s)', (key, parameters, holds, actual) => {
    const verdict = check(key, parameters, context);
    expect({ holds: verdict.holds, actual: verdict.actual }).toEqual({ holds, actual });
  });

  it('serviceVip shows the address it found, and holds while one VM of the service is still allocated', () => {
    const verdict = check('serviceVip', { service: 'web', is: 'assigned' }, context);
    expect(verdict.holds).toBe(true);
    expect(verdict.actual).toBe(`assigned (${context.world.services['web']?.vips.production ?? ''})`);
    expect(verdict.actual).toMatch(/^assigned \(\d+\.\d+\.\d+\.\d+\)$/);
  });

  it('says what was expected in words', () => {
    expect(check('vmDip', { service: 'web', vm: 'vm1', is: { not: '10.1.1.4' }, static: true }, context).expected).toBe('not 10.1.1.4, static');
    expect(check('diskLease', { disk: 'd1', heldBy: 'none' }, context).expected).toBe('none');
  });

  it.each([
    ['a misspelt code', 'disk-leasd', "'disk-leasd' is not a refusal code of the engine; did you mean disk-leased?"],
    ['a code far from every code', 'zzzzzzzzzzzzzz', "'zzzzzzzzzzzzzz' is not a refusal code of the engine; the codes are listed under commandRefused in docs/scenario-format.md"],
  ])('refuses a commandRefused with %s when the scenario loads, at its line and column', (_name, code, message) => {
    const text = `${STORY}expect:\n  - at: 30m\n    commandRefused: { command: createVm, code: ${code} }\n`;
    expect(() => parseScenario(text, 'kinds.yaml')).toThrow(`kinds.yaml:${STORY.split('\n').length + 2}:48: error invalid-value: expect.0.commandRefused.code: ${message}`);
  });

  it('lets a commandRefused expectation explain only the refusal it names', () => {
    const refusal = context.refused[0] as RefusedCommand;
    const bound = (parameters: unknown) => kind('commandRefused').bind(kind('commandRefused').schema.parse(parameters));
    expect(bound({ command: 'createVm', code: 'disk-leased', service: 'web', name: 'vm3' }).explainsRefusal?.(refusal)).toBe(true);
    expect(bound({ command: 'createVm', code: 'disk-leased', service: 'api' }).explainsRefusal?.(refusal)).toBe(false);
    expect(bound({ command: 'createVm', code: 'disk-leased', message: 'in use by vm9' }).explainsRefusal?.(refusal)).toBe(false);
    expect(kind('vmState').bind({ service: 'web', vm: 'vm1', is: 'ReadyRole' }).explainsRefusal).toBeUndefined();
  });
});

describe('gateway expectation kinds read the gateway fold', () => {
  const world = createWorld();
  world.gateway = {
    gateways: {
      V: {
        vnet: 'V',
        state: 'Provisioned',
        connections: {
          HQ: {
            LocalNetworkSiteName: 'HQ',
            ConnectivityState: 'NotConnected',
            LastEventMessage: "The connectivity state for the local network site 'HQ' changed from Connecting to Not Connected.",
            reason: 'AUTHENTICATION_FAILED',
            LastEventID: 2,
            LastEventTimeStamp: 60_000,
            IngressBytesTransferred: 0,
            EgressBytesTransferred: 0,
            ingressBytesPerSecond: 0,
            egressBytesPerSecond: 0,
            bytesAsOfMs: 60_000,
          },
        },
      },
    },
  };
  const gatewayContext: ExpectationContext = { world, events: [], refused: [], nowMs: 0 };

  it.each([
    ['gatewayState', { vnet: 'V', is: 'Provisioned' }, true, 'Provisioned'],
    ['gatewayState', { vnet: 'W', is: 'NotProvisioned' }, true, 'NotProvisioned'],
    ['connection', { vnet: 'V', site: 'HQ', is: 'NotConnected', reason: 'AUTHENTICATION_FAILED' }, true, undefined],
    ['connection', { vnet: 'V', site: 'HQ', message: 'changed from Connecting to Not Connected' }, true, undefined],
    ['connection', { vnet: 'V', site: 'HQ', is: 'Connected' }, false, undefined],
    ['connection', { vnet: 'V', site: 'Branch', is: 'NotConnected' }, true, 'no such connection (NotConnected)'],
  ])('%s %j → holds %s', (key, parameters, holds, actual) => {
    const verdict = check(key, parameters, gatewayContext);
    expect(verdict.holds).toBe(holds);
    if (actual !== undefined) expect(verdict.actual).toBe(actual);
  });
});
