import { describe, expect, it } from 'vitest';
import type { GatewayCommand, LocalSiteSpec, VnetGatewaySpec } from '../../src/gateway/index.js';
import { MINUTE_MS, SITE1, VNET1, connectivityTrail, createHarness, provision, type Harness } from './harness.js';

// addSite with prefixes re-defines the site (one LocalNetworkSite in NetworkConfig), so every VNet already
// connected to it gets the new prefixes too.

const SITE2: LocalSiteSpec = { name: 'Site2', addressPrefixes: ['172.16.0.0/16'], vpnGatewayAddress: '198.51.100.20' };
const VNET2: VnetGatewaySpec = { vnet: 'VNet2', addressSpace: ['10.1.0.0/16'], hasGatewaySubnet: true, sites: [] };

/** VNet1 (10.0.0.0/16) runs tunnels to Site1 and Site2; VNet2 (10.1.0.0/16) has none yet. Both gateways are up. */
function createTwoVnets(): Harness {
  const h = createHarness({ sites: [SITE1, SITE2], vnets: [{ ...VNET1, sites: ['Site1', 'Site2'] }, VNET2] });
  provision(h, 'DynamicRouting', 'VNet1');
  provision(h, 'DynamicRouting', 'VNet2');
  return h;
}

/** Everything a refused command must leave as it was. */
function snapshotWorld(h: Harness): string {
  return JSON.stringify({
    events: h.events, site: h.host.findSite('Site1'), vnet1: h.host.status('VNet1'), vnet2: h.host.status('VNet2'),
    sites2: h.host.findVnet('VNet2')?.sites,
  });
}

