import { describe, expect, it } from 'vitest';
import type { GatewayCommand } from '../../src/gateway/index.js';
import {
  MINUTE_MS, PROVISION_MS, SITE1, VNET1, compatibleDevice, connectivityTrail, createHarness, provision, type Harness,
} from './harness.js';

const SITE2 = { name: 'Site2', addressPrefixes: ['172.16.0.0/16'], vpnGatewayAddress: '198.51.100.20' };

describe('refused commands change nothing and say what to do', () => {
  type Prepare = (h: Harness) => void;
  const none: Prepare = () => undefined;
  const provisioned = (type: 'StaticRouting' | 'DynamicRouting'): Prepare => (h) => provision(h, type);
  it.each<[string, Prepare, GatewayCommand, string]>([
    ['create on an unknown VNet', none, { type: 'createGateway', vnet: 'Nope', gatewayType: 'DynamicRouting' }, 'unknown-vnet'],
    ['create without GatewaySubnet', (h) => h.host.defineVnet({ ...VNET1, vnet: 'Bare', hasGatewaySubnet: false }),
      { type: 'createGateway', vnet: 'Bare', gatewayType: 'DynamicRouting' }, 'gateway-subnet-missing'],
    ['create while provisioning', (h) => h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'StaticRouting' }),
      { type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting' }, 'gateway-exists'],
    ['changing the type without deleting', provisioned('StaticRouting'),
      { type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting' }, 'gateway-exists'],
    ['delete with no gateway', none, { type: 'deleteGateway', vnet: 'VNet1' }, 'gateway-not-provisioned'],
    ['delete while provisioning', (h) => h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'StaticRouting' }),
      { type: 'deleteGateway', vnet: 'VNet1' }, 'gateway-operation-in-progress'],
    ['reset with no gateway', none, { type: 'resetGateway', vnet: 'VNet1' }, 'gateway-not-provisioned'],
    ['resize to the same SKU', provisioned('DynamicRouting'), { type: 'resizeGateway', vnet: 'VNet1', sku: 'Default' }, 'gateway-sku-unchanged'],
    ['key for a site not connected to the VNet', provisioned('DynamicRouting'),
      { type: 'setSharedKey', vnet: 'VNet1', site: 'Site9', key: 'abc' }, 'unknown-site'],
    ['key with a space', provisioned('DynamicRouting'), { type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 'a b' }, 'invalid-shared-key'],
    ['key before the gateway exists', none, { type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 'abc' }, 'gateway-not-provisioned'],
    ['second site on a StaticRouting gateway', provisioned('StaticRouting'),
      { type: 'addSite', vnet: 'VNet1', site: 'Site2', addressPrefixes: SITE2.addressPrefixes, vpnGatewayAddress: SITE2.vpnGatewayAddress }, 'multi-site-needs-dynamic-routing'],
    ['site overlapping the VNet', provisioned('DynamicRouting'),
      { type: 'addSite', vnet: 'VNet1', site: 'Site2', addressPrefixes: ['10.0.5.0/24'], vpnGatewayAddress: '198.51.100.20' }, 'overlapping-prefixes'],
    ['site overlapping another site', provisioned('DynamicRouting'),
      { type: 'addSite', vnet: 'VNet1', site: 'Site2', addressPrefixes: ['192.168.7.0/24'], vpnGatewayAddress: '198.51.100.20' }, 'overlapping-prefixes'],
    ['site with a malformed prefix', provisioned('DynamicRouting'),
      { type: 'addSite', vnet: 'VNet1', site: 'Site2', addressPrefixes: ['172.16.0.0/33'], vpnGatewayAddress: '198.51.100.20' }, 'invalid-prefix'],
    ['site already connected', provisioned('DynamicRouting'), { type: 'addSite', vnet: 'VNet1', site: 'Site1' }, 'site-already-connected'],
    ['undeclared site without prefixes', provisioned('DynamicRouting'), { type: 'addSite', vnet: 'VNet1', site: 'Ghost' }, 'unknown-site'],
    ['remove a site that is not connected', none, { type: 'removeSite', vnet: 'VNet1', site: 'Site2' }, 'unknown-site'],
    ['device on an unknown site', none, { type: 'setDevicePower', site: 'Nowhere', up: false }, 'unknown-site'],
    ['device with a bad IP', none, { type: 'configureDevice', site: 'Site1', publicIp: '300.1.1.1' }, 'invalid-ip-address'],
    ['device with no IKE version', none, { type: 'configureDevice', site: 'Site1', ikeVersions: [] }, 'invalid-device-settings'],
    ['device with a malformed proposal', none, { type: 'configureDevice', site: 'Site1', proposals: ['aes256-sha1'] }, 'invalid-device-settings'],
    ['connect a site that was not disconnected', provisioned('DynamicRouting'), { type: 'connectSite', vnet: 'VNet1', site: 'Site1' }, 'connection-not-disconnected'],
  ])('%s → %s', (_name, prepare, command, code) => {
    const h = createHarness();
    prepare(h);
    const before = JSON.stringify([h.host.status('VNet1'), h.events.length]);
    const result = h.host.execute(command);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message.length).toBeGreaterThan(20);
    expect(JSON.stringify([h.host.status('VNet1'), h.events.length])).toBe(before);
    expect(h.host.validate(command)).toEqual(result);
  });
});

