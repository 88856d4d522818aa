import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GATEWAY_PROFILE, GATEWAY_REFUSAL_CODES, PLATFORM_MESSAGES, drawDurationMs, type GatewayCommand, type GatewayResult,
} from '../../src/gateway/index.js';
import { MINUTE_MS, SITE1, VNET1, createHarness, provision, type Harness } from './harness.js';

/*
 * The refusals the live Service Management API made (asm-recorded.md §7), made here with the platform's own words:
 * every row names the recording, the command, and the message the refusal must start with.
 */

const SITE2 = { name: 'Site2', addressPrefixes: ['172.16.0.0/16'], vpnGatewayAddress: '198.51.100.20' };
const PROVISIONING = 'The current provisioning status of the gateway prevents this operation.';

/** Everything a refused command must leave as it was. */
function snapshot(h: Harness): string {
  return JSON.stringify({ events: h.events, vnet1: h.host.status('VNet1'), view: h.host.findVnet('VNet1')?.sites, now: h.clock.now() });
}

interface Row {
  /** The recording that shows the refusal (asm-recorded.md §0). */
  cite: string;
  setup?: (h: Harness) => void;
  harness?: Parameters<typeof createHarness>[0];
  command: GatewayCommand;
  code: string;
  platform: string;
}

const ROWS: Array<[string, Row]> = [
  ['set key while the gateway is provisioning (N-GSK-NP)', {
    cite: 'N-GSK-NP',
    setup: (h) => { h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting' }); h.clock.advanceBy(MINUTE_MS); },
    command: { type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 'abc123' },
    code: 'gateway-operation-in-progress', platform: PROVISIONING,
  }],
  ['set key with no gateway (N-GSK-NP)', {
    cite: 'N-GSK-NP', command: { type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 'abc123' },
    code: 'gateway-not-provisioned', platform: PROVISIONING,
  }],
  ['resize with no gateway (N-RSTNP)', {
    cite: 'N-RSTNP', command: { type: 'resizeGateway', vnet: 'VNet1', sku: 'HighPerformance' },
    code: 'gateway-not-provisioned', platform: PROVISIONING,
  }],
  ['reset with no gateway (N-RSTNP)', {
    cite: 'N-RSTNP', command: { type: 'resetGateway', vnet: 'VNet1' }, code: 'gateway-not-provisioned', platform: PROVISIONING,
  }],
  ['resize of a StaticRouting gateway (N-RESZ)', {
    cite: 'N-RESZ', setup: (h) => provision(h, 'StaticRouting'),
    command: { type: 'resizeGateway', vnet: 'VNet1', sku: 'HighPerformance' },
    code: 'resize-needs-dynamic-routing', platform: PLATFORM_MESSAGES.staticRoutingResize(),
  }],
  ['an empty shared key (N-SSKE)', {
    cite: 'N-SSKE', setup: (h) => provision(h, 'DynamicRouting'),
    command: { type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: '' },
    code: 'invalid-shared-key', platform: PLATFORM_MESSAGES.invalidSharedKey(),
  }],
  ['a shared key that is not alphanumeric (N-SSKE)', {
    cite: 'N-SSKE', setup: (h) => provision(h, 'DynamicRouting'),
    command: { type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 's3cret-2013' },
    code: 'invalid-shared-key', platform: PLATFORM_MESSAGES.invalidSharedKey(),
  }],
  ['a shared key of 129 characters (N-SSKE)', {
    cite: 'N-SSKE', setup: (h) => provision(h, 'DynamicRouting'),
    command: { type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 'a'.repeat(129) },
    code: 'invalid-shared-key', platform: PLATFORM_MESSAGES.invalidSharedKey(),
  }],
  ['a gateway for a VNet with no <Gateway> (J-GWEMPTY)', {
    cite: 'J-GWEMPTY', harness: { vnets: [{ ...VNET1, sites: [], hasGatewayElement: false }] },
    command: { type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting' },
    code: 'gateway-not-configured', platform: PLATFORM_MESSAGES.gatewayNotConfigured('VNet1'),
  }],
  ['an unknown virtual network (N-GGNC)', {
    cite: 'N-GGNC', command: { type: 'createGateway', vnet: 'Nowhere', gatewayType: 'DynamicRouting' },
    code: 'unknown-vnet', platform: "The specified virtual network name 'Nowhere' is not valid or could not be found.",
  }],
  ['a key for a site the VNet does not connect (N-DEFSITE)', {
    cite: 'N-DEFSITE', setup: (h) => provision(h, 'DynamicRouting'),
    command: { type: 'setSharedKey', vnet: 'VNet1', site: 'Elsewhere', key: 'abc123' },
    code: 'unknown-site', platform: "The specified local network site name 'Elsewhere' is not valid or could not be found.",
  }],
];

describe('the live API\'s refusals, with its words', () => {
  it.each(ROWS)('%s', (_name, row) => {
    const h = createHarness(row.harness);
    row.setup?.(h);
    const before = snapshot(h);
    const result: GatewayResult = h.host.execute(row.command);
    expect(result).toMatchObject({ ok: false, code: row.code, platformMessage: row.platform });
    if (!result.ok) {
      expect(result.message.startsWith(`${row.platform} `)).toBe(true);
      expect(GATEWAY_REFUSAL_CODES[result.code].platform).toMatchObject({ httpStatus: 400, errorCode: 'BadRequest', recorded: expect.any(String) });
    }
    expect(snapshot(h)).toBe(before);
  });

  it('a VNet with a <Gateway> but no site (point-to-site only) may create its gateway, and addSite writes a <Gateway>', () => {
    const h = createHarness({ vnets: [{ ...VNET1, sites: [] }, { vnet: 'VNet2', addressSpace: ['10.1.0.0/16'], hasGatewaySubnet: true, sites: [], hasGatewayElement: false }] });
    expect(h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting' })).toEqual({ ok: true });
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet2', site: 'Site1' })).toEqual({ ok: true });
    expect(h.host.execute({ type: 'createGateway', vnet: 'VNet2', gatewayType: 'DynamicRouting' })).toEqual({ ok: true });
  });

  it('a key of 1 and of 128 letters and digits is accepted (N-SSK: "ABC" read back exactly)', () => {
    const h = createHarness();
    provision(h, 'DynamicRouting');
    for (const key of ['A', 'ABC', `${'a1'.repeat(64)}`]) {
      expect(h.host.execute({ type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key })).toEqual({ ok: true });
      h.clock.advanceBy(1);
      expect(h.host.readSharedKey('VNet1', 'Site1')).toEqual({ ok: true, key });
    }
  });
});

describe('the one-tunnel rule of a StaticRouting gateway is the same refusal at create and at addSite', () => {
  it('creating a StaticRouting gateway on a VNet that connects two sites is refused, and changes nothing', () => {
    const h = createHarness({ sites: [SITE1, SITE2], vnets: [{ ...VNET1, sites: ['Site1', 'Site2'] }] });
    const before = snapshot(h);
    const result = h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'StaticRouting' });
    expect(result).toMatchObject({ ok: false, code: 'multi-site-needs-dynamic-routing' });
    expect(snapshot(h)).toBe(before);
    expect(h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType: 'DynamicRouting' })).toEqual({ ok: true });
  });

  it('adding a second site to a StaticRouting gateway is refused with the same code', () => {
    const h = createHarness({ sites: [SITE1, SITE2] });
    provision(h, 'StaticRouting');
    expect(h.host.execute({ type: 'addSite', vnet: 'VNet1', site: 'Site2' })).toMatchObject({ ok: false, code: 'multi-site-needs-dynamic-routing' });
  });
});

