import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { EventPayloads, EventType, SimEvent } from '../../src/sim/index.js';
import { applyEvent, applyEvents, createView, type View, type VizEvent } from '../../src/viz/index.js';
import { hubEvents, largeWorldEvents } from './fixtures.js';

function fold(events: readonly VizEvent[]): View {
  return events.reduce<View>((view, event) => applyEvent(view, event), createView());
}

function at<K extends EventType>(seq: number, type: K, payload: EventPayloads[K]): SimEvent {
  return { seq, time: seq * 10, type, ...payload } as SimEvent;
}

const VM_FIELDS = { deployment: 's', size: 'Small', os: 'Linux', source: { image: 'base' }, osDisk: 'os', mac: '00-15-5D-00-00-01' } as const;

describe('applyEvent', () => {
  const base = fold([
    at(0, 'affinityGroup.created', { affinityGroup: 'AG', region: 'East US' }),
    at(1, 'vnet.defined', { vnet: 'V', affinityGroup: 'AG', addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'A', prefix: '10.0.1.0/24' }] }),
    at(2, 'service.created', { service: 's', dnsName: 's.cloudapp.net', affinityGroup: 'AG', region: 'East US' }),
    at(3, 'vm.created', { service: 's', vm: 'm', ...VM_FIELDS, vnet: 'V', subnet: 'A' }),
  ]);

  it.each([
    ['affinityGroup.created adds the group and its region', at(4, 'affinityGroup.created', { affinityGroup: 'AG2', region: 'West US' }),
      (v: View) => { expect(v.affinityGroups['AG2']).toEqual({ name: 'AG2', region: 'West US' }); expect(v.regions).toEqual(['East US', 'West US']); }],
    ['vnet.defined inherits the region of its affinity group', at(4, 'vnet.defined', { vnet: 'W', affinityGroup: 'AG', addressSpace: [], subnets: [] }),
      (v: View) => expect(v.vnets['W']?.region).toBe('East US')],
    ['vnet.defined bound to a region has no affinity group', at(4, 'vnet.defined', { vnet: 'R', region: 'North Europe', addressSpace: ['10.9.0.0/16'], subnets: [] }),
      (v: View) => { expect(v.vnets['R']?.affinityGroup).toBeNull(); expect(v.regions).toContain('North Europe'); }],
    ['localSite.defined records prefixes and device address', at(4, 'localSite.defined', { site: 'HQ', addressPrefixes: ['192.168.0.0/16'], vpnGatewayAddress: '1.2.3.4' }),
      (v: View) => expect(v.sites['HQ']).toEqual({ name: 'HQ', addressPrefixes: ['192.168.0.0/16'], vpnGatewayAddress: '1.2.3.4', deviceUp: null })],
    ['service.kindSet sets IaaS or PaaS', at(4, 'service.kindSet', { service: 's', kind: 'IaaS' }),
      (v: View) => expect(v.services['s']?.kind).toBe('IaaS')],
    ['vip.assigned adds a VIP once', at(4, 'vip.assigned', { service: 's', slot: 'production', ip: '1.1.1.1' }),
      (v: View) => expect(applyEvent(v, at(5, 'vip.assigned', { service: 's', slot: 'production', ip: '1.1.1.1' })).services['s']?.vips).toEqual(['1.1.1.1'])],
    ['vm.created starts Provisioning without a DIP', at(4, 'vm.created', { service: 's', vm: 'n', ...VM_FIELDS, vnet: 'V', subnet: 'A' }),
      (v: View) => expect(v.vms['s/n']).toMatchObject({ state: 'Provisioning', ip: null, vnet: 'V', subnet: 'A' })],
    ['vm.stateChanged moves the VM to the new state', at(4, 'vm.stateChanged', { service: 's', vm: 'm', from: 'Provisioning', to: 'ReadyRole' }),
      (v: View) => expect(v.vms['s/m']?.state).toBe('ReadyRole')],
    ['dip.allocated gives the VM its address', at(4, 'dip.allocated', { service: 's', vm: 'm', ip: '10.0.1.4', static: true }),
      (v: View) => expect(v.vms['s/m']).toMatchObject({ ip: '10.0.1.4', isStaticIp: true })],
    ['vm.deleted removes the VM', at(4, 'vm.deleted', { service: 's', vm: 'm' }),
      (v: View) => expect(v.vms['s/m']).toBeUndefined()],
    ['endpoint.added lists the endpoint', at(4, 'endpoint.added', { service: 's', vm: 'm', endpoint: 'SSH', protocol: 'tcp', publicPort: 22, privatePort: 22, acl: [] }),
      (v: View) => expect(v.vms['s/m']?.endpoints).toEqual(['SSH'])],
    ['command.refused counts refusals', at(4, 'command.refused', { command: 'createVm', code: 'x', message: 'no' }),
      (v: View) => expect([v.refusedCount, v.refusals]).toEqual([1, {}])],
    ['command.refused marks every object it named', at(4, 'command.refused', { command: 'connectSite', code: 'x', message: 'no', objects: ['gateway:V', 'site:HQ'] }),
      (v: View) => expect(Object.keys(v.refusals)).toEqual(['gateway:V', 'site:HQ'])],
    ['gateway.stateChanged shows the gateway with its type', at(4, 'gateway.stateChanged', { vnet: 'V', from: 'NotProvisioned', to: 'Provisioning', operation: 'CreateGateway', operationStatus: 'InProgress', gatewayType: 'DynamicRouting' }),
      (v: View) => expect(v.gateways['V']).toMatchObject({ state: 'Provisioning', gatewayType: 'DynamicRouting' })],
    ['connection.stateChanged records the tunnel state, message and time', at(4, 'connection.stateChanged', { vnet: 'V', site: 'HQ', from: 'Connecting', to: 'Connected', eventId: 24, message: 'up' }),
      (v: View) => expect(v.gateways['V']?.connections['HQ']).toMatchObject({ ConnectivityState: 'Connected', LastEventMessage: 'up', LastEventTimeStamp: 40 })],
    ['connection.added shows a configured tunnel as NotConnected', at(4, 'connection.added', { vnet: 'V', site: 'HQ', addressPrefixes: [], vpnGatewayAddress: '1.2.3.4' }),
      (v: View) => expect(v.gateways['V']?.connections['HQ']?.ConnectivityState).toBe('NotConnected')],
    ['connection.removed drops the tunnel', at(4, 'connection.removed', { vnet: 'V', site: 'HQ' }),
      (v: View) => expect(v.gateways['V']?.connections['HQ']).toBeUndefined()],
    ['an event type the page does not draw only moves seq and time', at(4, 'connection.ike', { vnet: 'V', site: 'HQ', exchange: 'IKE_AUTH', detail: 'done' }),
      (v: View) => expect({ ...v, seq: 3, timeMs: 30 }).toEqual(base)],
  ])('%s', (_name, event, check) => {
    const after = applyEvent(base, event);
    expect(after.seq).toBe(4);
    expect(after.timeMs).toBe(40);
    check(after);
  });

  it('keeps the failure message and reason while a tunnel retries, as Get-AzureVNetConnection did', () => {
    const failed = applyEvent(base, at(4, 'connection.stateChanged', { vnet: 'V', site: 'HQ', from: 'Connecting', to: 'NotConnected', eventId: 23, message: 'keys differ', reason: 'AUTHENTICATION_FAILED' }));
    const retrying = applyEvent(failed, at(5, 'connection.stateChanged', { vnet: 'V', site: 'HQ', from: 'NotConnected', to: 'Connecting', eventId: 23, message: 'retrying', reason: 'AUTHENTICATION_FAILED', retry: true }));
    expect(retrying.gateways['V']?.connections['HQ']).toMatchObject({ ConnectivityState: 'Connecting', LastEventMessage: 'keys differ', reason: 'AUTHENTICATION_FAILED', LastEventTimeStamp: 40 });
    expect(failed.gateways['V']?.connections['HQ']?.ConnectivityState).toBe('NotConnected');
  });

  it('leaves the views it folded from unchanged when a gateway event changes the status (copy on write)', () => {
    const up = applyEvent(base, at(4, 'gateway.stateChanged', { vnet: 'V', from: 'Provisioning', to: 'Provisioned', operation: 'CreateGateway', operationStatus: 'Successful', publicIp: '5.5.5.5' }));
    const snapshot = structuredClone(up);
    const connected = applyEvent(up, at(5, 'connection.stateChanged', { vnet: 'V', site: 'HQ', from: 'Connecting', to: 'Connected', eventId: 24, message: 'up' }));
    applyEvent(connected, at(6, 'gateway.stateChanged', { vnet: 'V', from: 'Deprovisioning', to: 'NotProvisioned', operation: 'DeleteGateway', operationStatus: 'Successful' }));
    expect(up).toEqual(snapshot);
    expect(connected.gateways['V']?.publicIp).toBe('5.5.5.5');
  });

  it('releases a DIP only when it is the VM’s current address', () => {
    const withIp = applyEvent(base, at(4, 'dip.allocated', { service: 's', vm: 'm', ip: '10.0.1.4', static: false }));
    expect(applyEvent(withIp, at(5, 'dip.released', { service: 's', vm: 'm', ip: '10.0.1.9', static: false })).vms['s/m']?.ip).toBe('10.0.1.4');
    expect(applyEvent(withIp, at(5, 'dip.released', { service: 's', vm: 'm', ip: '10.0.1.4', static: false })).vms['s/m']?.ip).toBeNull();
  });

  it('ignores an event at or before the view’s seq, so a repeated event is never applied twice', () => {
    const event = at(3, 'vm.stateChanged', { service: 's', vm: 'm', from: 'ReadyRole', to: 'StoppedVM' });
    expect(applyEvent(base, event)).toBe(base);
  });

  it('never mutates the view it is given', () => {
    const before = JSON.stringify(base);
    for (const event of hubEvents()) applyEvent(base, { ...event, seq: event.seq + 10 });
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe('applyEvents', () => {
  it('leaves every older view as it was: a snapshot taken before deep-equals the view after later batches', () => {
    const events = largeWorldEvents(2, 2, 3, 40);
    const views = [createView()];
    const snapshots = [structuredClone(views[0]!)];
    for (let i = 0; i < events.length; i += 7) {
      views.push(applyEvents(views[views.length - 1]!, events.slice(i, i + 7)));
      snapshots.push(structuredClone(views[views.length - 1]!));
    }
    // Every event type a handler edits in place, applied on top of the final view.
    const last = views[views.length - 1]!;
    const seq = last.seq + 1;
    const edits = [
      at(seq, 'gateway.stateChanged', { vnet: 'VNet0', from: 'Provisioning', to: 'Provisioned', operation: 'CreateGateway', operationStatus: 'Successful', publicIp: '5.5.5.5' }),
      at(seq + 1, 'connection.stateChanged', { vnet: 'VNet0', site: 'HQ', from: 'Connecting', to: 'NotConnected', eventId: 23, message: 'no', reason: 'DPD_TIMEOUT' }),
      at(seq + 2, 'connection.stateChanged', { vnet: 'VNet0', site: 'HQ', from: 'NotConnected', to: 'Connecting', eventId: 23, message: 'retry', retry: true }),
      at(seq + 3, 'service.kindSet', { service: 'svc-0-0', kind: 'IaaS' }),
      at(seq + 4, 'vip.assigned', { service: 'svc-0-0', slot: 'production', ip: '1.1.1.1' }),
      at(seq + 5, 'endpoint.added', { service: 'svc-0-0', vm: 'vm0', endpoint: 'SSH', protocol: 'tcp', publicPort: 22, privatePort: 22, acl: [] }),
      at(seq + 6, 'dip.released', { service: 'svc-0-0', vm: 'vm0', ip: '10.0.0.4', static: false }),
      at(seq + 7, 'vm.deleted', { service: 'svc-0-0', vm: 'vm1' }),
      at(seq + 8, 'affinityGroup.created', { affinityGroup: 'AGx', region: 'Region 9' }),
      at(seq + 9, 'command.refused', { command: 'createVm', code: 'x', message: 'no' }),
    ];
    const edited = applyEvents(last, edits);
    expect(edited.services['svc-0-0']?.vips).toEqual(['1.1.1.1']);
    expect(edited.vms['svc-0-0/vm0']).toMatchObject({ ip: null, endpoints: ['SSH'] });
    views.forEach((view, i) => expect(view).toEqual(snapshots[i]));
  });

  it('shares the records a batch does not touch with the view before it', () => {
    const before = applyEvents(createView(), largeWorldEvents(2, 2, 3, 0));
    const after = applyEvents(before, [at(before.seq + 1, 'vm.stateChanged', { service: 'svc-0-0', vm: 'vm0', from: 'RoleStateUnknown', to: 'ReadyRole' })]);
    expect(after.vms['svc-0-0/vm0']).not.toBe(before.vms['svc-0-0/vm0']);
    expect(after.vms['svc-0-0/vm1']).toBe(before.vms['svc-0-0/vm1']);
    expect(after.vnets).toBe(before.vnets);
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 12 })])(
    'folding in batches of any size equals folding one event at a time',
    (sizes) => {
      const events = hubEvents();
      let view = createView();
      let i = 0;
      for (const size of sizes) {
        view = applyEvents(view, events.slice(i, i + size));
        i += size;
      }
      view = applyEvents(view, events.slice(i));
      expect(view).toEqual(fold(events));
    },
  );

  test.prop([fc.integer({ min: 0, max: 21 }), fc.integer({ min: 1, max: 22 })])(
    'overlapping batches (a resumed stream) give the same view as the log applied once',
    (overlapStart, cut) => {
      const events = hubEvents();
      const first = applyEvents(createView(), events.slice(0, cut));
      expect(applyEvents(first, events.slice(Math.min(overlapStart, cut)))).toEqual(fold(events));
    },
  );
});