describe('an overlapping site is refused with the network it overlaps named', () => {
  it.each<[string, string[], string]>([
    ['the VNet space', ['10.0.5.0/24'], "overlap the address space of 'VNet1' (10.0.0.0/16)"],
    ['a connected site', ['192.168.7.0/24'], "overlap site 'Site1' (192.168.0.0/16), already connected to 'VNet1'"],
  ])('%s', (_name, addressPrefixes, named) => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    const result = h.host.execute({ type: 'addSite', vnet: 'VNet1', site: 'Site2', addressPrefixes, vpnGatewayAddress: '198.51.100.20' });
    expect(result).toMatchObject({ ok: false, code: 'overlapping-prefixes' });
    if (result.ok) return;
    expect(result.message).toContain(`The prefixes of 'Site2' (${addressPrefixes.join(', ')}) ${named}.`);
  });
});

describe('gateway lifecycle', () => {
  it('provisions in 15 simulated minutes with a public IP, and re-creating changes the IP', () => {
    const h = createHarness();
    expect(h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'StaticRouting' })).toEqual({ ok: true });
    expect(h.host.status('VNet1')).toMatchObject({ state: 'Provisioning', publicIp: '40.0.0.1', gatewayType: 'StaticRouting', lastOperation: { operation: 'CreateGateway', status: 'InProgress' } });
    h.clock.advanceTo(PROVISION_MS - 1);
    expect(h.host.status('VNet1')?.state).toBe('Provisioning');
    h.clock.advanceTo(PROVISION_MS);
    expect(h.host.status('VNet1')).toMatchObject({ state: 'Provisioned', lastOperation: { operation: 'CreateGateway', status: 'Successful' } });
    expect(h.host.execute({ type: 'deleteGateway', vnet: 'VNet1' })).toEqual({ ok: true });
    expect(h.host.status('VNet1')?.state).toBe('Deprovisioning');
    expect(h.host.connectionStatus('VNet1', 'Site1')?.reason).toBe('GATEWAY_DEPROVISIONING');
    h.clock.advanceBy(5 * MINUTE_MS);
    expect(h.host.status('VNet1')).toMatchObject({ state: 'NotProvisioned', lastOperation: { operation: 'DeleteGateway', status: 'Successful' } });
    expect(h.host.status('VNet1')?.publicIp).toBeUndefined();
    h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting' });
    expect(h.host.status('VNet1')).toMatchObject({ publicIp: '40.0.0.2', gatewayType: 'DynamicRouting' });
    const states = h.events.flatMap(({ event }) => (event.type === 'gateway.stateChanged' ? [event.to] : []));
    expect(states).toEqual(['Provisioning', 'Provisioned', 'Deprovisioning', 'NotProvisioned', 'Provisioning']);
  });

  it('a device pinned to the old gateway IP breaks after a re-create', () => {
    const h = createHarness({ devices: [compatibleDevice({ gatewayAddress: '40.0.0.1' })] });
    provision(h, 'DynamicRouting');
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
    h.host.execute({ type: 'deleteGateway', vnet: 'VNet1' });
    h.clock.advanceBy(5 * MINUTE_MS);
    provision(h, 'DynamicRouting');
    h.clock.advanceBy(170_000);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.reason).toBe('WRONG_PEER_IP');
  });

  it('a re-created gateway generates a new key: a key set on the old one no longer matches the device', () => {
    const h = createHarness({ devices: [compatibleDevice({ sharedKey: 'abc123' })] });
    provision(h, 'DynamicRouting');
    h.host.execute({ type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 'abc123' });
    h.clock.advanceBy(1_000);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
    h.host.execute({ type: 'deleteGateway', vnet: 'VNet1' });
    h.clock.advanceBy(5 * MINUTE_MS);
    provision(h, 'DynamicRouting');
    const generated = h.events.filter(({ event }) => event.type === 'connection.sharedKeySet' && event.generated);
    expect(generated).toHaveLength(2);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.reason).toBe('AUTHENTICATION_FAILED');
    h.host.execute({ type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 'abc123' });
    h.clock.advanceBy(1_000);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
  });

  it('deleting the gateway replaces a refused tunnel\'s reason with GATEWAY_DEPROVISIONING', () => {
    const sites = Array.from({ length: 11 }, (_, i) => ({
      name: `Site${i + 1}`, addressPrefixes: [`192.168.${i}.0/24`], vpnGatewayAddress: `203.0.113.${i + 10}`,
    }));
    const h = createHarness({ sites, vnets: [{ ...VNET1, sites: sites.map((s) => s.name) }] });
    provision(h, 'DynamicRouting');
    expect(h.host.connectionStatus('VNet1', 'Site11')?.reason).toBe('TOO_MANY_TUNNELS');
    h.host.execute({ type: 'deleteGateway', vnet: 'VNet1' });
    expect(h.host.connectionStatus('VNet1', 'Site11')).toMatchObject({ ConnectivityState: 'NotConnected', reason: 'GATEWAY_DEPROVISIONING' });
    h.clock.advanceBy(5 * MINUTE_MS);
    expect(h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting', sku: 'HighPerformance' })).toEqual({ ok: true });
    h.clock.advanceBy(PROVISION_MS + 1_000);
    expect(h.host.connectionStatus('VNet1', 'Site11')).toMatchObject({ ConnectivityState: 'Connected' });
  });

  it('reset fails over: tunnels drop for 45 s and come back; a second reset reboots both (180 s)', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    const resetAt = h.clock.now();
    const publicIp = h.host.status('VNet1')?.publicIp;
    h.host.execute({ type: 'resetGateway', vnet: 'VNet1' });
    // Reset doc: "The gateway keeps the public IP address"; only the active instance changes.
    expect(h.host.status('VNet1')).toMatchObject({ state: 'Provisioned', publicIp });
    expect(h.host.connectionStatus('VNet1', 'Site1')).toMatchObject({ ConnectivityState: 'NotConnected', reason: 'GATEWAY_RESET' });
    expect(h.host.status('VNet1')?.lastOperation).toMatchObject({ operation: 'ResetGateway', status: 'InProgress' });
    h.clock.advanceBy(45_000 + 200);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
    expect(h.host.status('VNet1')?.lastOperation).toMatchObject({ operation: 'ResetGateway', status: 'Successful' });
    h.host.execute({ type: 'resetGateway', vnet: 'VNet1' });
    h.clock.advanceBy(10_000);
    expect(h.host.execute({ type: 'resetGateway', vnet: 'VNet1' })).toEqual({ ok: true });
    h.clock.advanceBy(179_000);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('NotConnected');
    h.clock.advanceBy(1_200);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
    expect(connectivityTrail(h).filter(([t]) => t >= resetAt).map(([, to]) => to))
      .toEqual(['NotConnected', 'Connecting', 'Connected', 'NotConnected', 'Connecting', 'Connected']);
    expect(h.host.status('VNet1')?.publicIp).toBe(publicIp);
  });

  it('setting the matching key fixes AUTHENTICATION_FAILED within a round trip or two', () => {
    const h = createHarness({ devices: [compatibleDevice({ sharedKey: 'Secret123' })] });
    provision(h, 'StaticRouting');
    expect(h.host.connectionStatus('VNet1', 'Site1')?.reason).toBe('AUTHENTICATION_FAILED');
    expect(h.host.execute({ type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 'Secret123' })).toEqual({ ok: true });
    h.clock.advanceBy(1_000);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
    expect(h.host.status('VNet1')?.lastOperation?.operation).toBe('SetGatewayKey');
  });

  it('disconnect keeps the tunnel down through a reset until connect', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    h.host.execute({ type: 'disconnectSite', vnet: 'VNet1', site: 'Site1' });
    expect(h.host.connectionStatus('VNet1', 'Site1')?.reason).toBe('DISCONNECTED');
    h.host.execute({ type: 'resetGateway', vnet: 'VNet1' });
    h.clock.advanceBy(60_000);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.reason).toBe('DISCONNECTED');
    expect(h.host.execute({ type: 'connectSite', vnet: 'VNet1', site: 'Site1' })).toEqual({ ok: true });
    h.clock.advanceBy(1_000);
    expect(h.host.connectedSites()).toEqual([{ vnet: 'VNet1', site: 'Site1' }]);
  });

  it('adds and removes a site on a running multi-site gateway', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet1', site: 'Site2', addressPrefixes: SITE2.addressPrefixes, vpnGatewayAddress: SITE2.vpnGatewayAddress })).toEqual({ ok: true });
    h.clock.advanceBy(1_000);
    expect(h.host.connectedSites()).toEqual([{ vnet: 'VNet1', site: 'Site1' }, { vnet: 'VNet1', site: 'Site2' }]);
    expect(h.host.execute({ type: 'removeSite', vnet: 'VNet1', site: 'Site1' })).toEqual({ ok: true });
    expect(Object.keys(h.host.status('VNet1')?.connections ?? {})).toEqual(['Site2']);
    expect(h.host.connectedSites()).toEqual([{ vnet: 'VNet1', site: 'Site2' }]);
  });

  it('a link fault on a route-based tunnel is caught by DPD and heals on retry', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    h.host.execute({ type: 'setLinkFault', site: 'Site1', broken: true });
    h.clock.advanceBy(200_000);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.reason).toBe('DPD_TIMEOUT');
    h.host.execute({ type: 'setLinkFault', site: 'Site1', broken: false });
    h.clock.advanceBy(6 * MINUTE_MS);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
  });

  it('a link fault shorter than the DPD quiet period goes unnoticed', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    h.host.execute({ type: 'setLinkFault', site: 'Site1', broken: true });
    h.clock.advanceBy(20_000);
    h.host.execute({ type: 'setLinkFault', site: 'Site1', broken: false });
    h.clock.advanceBy(MINUTE_MS);
    expect(connectivityTrail(h).map(([, to]) => to)).toEqual(['Connecting', 'Connected']);
  });
});