describe('a newly provisioned gateway holds a key for every connection', () => {
  it('32 letters and digits per connection, readable once Provisioned and refused before (N-GSK-OK, N-GSK-NP)', () => {
    const sites = Array.from({ length: 11 }, (_, i) => ({ name: `Site${i + 1}`, addressPrefixes: [`192.168.${i}.0/24`], vpnGatewayAddress: `203.0.113.${i + 10}` }));
    const h = createHarness({ sites, vnets: [{ ...VNET1, sites: sites.map((s) => s.name) }] });
    expect(h.host.readSharedKey('VNet1', 'Site1')).toMatchObject({ ok: false, code: 'gateway-not-provisioned', platformMessage: PROVISIONING });
    provision(h, 'DynamicRouting');
    // Site11 is past the Default SKU's ten tunnels, yet its connection holds a key all the same.
    for (const site of sites) {
      const read = h.host.readSharedKey('VNet1', site.name);
      expect(read.ok && /^[A-Za-z0-9]{32}$/.test(read.key)).toBe(true);
    }
  });
});

describe('operation durations are drawn within the recorded ranges (asm-recorded.md §8)', () => {
  /** Minutes from createGateway to Provisioned, per seed, on the default profile. */
  function provisionMinutes(gatewayType: 'StaticRouting' | 'DynamicRouting', seed: number): number {
    const h = createHarness({ seed, profile: { staticProvisionMs: DEFAULT_GATEWAY_PROFILE.staticProvisionMs, dynamicProvisionMs: DEFAULT_GATEWAY_PROFILE.dynamicProvisionMs } });
    h.host.execute({ type: 'createGateway', vnet: 'VNet1', gatewayType });
    h.clock.advanceBy(60 * MINUTE_MS);
    const done = h.events.find(({ event }) => event.type === 'gateway.stateChanged' && event.to === 'Provisioned');
    return (done?.timeMs ?? Number.NaN) / MINUTE_MS;
  }

  it.each<['StaticRouting' | 'DynamicRouting', number, number, number]>([
    ['StaticRouting', 10, 14.5, 17],
    ['DynamicRouting', 20, 27.5, 35],
  ])('%s provisions in %d–%d min, half of the seeds at or below the median', (gatewayType, min, median, max) => {
    const minutes = Array.from({ length: 40 }, (_, seed) => provisionMinutes(gatewayType, seed));
    for (const m of minutes) expect(m >= min && m <= max).toBe(true);
    const below = minutes.filter((m) => m <= median).length;
    expect(below).toBeGreaterThanOrEqual(12);
    expect(below).toBeLessThanOrEqual(28);
    // The same seed draws the same time.
    expect(provisionMinutes(gatewayType, 7)).toBe(minutes[7]);
  });

  it('a key set takes 7–101 s, and the old key holds until then', () => {
    const h = createHarness({ profile: { sharedKeySetMs: DEFAULT_GATEWAY_PROFILE.sharedKeySetMs } });
    provision(h, 'DynamicRouting');
    const before = h.host.readSharedKey('VNet1', 'Site1');
    h.host.execute({ type: 'setSharedKey', vnet: 'VNet1', site: 'Site1', key: 'NewKey1' });
    h.clock.advanceBy(7_000 - 1);
    expect(h.host.readSharedKey('VNet1', 'Site1')).toEqual(before);
    h.clock.advanceBy(101_000);
    expect(h.host.readSharedKey('VNet1', 'Site1')).toEqual({ ok: true, key: 'NewKey1' });
  });

  it('draws fall within any range, median split, and a range written out of order is sorted', () => {
    let state = 0;
    const random = { nextFloat: () => ((state = (state * 7 + 3) % 11) / 11) };
    for (let i = 0; i < 100; i++) {
      const ms = drawDurationMs({ minMs: 100, medianMs: 150, maxMs: 400 }, random);
      expect(ms >= 100 && ms <= 400).toBe(true);
      const sorted = drawDurationMs({ minMs: 400, medianMs: 100, maxMs: 150 }, random);
      expect(sorted >= 100 && sorted <= 400).toBe(true);
    }
  });
});
