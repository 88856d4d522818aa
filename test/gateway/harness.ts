import { SimClock } from '../../src/sim/clock.js';
import { createRng } from '../../src/sim/rng.js';
import {
  GatewayHost, type DeviceSpec, type DurationRange, type GatewayEvent, type GatewayProfile, type LocalSiteSpec, type VnetGatewaySpec,
} from '../../src/gateway/index.js';

/** A host on a fresh simulated clock with a recording event sink; shared by the gateway tests. */
export interface Harness {
  clock: SimClock;
  host: GatewayHost;
  events: Array<{ timeMs: number; event: GatewayEvent }>;
}

export const MINUTE_MS = 60_000;
export const PROVISION_MS = 15 * MINUTE_MS;
export const DEPROVISION_MS = 5 * MINUTE_MS;
export const RESIZE_MS = 5 * MINUTE_MS;

/** A fixed duration, as a profile range. */
export function fixedRange(ms: number): DurationRange {
  return { minMs: ms, medianMs: ms, maxMs: ms };
}

/**
 * The harness pins the operation durations the default profile draws from recorded ranges, so a test reads times
 * off the clock: both gateway types provision in 15 min, delete and resize take 5 min, a key set takes effect at once.
 */
export const PINNED_DURATIONS: Partial<GatewayProfile> = {
  staticProvisionMs: fixedRange(PROVISION_MS),
  dynamicProvisionMs: fixedRange(PROVISION_MS),
  deprovisionMs: fixedRange(DEPROVISION_MS),
  resizeMs: fixedRange(RESIZE_MS),
  sharedKeySetMs: fixedRange(0),
};

/** Site1 192.168.0.0/16 behind 203.0.113.10; VNet1 10.0.0.0/16 connected to it. */
export const SITE1: LocalSiteSpec = { name: 'Site1', addressPrefixes: ['192.168.0.0/16'], vpnGatewayAddress: '203.0.113.10' };
export const VNET1: VnetGatewaySpec = { vnet: 'VNet1', addressSpace: ['10.0.0.0/16'], hasGatewaySubnet: true, sites: ['Site1'] };

/** A device compatible with either gateway type, using Azure's generated key. */
export function compatibleDevice(overrides: Partial<DeviceSpec> = {}): DeviceSpec {
  return { site: 'Site1', sharedKey: '', publicIp: '203.0.113.10', ikeVersions: [1, 2], routing: 'PolicyBased', up: true, reachable: true, ...overrides };
}

/** Builds a host with the given sites, devices and VNets; public IPs come out as 40.0.0.1, 40.0.0.2 … */
export function createHarness(options: {
  sites?: LocalSiteSpec[];
  devices?: DeviceSpec[];
  vnets?: VnetGatewaySpec[];
  seed?: number;
  profile?: Partial<GatewayProfile>;
} = {}): Harness {
  const clock = new SimClock();
  const events: Harness['events'] = [];
  let nextIp = 0;
  const host = new GatewayHost({
    clock,
    rng: createRng(options.seed ?? 42),
    emit: (event) => events.push({ timeMs: clock.now(), event }),
    allocatePublicIp: () => `40.0.0.${++nextIp}`,
    profile: { ...PINNED_DURATIONS, ...options.profile },
  });
  for (const site of options.sites ?? [SITE1]) host.defineSite(site);
  for (const device of options.devices ?? []) host.defineDevice(device);
  for (const vnet of options.vnets ?? [VNET1]) host.defineVnet(vnet);
  return { clock, host, events };
}

/** Creates the gateway and runs the clock until it is Provisioned (and a little more for the handshake). */
export function provision(h: Harness, gatewayType: 'StaticRouting' | 'DynamicRouting', vnet = 'VNet1'): void {
  const result = h.host.execute({ type: 'createGateway', vnet, gatewayType });
  if (!result.ok) throw new Error(`createGateway refused: ${result.code}`);
  h.clock.advanceBy(PROVISION_MS + 1_000);
}

/** The connection.stateChanged events for one site, as [timeMs, to, reason]. */
export function connectivityTrail(h: Harness, site = 'Site1'): Array<[number, string, string | undefined]> {
  return h.events.flatMap(({ timeMs, event }) =>
    event.type === 'connection.stateChanged' && event.site === site ? [[timeMs, event.to, event.reason] as [number, string, string | undefined]] : []);
}