describe('addSite re-defining a site is checked against every VNet connected to it', () => {
  it.each<[string, string[], string]>([
    ["the other VNet's address space", ['10.0.4.0/24'], "the address space of 'VNet1' (10.0.0.0/16)"],
    ["another site of the other VNet", ['172.16.8.0/24'], "site 'Site2' (172.16.0.0/16), already connected to 'VNet1'"],
  ])('new prefixes overlapping %s are refused, naming that VNet', (_name, addressPrefixes, named) => {
    const h = createTwoVnets();
    const before = snapshotWorld(h);
    const command: GatewayCommand = { type: 'addSite', vnet: 'VNet2', site: 'Site1', addressPrefixes };
    const result = h.host.execute(command);
    expect(result).toMatchObject({ ok: false, code: 'overlapping-prefixes' });
    if (result.ok) return;
    expect(result.message).toContain(`'Site1' is also connected to 'VNet1', where its new prefixes (${addressPrefixes.join(', ')}) would overlap ${named}.`);
    expect(result.message).toContain("remove 'Site1' from 'VNet1' first");
    expect(snapshotWorld(h)).toBe(before);
    expect(h.host.validate(command)).toEqual(result);
  });

  it('a refused re-definition leaves the run exactly as one without the command', () => {
    const refused = createTwoVnets();
    const control = createTwoVnets();
    expect(refused.host.execute({ type: 'addSite', vnet: 'VNet2', site: 'Site1', addressPrefixes: ['10.0.4.0/24'] }).ok).toBe(false);
    refused.clock.advanceBy(3 * 60 * MINUTE_MS);
    control.clock.advanceBy(3 * 60 * MINUTE_MS);
    expect(JSON.stringify(refused.events)).toBe(JSON.stringify(control.events));
    expect(refused.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
  });

  it('unchanged prefixes are not re-checked: an overlap the other VNet already refuses at run time does not block', () => {
    const overlapping: LocalSiteSpec = { name: 'Site3', addressPrefixes: ['172.16.4.0/24'], vpnGatewayAddress: '198.51.100.30' };
    const h = createHarness({ sites: [SITE1, SITE2, overlapping], vnets: [{ ...VNET1, sites: ['Site2', 'Site3'] }, VNET2] });
    provision(h, 'DynamicRouting', 'VNet1');
    provision(h, 'DynamicRouting', 'VNet2');
    expect(h.host.connectionStatus('VNet1', 'Site3')?.reason).toBe('OVERLAPPING_PREFIXES');
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet2', site: 'Site3', addressPrefixes: ['172.16.4.0/24'] })).toEqual({ ok: true });
  });

  it('prefixes that fit every VNet are accepted, and the other VNet\'s tunnel renegotiates with them', () => {
    const h = createTwoVnets();
    h.clock.advanceBy(MINUTE_MS);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
    // The device (203.0.113.10) now lies inside the site: once up, its IKE packets are routed into the tunnel.
    const result = h.host.execute({ type: 'addSite', vnet: 'VNet2', site: 'Site1', addressPrefixes: ['192.168.0.0/16', '203.0.113.0/24'] });
    expect(result).toEqual({ ok: true });
    expect(h.host.findSite('Site1')?.addressPrefixes).toEqual(['192.168.0.0/16', '203.0.113.0/24']);
    h.clock.advanceBy(10 * MINUTE_MS);
    expect(connectivityTrail(h).filter(([, , reason]) => reason === 'DEVICE_IP_INSIDE_SITE').length).toBeGreaterThan(0);
  });
});

describe('addSite with a new vpnGatewayAddress re-points the site for every VNet connected to it', () => {
  /** VNet1 holds Site1 on a gateway of `vnet1Type`; VNet2 and VNet3 are DynamicRouting and have no sites. */
  function createThreeVnets(vnet1Type: 'StaticRouting' | 'DynamicRouting'): Harness {
    const vnet3: VnetGatewaySpec = { vnet: 'VNet3', addressSpace: ['10.3.0.0/16'], hasGatewaySubnet: true, sites: [] };
    const h = createHarness({ sites: [SITE1], vnets: [VNET1, VNET2, vnet3] });
    provision(h, vnet1Type, 'VNet1');
    provision(h, 'DynamicRouting', 'VNet2');
    provision(h, 'DynamicRouting', 'VNet3');
    return h;
  }

  it.each<[string, 'StaticRouting' | 'DynamicRouting', string, string, string]>([
    ['at a gateway while a StaticRouting VNet holds the site', 'StaticRouting', 'VNet3', 'vnet-to-vnet-needs-dynamic-routing',
      "'Site1' is also connected to 'VNet1': 'Site1' points at the gateway of 'VNet3'; VNet-to-VNet needs DynamicRouting gateways on both ends, and 'VNet1' is StaticRouting."],
    ["at the gateway of a VNet that holds the site", 'DynamicRouting', 'VNet1', 'site-points-at-own-gateway',
      "'Site1' is also connected to 'VNet1': 'Site1' points at 40.0.0.1, the gateway of 'VNet1' itself."],
  ])('pointing %s is refused, naming that VNet, and changes nothing', (_name, vnet1Type, target, code, message) => {
    const h = createThreeVnets(vnet1Type);
    const address = h.host.status(target)?.publicIp ?? '';
    const before = snapshotWorld(h);
    const command: GatewayCommand = { type: 'addSite', vnet: 'VNet2', site: 'Site1', vpnGatewayAddress: address };
    const result = h.host.execute(command);
    expect(result).toMatchObject({ ok: false, code });
    if (result.ok) return;
    expect(result.message).toContain(message);
    expect(snapshotWorld(h)).toBe(before);
    expect(h.host.findSite('Site1')?.vpnGatewayAddress).toBe(SITE1.vpnGatewayAddress);
  });

  it('re-pointing at a DynamicRouting gateway that fits every connected VNet is accepted', () => {
    const h = createThreeVnets('DynamicRouting');
    const address = h.host.status('VNet3')?.publicIp ?? '';
    const atMs = h.clock.now();
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet2', site: 'Site1', vpnGatewayAddress: address })).toEqual({ ok: true });
    expect(h.host.findSite('Site1')?.vpnGatewayAddress).toBe(address);
    // VNet1's tunnel renegotiates at once; VNet3 has no site pointing back at VNet1, so nothing answers it.
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connecting');
    h.clock.advanceBy(3 * MINUTE_MS);
    const vnet1Trail = h.events.flatMap(({ timeMs, event }) =>
      (event.type === 'connection.stateChanged' && event.vnet === 'VNet1' && timeMs >= atMs ? [[timeMs, event.to, event.reason]] : []));
    expect(vnet1Trail.slice(0, 2)).toEqual([
      [atMs, 'Connecting', undefined], [atMs + 165_061, 'NotConnected', 'WRONG_PEER_IP'],
    ]);
  });

  it('the same address and prefixes again change nothing for the VNets already connected', () => {
    const h = createThreeVnets('DynamicRouting');
    const seen = h.events.length;
    const { addressPrefixes, vpnGatewayAddress } = SITE1;
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet2', site: 'Site1', addressPrefixes, vpnGatewayAddress })).toEqual({ ok: true });
    h.clock.advanceBy(MINUTE_MS);
    expect(h.events.slice(seen).filter(({ event }) => event.type === 'connection.stateChanged' && event.vnet === 'VNet1')).toEqual([]);
  });
});

describe('a site pointing at its own VNet\'s gateway', () => {
  it('is refused by addSite', () => {
    const h = createHarness({ vnets: [{ ...VNET1, sites: [] }] });
    provision(h, 'DynamicRouting');
    const result = h.host.execute({ type: 'addSite', vnet: 'VNet1', site: 'Self', addressPrefixes: ['10.9.0.0/16'], vpnGatewayAddress: '40.0.0.1' });
    expect(result).toMatchObject({ ok: false, code: 'site-points-at-own-gateway' });
    if (result.ok) return;
    expect(result.message).toBe("'Self' points at 40.0.0.1, the gateway of 'VNet1' itself. Set its vpnGatewayAddress to the on-premises device's public IP, or to another VNet's gateway for VNet-to-VNet.");
  });

  it('declared in the plan, never connects: nothing answers at the far end (WRONG_PEER_IP)', () => {
    // Public IPs are predictable (40.0.0.1 first), so a plan can name the gateway's own address before it exists.
    const self: LocalSiteSpec = { name: 'Self', addressPrefixes: ['10.9.0.0/16'], vpnGatewayAddress: '40.0.0.1' };
    const h = createHarness({ sites: [self], vnets: [{ ...VNET1, sites: ['Self'] }] });
    provision(h, 'DynamicRouting');
    h.clock.advanceBy(10 * MINUTE_MS);
    // Retrying by now (Connecting), still showing the failure.
    expect(h.host.connectionStatus('VNet1', 'Self')?.reason).toBe('WRONG_PEER_IP');
    expect(connectivityTrail(h, 'Self').some(([, to]) => to === 'Connected')).toBe(false);
  });
});

describe('a gateway that comes up tells the tunnels pointing at its address', () => {
  it('in VNet declaration order, however late each tunnel was added', () => {
    // Public IPs come out in creation order: VNet1 40.0.0.1, VNet3 40.0.0.2, then the hub VNet2 40.0.0.3.
    const hubIp = '40.0.0.3';
    const toHub3: LocalSiteSpec = { name: 'ToHub3', addressPrefixes: ['10.1.0.0/16'], vpnGatewayAddress: hubIp };
    const vnet3: VnetGatewaySpec = { vnet: 'VNet3', addressSpace: ['10.3.0.0/16'], hasGatewaySubnet: true, sites: ['ToHub3'] };
    const h = createHarness({ sites: [toHub3], vnets: [{ ...VNET1, sites: [] }, VNET2, vnet3] });
    provision(h, 'DynamicRouting', 'VNet1');
    provision(h, 'DynamicRouting', 'VNet3');
    // VNet1's tunnel is created after VNet3's, yet VNet1 was declared first.
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet1', site: 'ToHub1', addressPrefixes: ['10.1.0.0/16'], vpnGatewayAddress: hubIp })).toEqual({ ok: true });
    h.clock.advanceBy(MINUTE_MS);
    // Until the hub exists, whatever answers at its address (the sites' default devices) lets both connect.
    expect(h.host.connectionStatus('VNet1', 'ToHub1')?.ConnectivityState).toBe('Connected');
    expect(h.host.connectionStatus('VNet3', 'ToHub3')?.ConnectivityState).toBe('Connected');
    const seen = h.events.length;
    provision(h, 'DynamicRouting', 'VNet2');
    expect(h.host.status('VNet2')?.publicIp).toBe(hubIp);
    const drops = h.events.slice(seen).flatMap(({ event }) =>
      event.type === 'connection.stateChanged' && event.from === 'Connected' ? [event.vnet] : []);
    expect(drops).toEqual(['VNet1', 'VNet3']);
  });
});

describe('a site without a declared device re-pointed at a new on-premises address', () => {
  /** VNet1 runs a Connected tunnel to Site1 (default device); VNet2 has a gateway and no sites. */
  function createConnected(): Harness {
    const h = createHarness({ sites: [SITE1], vnets: [VNET1, VNET2] });
    provision(h, 'DynamicRouting', 'VNet1');
    provision(h, 'DynamicRouting', 'VNet2');
    h.clock.advanceBy(5 * MINUTE_MS);
    return h;
  }

  it('connects every VNet at the new address: the default device moves with the site', () => {
    const h = createConnected();
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).toBe('Connected');
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet2', site: 'Site1', vpnGatewayAddress: '203.0.113.99' })).toEqual({ ok: true });
    h.clock.advanceBy(10 * MINUTE_MS);
    expect(h.host.connectionStatus('VNet1', 'Site1')).toMatchObject({ ConnectivityState: 'Connected' });
    expect(h.host.connectionStatus('VNet2', 'Site1')).toMatchObject({ ConnectivityState: 'Connected' });
  });

  it('keeps the default device powered off when it was', () => {
    const h = createConnected();
    expect(h.host.execute({ type: 'setDevicePower', site: 'Site1', up: false })).toEqual({ ok: true });
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet2', site: 'Site1', vpnGatewayAddress: '203.0.113.99' })).toEqual({ ok: true });
    h.clock.advanceBy(10 * MINUTE_MS);
    expect(h.host.connectionStatus('VNet1', 'Site1')?.ConnectivityState).not.toBe('Connected');
    expect(h.host.connectionStatus('VNet2', 'Site1')?.ConnectivityState).not.toBe('Connected');
  });
});