describe('rekeys at the published lifetimes', () => {
  const RTT_MS = 100;
  // Both IKE exchanges (IKE_SA_INIT + IKE_AUTH, or main + quick mode) take a round trip each after provisioning.
  const ESTABLISHED_MS = PROVISION_MS + 2 * RTT_MS;

  function countRekeys(h: Harness): { ike: number; child: number } {
    return { ike: rekeyTimes(h, 'IKE SA rekeyed').length, child: rekeyTimes(h, 'IPsec SA rekeyed').length };
  }

  function rekeyTimes(h: Harness, detail: string): number[] {
    return h.events.flatMap(({ timeMs, event }) => (event.type === 'connection.ike' && event.detail === detail ? [timeMs] : []));
  }

  /** Gaps between successive times, starting from `fromMs`. */
  function gaps(fromMs: number, times: readonly number[]): number[] {
    return times.map((t, i) => t - (i === 0 ? fromMs : (times[i - 1] as number)));
  }

  it('route-based: one jump of a day fires every IKE SA rekey 10,800 s and every IPsec SA rekey 3,600 s after the last', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    // One advance, one minute short of a day: rekeys at 3, 6 … 21 h (7) and 1, 2 … 23 h (23); the 24 h ones are not due yet.
    h.clock.advanceBy(24 * 60 * MINUTE_MS - MINUTE_MS);
    expect(countRekeys(h)).toEqual({ ike: 7, child: 23 });
    // Each rekey starts when its SA's lifetime ends and completes a round trip later, at its own simulated time.
    expect(gaps(ESTABLISHED_MS, rekeyTimes(h, 'IKE SA rekeyed'))).toEqual(Array(7).fill(10_800_000 + RTT_MS));
    expect(gaps(ESTABLISHED_MS, rekeyTimes(h, 'IPsec SA rekeyed'))).toEqual(Array(23).fill(3_600_000 + RTT_MS));
    const times = h.events.map(({ timeMs }) => timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    h.clock.advanceBy(2 * MINUTE_MS);
    expect(countRekeys(h)).toEqual({ ike: 8, child: 24 });
  });

  it('policy-based: IKEv1 re-authenticates every 28,800 s, quick mode every 3,600 s in between', () => {
    const h = createHarness();
    provision(h, 'StaticRouting');
    h.clock.advanceBy(24 * 60 * MINUTE_MS + MINUTE_MS);
    // Re-authentication brings fresh phase 2 SAs, so the 8th hourly quick mode of each 8 h is skipped.
    expect(countRekeys(h)).toEqual({ ike: 3, child: 21 });
    const ike = rekeyTimes(h, 'IKE SA rekeyed');
    // The phase 1 SA dates from main mode, one round trip before quick mode completed the tunnel.
    expect(gaps(ESTABLISHED_MS - RTT_MS, ike)).toEqual(Array(3).fill(28_800_000 + RTT_MS));
    // An IPsec SA lives 3,600 s from the quick mode or the re-authentication that installed it.
    for (const childMs of rekeyTimes(h, 'IPsec SA rekeyed')) {
      const installedMs = Math.max(ESTABLISHED_MS, ...[...ike, ...rekeyTimes(h, 'IPsec SA rekeyed')].filter((t) => t < childMs));
      expect(childMs - installedMs).toBe(3_600_000 + RTT_MS);
    }
    expect(h.events.some(({ event }) => event.type === 'connection.ike' && event.exchange === 'CREATE_CHILD_SA')).toBe(false);
  });

  it('policy-based: the volume lifetime (102,400,000 KB) wins when traffic is heavy enough', () => {
    // At 100 MB/s, 102,400,000 KB (×1,024 bytes) last 1,048.576 s, well inside the 3,600 s time lifetime.
    const h = createHarness({ profile: { ingressBytesPerSecond: 100_000_000 } });
    provision(h, 'StaticRouting');
    h.clock.advanceBy(60 * MINUTE_MS);
    expect(gaps(ESTABLISHED_MS, rekeyTimes(h, 'IPsec SA rekeyed'))).toEqual(Array(3).fill(1_048_576 + RTT_MS));
  });

  it('policy-based: the busier direction spends the volume lifetime (egress heavier than ingress)', () => {
    const h = createHarness({ profile: { ingressBytesPerSecond: 1_000, egressBytesPerSecond: 100_000_000 } });
    provision(h, 'StaticRouting');
    h.clock.advanceBy(60 * MINUTE_MS);
    expect(gaps(ESTABLISHED_MS, rekeyTimes(h, 'IPsec SA rekeyed'))).toEqual(Array(3).fill(1_048_576 + RTT_MS));
  });

  it('policy-based: traffic too light to spend 102,400,000 KB in an hour leaves the 3,600 s lifetime', () => {
    // 28,444 KB/s × 3,600 s ≈ 102,398,400 KB, just under the volume lifetime.
    const h = createHarness({ profile: { ingressBytesPerSecond: 28_444 * 1_024 } });
    provision(h, 'StaticRouting');
    h.clock.advanceBy(3 * 60 * MINUTE_MS);
    expect(gaps(ESTABLISHED_MS, rekeyTimes(h, 'IPsec SA rekeyed'))).toEqual(Array(3).fill(3_600_000 + RTT_MS));
  });

  it('route-based: no volume lifetime, so heavy traffic still rekeys every 3,600 s', () => {
    const h = createHarness({ profile: { ingressBytesPerSecond: 100_000_000 } });
    provision(h, 'DynamicRouting');
    h.clock.advanceBy(2 * 60 * MINUTE_MS + MINUTE_MS);
    expect(gaps(ESTABLISHED_MS, rekeyTimes(h, 'IPsec SA rekeyed'))).toEqual(Array(2).fill(3_600_000 + RTT_MS));
  });
});

