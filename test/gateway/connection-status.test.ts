import { describe, expect, it } from 'vitest';
import {
  CONNECTION_EVENT_IDS, DEFAULT_GATEWAY_PROFILE, applyGatewayEvent, createGatewayWorld, readGatewayStatus,
} from '../../src/gateway/index.js';
import { MINUTE_MS, PROVISION_MS, RESIZE_MS, createHarness, provision, type Harness } from './harness.js';

// Get-AzureVNetConnection and Get-AzureVNetGateway as the host reports them: the documented fields, byte counters
// "since last connected" at the modelled rate, and the last gateway operation with its status.

const HOUR_MS = 60 * MINUTE_MS;
const { roundTripMs: RTT_MS, ingressBytesPerSecond: INGRESS_BPS, egressBytesPerSecond: EGRESS_BPS } = DEFAULT_GATEWAY_PROFILE;
const CONNECTED_MS = PROVISION_MS + 2 * RTT_MS;

function siteStatus(h: Harness) {
  return h.host.connectionStatus('VNet1', 'Site1');
}

describe('Get-AzureVNetConnection fields', () => {
  it('a Connected tunnel shows the documented event and counts bytes since it connected', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    h.clock.advanceTo(CONNECTED_MS + HOUR_MS);
    expect(siteStatus(h)).toMatchObject({
      LocalNetworkSiteName: 'Site1',
      ConnectivityState: 'Connected',
      LastEventID: CONNECTION_EVENT_IDS.Connected,
      LastEventMessage: "The connectivity state for the local network site 'Site1' changed from Not Connected to Connected.",
      LastEventTimeStamp: CONNECTED_MS,
      LastConnectionEstablished: CONNECTED_MS,
      IngressBytesTransferred: INGRESS_BPS * 3_600,
      EgressBytesTransferred: EGRESS_BPS * 3_600,
    });
  });

  it('reading the status changes nothing: two reads at the same time agree', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    h.clock.advanceBy(HOUR_MS);
    expect(siteStatus(h)).toEqual(siteStatus(h));
  });

  it('counters stop while the tunnel is down and start from zero when it connects again', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    // Half an hour in, well clear of the hourly IPsec SA rekey, so DPD is what notices.
    h.clock.advanceTo(CONNECTED_MS + HOUR_MS / 2);
    h.host.execute({ type: 'setDevicePower', site: 'Site1', up: false });
    h.clock.advanceBy(10 * MINUTE_MS);
    const down = siteStatus(h);
    expect(down?.ConnectivityState).not.toBe('Connected');
    // DPD declared the peer dead 30 s + 165 s after it went silent; until then the SA still counted traffic.
    const droppedMs = h.events.find(({ event }) => event.type === 'connection.stateChanged' && event.reason === 'DPD_TIMEOUT')?.timeMs ?? 0;
    expect(droppedMs).toBe(CONNECTED_MS + HOUR_MS / 2 + DEFAULT_GATEWAY_PROFILE.dpdDelayMs + 165_061);
    expect(down?.IngressBytesTransferred).toBe(Math.floor((INGRESS_BPS * (droppedMs - CONNECTED_MS)) / 1_000));
    h.clock.advanceBy(HOUR_MS);
    expect(siteStatus(h)?.IngressBytesTransferred).toBe(down?.IngressBytesTransferred);
    expect(siteStatus(h)?.LastConnectionEstablished).toBe(CONNECTED_MS);
    const upAtMs = h.clock.now();
    h.host.execute({ type: 'setDevicePower', site: 'Site1', up: true });
    h.clock.advanceTo(upAtMs + MINUTE_MS);
    const again = siteStatus(h);
    expect(again?.ConnectivityState).toBe('Connected');
    expect(again?.LastConnectionEstablished).toBe(upAtMs + 2 * RTT_MS);
    expect(again?.IngressBytesTransferred).toBe(Math.floor((INGRESS_BPS * (MINUTE_MS - 2 * RTT_MS)) / 1_000));
  });

  it('a site that never connected shows NotConnected, no event and no traffic', () => {
    const h = createHarness();
    expect(siteStatus(h)).toMatchObject({
      ConnectivityState: 'NotConnected', LastEventID: 0, LastEventMessage: '', IngressBytesTransferred: 0, EgressBytesTransferred: 0,
    });
    expect(siteStatus(h)?.LastConnectionEstablished).toBeUndefined();
  });
});

