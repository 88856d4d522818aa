import { describe, expect, it } from 'vitest';
import { createScenarioWorld } from '../../src/cli/serve.js';
import { createEventNarrator } from '../../src/scenario/event-narration.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import type { EventPayloads, EventType, SimEvent } from '../../src/sim/index.js';
import { formatEventFields, narrateEvent } from '../../src/viz/index.js';

function at<K extends EventType>(time: number, type: K, payload: EventPayloads[K]): SimEvent {
  return { seq: 1, time, type, ...payload } as SimEvent;
}

describe('narrateEvent', () => {
  it.each([
    [at(16 * 60_000, 'connection.stateChanged', { vnet: 'CorpVNet', site: 'HQ', from: 'Connecting', to: 'Connected', eventId: 24, message: 'tunnel up' }),
      { clock: '00:16:00', subject: 'tunnel CorpVNet ↔ HQ', text: 'Connecting → Connected: tunnel up' }],
    [at(0, 'connection.stateChanged', { vnet: 'V', site: 'S', from: 'NotConnected', to: 'Connecting', eventId: 23, message: 'retrying', reason: 'AUTHENTICATION_FAILED', retry: true }),
      { clock: '00:00:00', subject: 'tunnel V ↔ S', text: 'NotConnected → Connecting [AUTHENTICATION_FAILED]: retrying' }],
    [at(0, 'connection.stateChanged', { vnet: 'V', site: 'S', from: 'NotConnected', to: 'NotConnected', eventId: 23, message: 'no gateway' }),
      { clock: '00:00:00', subject: 'tunnel V ↔ S', text: 'not started: no gateway' }],
    [at(7 * 60_000, 'vm.stateChanged', { service: 'web', vm: 'web1', from: 'Provisioning', to: 'ReadyRole' }),
      { clock: '00:07:00', subject: 'vm web/web1', text: 'Provisioning → ReadyRole' }],
    [at(1000, 'dip.allocated', { service: 'db', vm: 'sql1', ip: '10.1.2.10', static: true, vnet: 'Hub', subnet: 'BackEnd' }),
      { clock: '00:00:01', subject: 'vm db/sql1', text: 'dip 10.1.2.10 allocated (static) in Hub/BackEnd' }],
    [at(26 * 3_600_000 + 5000, 'gateway.stateChanged', { vnet: 'Hub', from: 'Provisioning', to: 'Provisioned', operation: 'CreateGateway', operationStatus: 'Successful', publicIp: '137.116.0.20' }),
      { clock: '1d 02:00:05', subject: 'gateway Hub', text: 'Provisioning → Provisioned  ip 137.116.0.20' }],
    [at(0, 'command.refused', { command: 'createVm', code: 'subnet-full', message: 'no free address' }),
      { clock: '00:00:00', subject: 'command createVm', text: 'refused subnet-full: no free address' }],
    [at(0, 'connection.ike', { vnet: 'V', site: 'S', exchange: 'IKE_AUTH', detail: 'authenticated' }),
      { clock: '00:00:00', subject: 'tunnel V ↔ S', text: 'IKE IKE_AUTH: authenticated' }],
  ])('tells %j', (event, line) => {
    expect(narrateEvent(event)).toEqual(line);
  });

  it('keeps every raw field for the tooltip', () => {
    expect(formatEventFields(at(0, 'vnet.defined', { vnet: 'V', addressSpace: ['10.0.0.0/16'], subnets: [] }))).toBe('vnet=V addressSpace=["10.0.0.0/16"] subnets=[]');
  });

  it.each([
    'test/e2e/fixtures/hub-tunnel.yaml', 'scenarios/03-service-becomes-paas.yaml', 'scenarios/09-device-down-dpd.yaml',
    'scenarios/13-gateway-lifecycle.yaml',
  ])('names the same time and subject as `vnetsim run` for every event of %s', async (file) => {
    const world = createScenarioWorld(await loadScenarioFile(file));
    world.advanceTo(30 * 86_400_000);
    const narrate = createEventNarrator();
    expect(world.events.length).toBeGreaterThan(10);
    for (const event of world.events) {
      const line = narrateEvent(event);
      expect(narrate(event)).toMatch(new RegExp(`^${escape(line.clock)}  ${escape(line.subject)}\\s`));
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