describe('VNet-to-VNet', () => {
  const VNET2 = { vnet: 'VNet2', addressSpace: ['10.1.0.0/16'], hasGatewaySubnet: true, sites: [] };

  function connectPair(h: Harness, key1: string, key2: string): void {
    provision(h, 'DynamicRouting', 'VNet1');
    provision(h, 'DynamicRouting', 'VNet2');
    const ip1 = h.host.status('VNet1')?.publicIp ?? '';
    const ip2 = h.host.status('VNet2')?.publicIp ?? '';
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet1', site: 'ToVNet2', addressPrefixes: ['10.1.0.0/16'], vpnGatewayAddress: ip2 })).toEqual({ ok: true });
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet2', site: 'ToVNet1', addressPrefixes: ['10.0.0.0/16'], vpnGatewayAddress: ip1 })).toEqual({ ok: true });
    h.host.execute({ type: 'setSharedKey', vnet: 'VNet1', site: 'ToVNet2', key: key1 });
    h.host.execute({ type: 'setSharedKey', vnet: 'VNet2', site: 'ToVNet1', key: key2 });
    h.clock.advanceBy(MINUTE_MS);
  }

  it('connects both directions once both keys match', () => {
    const h = createHarness({ vnets: [{ ...VNET1, sites: [] }, VNET2] });
    connectPair(h, 'SameKey', 'SameKey');
    expect(h.host.connectionStatus('VNet1', 'ToVNet2')?.ConnectivityState).toBe('Connected');
    expect(h.host.connectionStatus('VNet2', 'ToVNet1')?.ConnectivityState).toBe('Connected');
  });

  it('fails with AUTHENTICATION_FAILED when the two keys differ', () => {
    const h = createHarness({ vnets: [{ ...VNET1, sites: [] }, VNET2] });
    connectPair(h, 'KeyOne', 'KeyTwo');
    expect(h.host.connectionStatus('VNet1', 'ToVNet2')?.reason).toBe('AUTHENTICATION_FAILED');
  });

  /** VNet2's side of the pair, [seconds after `fromMs`, state, reason], for the first `count` changes. */
  function farEndTrail(h: Harness, fromMs: number, count: number): Array<[number, string, string | undefined]> {
    return connectivityTrail(h, 'ToVNet1').filter(([t]) => t >= fromMs).slice(0, count).map(([t, to, reason]) => [(t - fromMs) / 1_000, to, reason]);
  }

  it.each<[string, GatewayCommand, string]>([
    ['disconnecting it on one side', { type: 'disconnectSite', vnet: 'VNet1', site: 'ToVNet2' }, 'PEER_UNREACHABLE'],
    ['removing it on one side', { type: 'removeSite', vnet: 'VNet1', site: 'ToVNet2' }, 'WRONG_PEER_IP'],
    ["deleting one side's gateway", { type: 'deleteGateway', vnet: 'VNet1' }, 'PEER_UNREACHABLE'],
  ])('%s drops the far end at once (IKE Delete), whose retries then fail', (_name, command, retryReason) => {
    const h = createHarness({ vnets: [{ ...VNET1, sites: [] }, VNET2] });
    connectPair(h, 'SameKey', 'SameKey');
    const atMs = h.clock.now();
    expect(h.host.execute(command)).toEqual({ ok: true });
    h.clock.advanceBy(30 * MINUTE_MS);
    const trail = farEndTrail(h, atMs, 3);
    expect(trail[0]).toEqual([0, 'NotConnected', 'PEER_DELETED']);
    expect(trail[2]?.[1]).toBe('NotConnected');
    expect(trail[2]?.[2]).toBe(retryReason);
    expect(h.host.connectionStatus('VNet2', 'ToVNet1')?.ConnectivityState).not.toBe('Connected');
  });

  it('a far end whose gateway was deleted stays down: nothing stands in at the released address', () => {
    const h = createHarness({ vnets: [{ ...VNET1, sites: [] }, VNET2] });
    connectPair(h, 'SameKey', 'SameKey');
    h.host.execute({ type: 'deleteGateway', vnet: 'VNet1' });
    h.clock.advanceBy(3 * 60 * MINUTE_MS);
    expect(h.host.status('VNet1')?.state).toBe('NotProvisioned');
    expect(connectivityTrail(h, 'ToVNet1').filter(([, to]) => to === 'Connected')).toHaveLength(1);
    expect(h.host.connectionStatus('VNet2', 'ToVNet1')?.reason).toBe('PEER_UNREACHABLE');
  });

  it('connecting the site again brings both sides back without waiting out the far end\'s backoff', () => {
    const h = createHarness({ vnets: [{ ...VNET1, sites: [] }, VNET2] });
    connectPair(h, 'SameKey', 'SameKey');
    h.host.execute({ type: 'disconnectSite', vnet: 'VNet1', site: 'ToVNet2' });
    h.clock.advanceBy(30 * MINUTE_MS);
    h.host.execute({ type: 'connectSite', vnet: 'VNet1', site: 'ToVNet2' });
    h.clock.advanceBy(1_000);
    expect(h.host.connectionStatus('VNet1', 'ToVNet2')?.ConnectivityState).toBe('Connected');
    expect(h.host.connectionStatus('VNet2', 'ToVNet1')?.ConnectivityState).toBe('Connected');
  });

  it('setting the key of one VNet-to-VNet connection leaves the hub\'s other connections up', () => {
    const vnet3 = { vnet: 'VNet3', addressSpace: ['10.3.0.0/16'], hasGatewaySubnet: true, sites: [] };
    const h = createHarness({ vnets: [{ ...VNET1, sites: [] }, VNET2, vnet3] });
    connectPair(h, 'SameKey', 'SameKey');
    provision(h, 'DynamicRouting', 'VNet3');
    const ip1 = h.host.status('VNet1')?.publicIp ?? '';
    const ip3 = h.host.status('VNet3')?.publicIp ?? '';
    h.host.execute({ type: 'addSite', vnet: 'VNet1', site: 'ToVNet3', addressPrefixes: ['10.3.0.0/16'], vpnGatewayAddress: ip3 });
    h.host.execute({ type: 'addSite', vnet: 'VNet3', site: 'ToVNet1b', addressPrefixes: ['10.0.0.0/16'], vpnGatewayAddress: ip1 });
    h.host.execute({ type: 'setSharedKey', vnet: 'VNet1', site: 'ToVNet3', key: 'Key13' });
    h.host.execute({ type: 'setSharedKey', vnet: 'VNet3', site: 'ToVNet1b', key: 'Key13' });
    h.clock.advanceBy(MINUTE_MS);
    expect(h.host.connectionStatus('VNet3', 'ToVNet1b')?.ConnectivityState).toBe('Connected');
    const atMs = h.clock.now();
    h.host.execute({ type: 'setSharedKey', vnet: 'VNet1', site: 'ToVNet3', key: 'Key13' });
    h.clock.advanceBy(MINUTE_MS);
    expect(farEndTrail(h, atMs, 5)).toEqual([]);
  });

  it('is refused towards a StaticRouting gateway', () => {
    const h = createHarness({ vnets: [{ ...VNET1, sites: [] }, VNET2] });
    provision(h, 'DynamicRouting', 'VNet1');
    provision(h, 'StaticRouting', 'VNet2');
    const ip2 = h.host.status('VNet2')?.publicIp ?? '';
    const result = h.host.execute({ type: 'addSite', vnet: 'VNet1', site: 'ToVNet2', addressPrefixes: ['10.1.0.0/16'], vpnGatewayAddress: ip2 });
    expect(result).toMatchObject({ ok: false, code: 'vnet-to-vnet-needs-dynamic-routing' });
  });
});

describe('determinism', () => {
  function runScript(seed: number): string {
    const h = createHarness({ seed, sites: [SITE1, SITE2], vnets: [{ ...VNET1, sites: ['Site1', 'Site2'] }], devices: [compatibleDevice({ site: 'Site2', publicIp: SITE2.vpnGatewayAddress, sharedKey: 'wrong' })] });
    provision(h, 'DynamicRouting');
    h.host.execute({ type: 'setDevicePower', site: 'Site1', up: false });
    h.clock.advanceBy(10 * MINUTE_MS);
    h.host.execute({ type: 'setDevicePower', site: 'Site1', up: true });
    h.host.execute({ type: 'resetGateway', vnet: 'VNet1' });
    h.clock.advanceBy(6 * 60 * MINUTE_MS);
    return JSON.stringify(h.events);
  }

  it('same inputs and seed give the same event sequence; another seed changes keys and jitter', () => {
    const first = runScript(7);
    expect(runScript(7)).toBe(first);
    expect(runScript(8)).not.toBe(first);
  });
});