describe('Get-AzureVNetGateway: state, type, SKU, IP and the last operation', () => {
  it('reports each operation InProgress while it runs and Successful when it is done', () => {
    const h = createHarness();
    const operation = () => h.host.status('VNet1')?.lastOperation;
    h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting' });
    expect(operation()).toMatchObject({ operation: 'CreateGateway', status: 'InProgress', timeMs: 0 });
    h.clock.advanceBy(PROVISION_MS + 1_000);
    expect(operation()).toMatchObject({ operation: 'CreateGateway', status: 'Successful', timeMs: PROVISION_MS });
    expect(h.host.status('VNet1')).toMatchObject({ state: 'Provisioned', gatewayType: 'DynamicRouting', sku: 'Default', publicIp: '40.0.0.1' });
    h.host.execute({ type: 'resizeGateway', vnet: 'VNet1', sku: 'HighPerformance' });
    expect(operation()).toMatchObject({ operation: 'ResizeGateway', status: 'InProgress', message: 'resizing to HighPerformance' });
    h.clock.advanceBy(RESIZE_MS);
    expect(operation()).toMatchObject({ operation: 'ResizeGateway', status: 'Successful' });
    expect(h.host.status('VNet1')?.sku).toBe('HighPerformance');
    h.host.execute({ type: 'resetGateway', vnet: 'VNet1' });
    expect(operation()).toMatchObject({ operation: 'ResetGateway', status: 'InProgress' });
    h.clock.advanceBy(DEFAULT_GATEWAY_PROFILE.resetFailoverMs);
    expect(operation()).toMatchObject({ operation: 'ResetGateway', status: 'Successful', message: 'standby instance is active' });
    h.host.execute({ type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 'NewKey1' });
    expect(operation()).toMatchObject({ operation: 'SetGatewayKey', status: 'InProgress' });
    h.clock.advanceBy(1);
    expect(operation()).toMatchObject({ operation: 'SetGatewayKey', status: 'Successful' });
    expect(h.host.status('VNet1')?.sku).toBe('HighPerformance');
  });

  it('a create that fails on the platform reports Failed, leaves no gateway and gives its IP back', () => {
    const h = createHarness();
    expect(h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting', outcome: 'Failed' })).toEqual({ ok: true });
    expect(h.host.status('VNet1')).toMatchObject({ state: 'Provisioning', publicIp: '40.0.0.1' });
    h.clock.advanceBy(PROVISION_MS);
    const status = h.host.status('VNet1');
    expect(status).toMatchObject({ state: 'NotProvisioned', lastOperation: { operation: 'CreateGateway', status: 'Failed', timeMs: PROVISION_MS } });
    expect(status?.lastOperation?.message).toContain('create it again');
    expect(status?.publicIp).toBeUndefined();
    expect(status?.gatewayType).toBeUndefined();
    expect(h.events.some(({ event }) => event.type === 'connection.stateChanged')).toBe(false);
    expect(h.host.execute({ type: 'deleteGateway', vnet: 'VNet1' })).toMatchObject({ ok: false, code: 'gateway-not-provisioned' });
    provision(h, 'DynamicRouting');
    expect(h.host.status('VNet1')).toMatchObject({ state: 'Provisioned', publicIp: '40.0.0.2' });
    expect(siteStatus(h)?.ConnectivityState).toBe('Connected');
  });

  it('a resize leaves running tunnels up', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    const seen = h.events.length;
    h.host.execute({ type: 'resizeGateway', vnet: 'VNet1', sku: 'HighPerformance' });
    h.clock.advanceBy(RESIZE_MS + MINUTE_MS);
    expect(h.events.slice(seen).some(({ event }) => event.type === 'connection.stateChanged')).toBe(false);
    expect(siteStatus(h)?.ConnectivityState).toBe('Connected');
  });
});

describe('the status is a fold over the events', () => {
  it('folding the emitted events from nothing gives the status the host reports', () => {
    const h = createHarness();
    provision(h, 'StaticRouting');
    h.host.execute({ type: 'resetGateway', vnet: 'VNet1' });
    h.clock.advanceBy(HOUR_MS);
    h.host.execute({ type: 'setLinkFault', site: 'Site1', broken: true });
    h.clock.advanceBy(2 * HOUR_MS);
    const world = createGatewayWorld();
    for (const { timeMs, event } of h.events) applyGatewayEvent(world, event, timeMs);
    const folded = readGatewayStatus(world.gateways['VNet1'] ?? { vnet: 'VNet1', state: 'NotProvisioned', connections: {} }, h.clock.now());
    expect(folded).toEqual(h.host.status('VNet1'));
  });
});
