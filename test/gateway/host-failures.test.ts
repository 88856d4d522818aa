import { describe, expect, it } from 'vitest';
import { describeReason, type FailureReason } from '../../src/gateway/index.js';
import {
  PROVISION_MS, SITE1, VNET1, compatibleDevice, connectivityTrail, createHarness, provision, type Harness,
} from './harness.js';

// Each row reproduces one failure from the troubleshooting checklist and reads Get-AzureVNetConnection at a time.
interface FailureRow {
  name: string;
  gatewayType: 'StaticRouting' | 'DynamicRouting';
  setup: Parameters<typeof createHarness>[0];
  /** Commands run once the gateway is Provisioned (and the first handshake had its chance). */
  after?: (h: Harness) => void;
  /** When to read the status, in ms after provisioning completed. */
  readAtMs: number;
  state: 'NotConnected' | 'Connecting' | 'Connected';
  reason: FailureReason | undefined;
  from: string;
}

const ROWS: FailureRow[] = [
  {
    name: 'pre-shared key mismatch', gatewayType: 'DynamicRouting',
    setup: { devices: [compatibleDevice({ sharedKey: 'device-key' })] },
    readAtMs: 1_000, state: 'NotConnected', reason: 'AUTHENTICATION_FAILED', from: 'Connecting',
  },
  {
    name: 'pre-shared key mismatch on IKEv1', gatewayType: 'StaticRouting',
    setup: { devices: [compatibleDevice({ sharedKey: 'device-key' })] },
    readAtMs: 1_000, state: 'NotConnected', reason: 'AUTHENTICATION_FAILED', from: 'Connecting',
  },
  {
    name: 'IKEv1-only device on a DynamicRouting gateway', gatewayType: 'DynamicRouting',
    setup: { devices: [compatibleDevice({ ikeVersions: [1] })] },
    readAtMs: 1_000, state: 'NotConnected', reason: 'NO_PROPOSAL_CHOSEN', from: 'Connecting',
  },
  {
    name: 'IKEv2-only device on a StaticRouting gateway', gatewayType: 'StaticRouting',
    setup: { devices: [compatibleDevice({ ikeVersions: [2] })] },
    readAtMs: 1_000, state: 'NotConnected', reason: 'NO_PROPOSAL_CHOSEN', from: 'Connecting',
  },
  {
    name: 'proposal the gateway does not offer', gatewayType: 'DynamicRouting',
    setup: { devices: [compatibleDevice({ proposals: ['aes128-md5-modp768'] })] },
    readAtMs: 1_000, state: 'NotConnected', reason: 'NO_PROPOSAL_CHOSEN', from: 'Connecting',
  },
  {
    // Quick mode is refused but phase 1 stays up, so the tunnel stays Connecting with the reason.
    name: 'traffic selectors narrower than the VNet on a policy-based tunnel', gatewayType: 'StaticRouting',
    setup: { devices: [compatibleDevice({ trafficSelectors: ['10.0.1.0/24'] })] },
    readAtMs: 1_000, state: 'Connecting', reason: 'TS_UNACCEPTABLE', from: 'Connecting',
  },
  {
    name: 'device powered off: retransmissions exhausted at 165 s', gatewayType: 'DynamicRouting',
    setup: { devices: [compatibleDevice({ up: false })] },
    readAtMs: 166_000, state: 'NotConnected', reason: 'PEER_UNREACHABLE', from: 'Connecting',
  },
  {
    name: 'device unreachable', gatewayType: 'StaticRouting',
    setup: { devices: [compatibleDevice({ reachable: false })] },
    readAtMs: 166_000, state: 'NotConnected', reason: 'PEER_UNREACHABLE', from: 'Connecting',
  },
  {
    name: "site's VPN gateway address differs from the device IP", gatewayType: 'DynamicRouting',
    setup: { devices: [compatibleDevice({ publicIp: '198.51.100.7' })] },
    readAtMs: 166_000, state: 'NotConnected', reason: 'WRONG_PEER_IP', from: 'Connecting',
  },
  {
    name: 'device pointing at a stale Azure gateway IP', gatewayType: 'DynamicRouting',
    setup: { devices: [compatibleDevice({ gatewayAddress: '40.0.0.200' })] },
    readAtMs: 166_000, state: 'NotConnected', reason: 'WRONG_PEER_IP', from: 'Connecting',
  },
  {
    name: 'device dies on a route-based tunnel: DPD after 30 s quiet + 165 s', gatewayType: 'DynamicRouting',
    setup: {},
    after: (h) => h.host.execute({ type: 'setDevicePower', site: 'Site1', up: false }),
    readAtMs: 196_000, state: 'NotConnected', reason: 'DPD_TIMEOUT', from: 'Connected',
  },
  {
    name: 'device dies on a policy-based tunnel: no DPD, noticed at the IPsec SA rekey', gatewayType: 'StaticRouting',
    setup: {},
    after: (h) => h.host.execute({ type: 'setDevicePower', site: 'Site1', up: false }),
    readAtMs: 3_600_000 + 166_000, state: 'NotConnected', reason: 'PEER_UNREACHABLE', from: 'Connected',
  },
  {
    name: "device IP inside the site's own prefixes", gatewayType: 'DynamicRouting',
    setup: {
      sites: [{ ...SITE1, addressPrefixes: ['203.0.113.0/24'] }],
    },
    readAtMs: 196_000, state: 'NotConnected', reason: 'DEVICE_IP_INSIDE_SITE', from: 'Connected',
  },
  {
    name: 'site overlapping the VNet address space', gatewayType: 'DynamicRouting',
    setup: { sites: [{ ...SITE1, addressPrefixes: ['10.0.128.0/20'] }] },
    readAtMs: 1_000, state: 'NotConnected', reason: 'OVERLAPPING_PREFIXES', from: 'NotConnected',
  },
];

describe('failure reasons as Get-AzureVNetConnection shows them', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const h = createHarness(row.setup);
    provision(h, row.gatewayType);
    const startMs = PROVISION_MS + 1_000;
    row.after?.(h);
    h.clock.advanceTo(startMs + row.readAtMs);
    const status = h.host.connectionStatus('VNet1', 'Site1');
    expect(status?.ConnectivityState).toBe(row.state);
    expect(status?.reason).toBe(row.reason);
    const spell = (state: string): string => (state === 'NotConnected' ? 'Not Connected' : state);
    const base = row.from === row.state
      ? `The connectivity state for the local network site 'Site1' is ${spell(row.state)}.`
      : `The connectivity state for the local network site 'Site1' changed from ${spell(row.from)} to ${spell(row.state)}.`;
    expect(status?.LastEventMessage).toBe(row.reason === undefined ? base : `${base} ${describeReason(row.reason)}`);
    expect(status?.LastEventID).toBe(row.state === 'Connecting' ? 23403 : 23402);
    h.host.stop();
  });

  it('gives up on a silent device exactly at the end of the 4·1.8ⁿ ladder (165 s)', () => {
    const h = createHarness({ devices: [compatibleDevice({ up: false })] });
    provision(h, 'DynamicRouting');
    const trail = connectivityTrail(h);
    expect(trail).toEqual([[PROVISION_MS, 'Connecting', undefined]]);
    h.clock.advanceTo(PROVISION_MS + 165_000);
    // 4000 + 7200 + 12960 + 23328 + 41990 + 75583 ms (rounded per wait) = 165061 ms.
    expect(connectivityTrail(h)).toEqual([[PROVISION_MS, 'Connecting', undefined]]);
    h.clock.advanceTo(PROVISION_MS + 165_061);
    expect(connectivityTrail(h).at(-1)).toEqual([PROVISION_MS + 165_061, 'NotConnected', 'PEER_UNREACHABLE']);
  });

  it('keeps the failure reason and its event on the connection while retrying, until it is Connected', () => {
    const h = createHarness({ devices: [compatibleDevice({ up: false })] });
    provision(h, 'DynamicRouting');
    const failedAtMs = PROVISION_MS + 165_061;
    h.clock.advanceTo(failedAtMs);
    const failed = h.host.connectionStatus('VNet1', 'Site1');
    expect(failed).toMatchObject({ ConnectivityState: 'NotConnected', reason: 'PEER_UNREACHABLE', LastEventID: 23402, LastEventTimeStamp: failedAtMs });
    // The retry starts after the first reconnect delay (10 s plus up to 5 s of jitter).
    h.clock.advanceTo(failedAtMs + 20_000);
    const retrying = h.host.connectionStatus('VNet1', 'Site1');
    expect(retrying?.ConnectivityState).toBe('Connecting');
    expect(retrying).toMatchObject({
      reason: 'PEER_UNREACHABLE', LastEventID: 23402, LastEventTimeStamp: failedAtMs, LastEventMessage: failed?.LastEventMessage,
    });
    const retry = h.events.findLast(({ event }) => event.type === 'connection.stateChanged')?.event;
    expect(retry).toMatchObject({ type: 'connection.stateChanged', from: 'NotConnected', to: 'Connecting', reason: 'PEER_UNREACHABLE', retry: true });
    h.host.execute({ type: 'setDevicePower', site: 'Site1', up: true });
    h.clock.advanceBy(1_000);
    const connected = h.host.connectionStatus('VNet1', 'Site1');
    expect(connected).toMatchObject({ ConnectivityState: 'Connected', LastEventID: 23401 });
    expect(connected?.reason).toBeUndefined();
    expect(connected?.LastEventMessage).toBe("The connectivity state for the local network site 'Site1' changed from Not Connected to Connected.");
  });

  it('flaps when the device IP lies inside the site: connects, loses DPD, reconnects', () => {
    const h = createHarness({ sites: [{ ...SITE1, addressPrefixes: ['203.0.113.0/24'] }] });
    provision(h, 'DynamicRouting');
    h.clock.advanceBy(60 * 60_000);
    const trail = connectivityTrail(h);
    const connects = trail.filter(([, to]) => to === 'Connected').length;
    const drops = trail.filter(([, to, reason]) => to === 'NotConnected' && reason === 'DEVICE_IP_INSIDE_SITE').length;
    expect(connects).toBeGreaterThanOrEqual(5);
    expect(drops).toBeGreaterThanOrEqual(connects - 1);
  });

  it('logs an IKEv1 selector refusal as INVALID_ID_INFORMATION, the notify quick mode uses', () => {
    const h = createHarness({ devices: [compatibleDevice({ ikeVersions: [1], trafficSelectors: ['10.0.0.0/24'] })] });
    provision(h, 'StaticRouting');
    const details = h.events.flatMap(({ event }) => (event.type === 'connection.ike' && event.exchange === 'QUICK_MODE' ? [event.detail] : []));
    expect(details[0]).toBe("peer answered QUICK_MODE with notify INVALID_ID_INFORMATION (IKEv1's TS_UNACCEPTABLE); the IKE SA stays up without a child SA");
    expect(h.host.connectionStatus('VNet1', 'Site1')?.reason).toBe('TS_UNACCEPTABLE');
  });

  it('connects the 11th site only after resizing to HighPerformance', () => {
    const sites = Array.from({ length: 11 }, (_, i) => ({
      name: `Site${i + 1}`, addressPrefixes: [`192.168.${i}.0/24`], vpnGatewayAddress: `203.0.113.${i + 10}`,
    }));
    const h = createHarness({ sites, vnets: [{ ...VNET1, sites: sites.map((s) => s.name) }] });
    provision(h, 'DynamicRouting');
    expect(h.host.connectedSites()).toHaveLength(10);
    expect(h.host.connectionStatus('VNet1', 'Site11')?.reason).toBe('TOO_MANY_TUNNELS');
    expect(h.host.execute({ type: 'resizeGateway', vnet: 'VNet1', sku: 'HighPerformance' })).toEqual({ ok: true });
    h.clock.advanceBy(5 * 60_000 + 1_000);
    expect(h.host.connectedSites()).toHaveLength(11);
    expect(h.host.status('VNet1')?.sku).toBe('HighPerformance');
  });

  it('a HighPerformance gateway carries 30 tunnels: the 31st site is refused, and so is a resize back to Default', () => {
    const sites = Array.from({ length: 31 }, (_, i) => ({
      name: `Site${i + 1}`, addressPrefixes: [`192.168.${i}.0/24`], vpnGatewayAddress: `203.0.113.${i + 10}`,
    }));
    const h = createHarness({ sites, vnets: [{ ...VNET1, sites: sites.map((s) => s.name) }] });
    expect(h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting', sku: 'HighPerformance' })).toEqual({ ok: true });
    h.clock.advanceBy(PROVISION_MS + 1_000);
    expect(h.host.status('VNet1')?.sku).toBe('HighPerformance');
    expect(h.host.connectedSites().map(({ site }) => site)).toEqual(sites.slice(0, 30).map((s) => s.name));
    expect(h.host.connectionStatus('VNet1', 'Site31')).toMatchObject({ ConnectivityState: 'NotConnected', reason: 'TOO_MANY_TUNNELS' });
    const resize = h.host.execute({ type: 'resizeGateway', vnet: 'VNet1', sku: 'Default' });
    expect(resize).toMatchObject({ ok: false, code: 'too-many-tunnels' });
    if (!resize.ok) expect(resize.message).toBe("'VNet1' runs 30 tunnels but a Default gateway allows 10. Remove sites first.");
    const added = h.host.execute({ type: 'addSite', vnet: 'VNet1', site: 'Site32', addressPrefixes: ['172.16.0.0/16'], vpnGatewayAddress: '198.51.100.32' });
    expect(added).toMatchObject({ ok: false, code: 'too-many-tunnels' });
  });

  it('refuses a site that overlaps an earlier site, keeping the earlier one', () => {
    const site2 = { name: 'Site2', addressPrefixes: ['192.168.10.0/24'], vpnGatewayAddress: '198.51.100.20' };
    const h = createHarness({ sites: [SITE1, site2], vnets: [{ ...VNET1, sites: ['Site1', 'Site2'] }] });
    provision(h, 'DynamicRouting');
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
    expect(h.host.connectionStatus('VNet1', 'Site2')?.reason).toBe('OVERLAPPING_PREFIXES');
  });
});
