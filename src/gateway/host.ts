import type { GatewayCommand } from './commands.js';
import { makeGatewayEvent, type GatewayEvent } from './events.js';
import { gatewayMachine, gatewaySteps, readGatewayPhase, type GatewayLink } from './gateway-machine.js';
import { MachineRunner } from './machine-runner.js';
import { createDefaultDeviceRecord, createDeviceRecord, type DeviceRecord } from './peers.js';
import { hasParsedOverlap, parsePrefixList } from './prefixes.js';
import { drawDurationMs, maxTunnels, resolveProfile, type DurationRange, type GatewayProfile } from './profile.js';
import type { FailureReason } from './reasons.js';
import { CONNECTION_EVENT_IDS, formatConnectivityMessage } from './status-messages.js';
import { createSiteRecord, type SiteRecord } from './site-record.js';
import { createTunnelRecord, startTunnelActor, type TunnelRecord } from './tunnel.js';
import { TunnelIndex } from './tunnel-index.js';
import { TunnelSignals } from './tunnel-signals.js';
import type {
  ConnectivityState, DeviceSpec, GatewayClock, GatewayRandom, GatewaySku, GatewayState, GatewayType, LocalSiteSpec, VnetGatewaySpec,
} from './types.js';
import {
  validateGatewayCommand, validateSharedKeyRead, type GatewayConfigView, type GatewayRefusal, type GatewayResult, type VnetView,
} from './validation.js';
import {
  applyGatewayEvent, createConnectionStatus, createGatewayStatus, createGatewayWorld, readGatewayStatus,
  type ConnectionStatus, type GatewayStatus, type GatewayWorld,
} from './world.js';
import { executeGatewayCommand } from './execute.js';
import { GatewayAddresses } from './gateway-addresses.js';
import { createGatewayEffects } from './gateway-effects.js';
import { drawAlphanumericKey } from './shared-key.js';
import { createTunnelLink } from './tunnel-link.js';

/** Options of a GatewayHost: the shared clock and RNG, the event sink, the public IP allocator, profile overrides. */
export interface GatewayHostOptions {
  clock: GatewayClock;
  rng: GatewayRandom;
  emit: (event: GatewayEvent) => void;
  allocatePublicIp: () => string;
  profile?: Partial<GatewayProfile> | undefined;
  /**
   * The gateway view `emit` folds every event into (the simulation's World). Given, the host reads that view instead of
   * folding a copy of its own: a second fold of every tunnel event, and a second status object per connection.
   */
  view?: GatewayWorld | undefined;
}

/** The host's record of one VNet and its gateway. */
export interface VnetRecord {
  name: string;
  /** Declaration order among the host's VNets; tunnels are signalled in this order. */
  order: number;
  addressSpace: string[];
  hasGatewaySubnet: boolean;
  /** Whether the configuration has a `<Gateway>` element; addSite writes one. */
  hasGatewayElement: boolean;
  sites: string[];
  /** The gateway's statechart, run by its pure transitions. */
  actor: MachineRunner<typeof gatewayMachine>;
  state: GatewayState;
  gatewayType: GatewayType | undefined;
  sku: GatewaySku;
  publicIp: string | undefined;
  keys: Map<string, string>;
  tunnels: Map<string, TunnelRecord>;
}

const GENERATED_KEY_LENGTH = 32;

/**
 * Runs every gateway, tunnel and on-premises device of a world on one simulated clock. Commands are validated, then
 * applied; everything observable leaves as GatewayEvents, which the host also folds into its own status view.
 */
export class GatewayHost implements GatewayConfigView {
  /** Resolved profile. */
  readonly profile: GatewayProfile;
  /** The clock every statechart runs on (their delayed transitions are its timers). */
  readonly clock: GatewayClock;
  /** The seeded randomness (generated keys, reconnect jitter). */
  readonly rng: GatewayRandom;
  private readonly emit: (event: GatewayEvent) => void;
  private readonly allocatePublicIp: () => string;
  private readonly world: GatewayWorld;
  private readonly foldsOwnView: boolean;
  /** Configuration, readable by the command executor. */
  readonly vnets = new Map<string, VnetRecord>();
  readonly sites = new Map<string, SiteRecord>();
  readonly devices = new Map<string, DeviceRecord>();
  /** Which VNet holds each gateway public IP, and which were released (read by tunnel links). */
  readonly addresses = new GatewayAddresses();
  private readonly tunnelIndex = new TunnelIndex();
  /** Signals to the tunnels on the other side of a site or gateway, readable by the command executor and effects. */
  readonly signals = new TunnelSignals(this.tunnelIndex, this.addresses, this.sites, this.devices);
  private nextTunnelOrder = 0;
  private readonly pendingEffects: Array<() => void> = [];
  /** Operations in flight on the clock (shared-key sets), cancelled by stop(). */
  private readonly timers = new Set<unknown>();

  constructor(options: GatewayHostOptions) {
    this.profile = resolveProfile(options.profile);
    this.clock = options.clock;
    this.rng = options.rng;
    this.emit = options.emit;
    this.allocatePublicIp = options.allocatePublicIp;
    this.world = options.view ?? createGatewayWorld();
    this.foldsOwnView = options.view === undefined;
  }

  /** Declares a local network site (from the network plan, at start); it gets a default device until one is defined. */
  defineSite(site: LocalSiteSpec): void {
    this.tunnelIndex.setSiteAddress(site.name, this.sites.get(site.name)?.vpnGatewayAddress, site.vpnGatewayAddress);
    this.sites.set(site.name, createSiteRecord(site));
    const device = this.devices.get(site.name);
    if (!device) {
      this.devices.set(site.name, createDefaultDeviceRecord(site.name, site.vpnGatewayAddress, this.clock));
    } else if (!device.isDeclared && device.peer.publicIp !== site.vpnGatewayAddress) {
      // The default device stands for a well set-up device at the site's address, so a re-pointed site (addSite) moves
      // it, power and link as they were; left behind, it made every re-pointed site fail with WRONG_PEER_IP.
      device.send({ type: 'CONFIGURE', patch: { publicIp: site.vpnGatewayAddress } });
    }
  }

  /** Declares a site's on-premises device (from the scenario, at start), replacing the default one. */
  defineDevice(device: DeviceSpec): void {
    this.devices.get(device.site)?.stop();
    this.devices.set(device.site, createDeviceRecord({ ...device, ikeVersions: [...device.ikeVersions] }, this.clock, true));
  }

  /** Declares a VNet and its gateway (not yet created) and the sites it connects to. */
  defineVnet(spec: VnetGatewaySpec): void {
    const actor = new MachineRunner(gatewaySteps(), this.clock, { profile: this.profile, link: this.createGatewayLink(spec.vnet) });
    const replaced = this.vnets.get(spec.vnet);
    if (replaced) this.stopVnet(replaced);
    const record: VnetRecord = {
      // A VNet declared again keeps its place in the Map, so it keeps its order too.
      name: spec.vnet, order: replaced?.order ?? this.vnets.size, addressSpace: [...spec.addressSpace],
      hasGatewaySubnet: spec.hasGatewaySubnet, hasGatewayElement: spec.hasGatewayElement !== false, sites: [...spec.sites], actor,
      state: 'NotProvisioned', gatewayType: undefined, sku: 'Default', publicIp: undefined, keys: new Map(), tunnels: new Map(),
    };
    for (const site of new Set(record.sites)) this.addTunnel(record, site);
    this.vnets.set(record.name, record);
    actor.subscribe(() => this.flushEffects());
    actor.start();
  }

  /** Forgets a VNet that left the network configuration (it has no gateway): its actor and tunnels stop. */
  undefineVnet(name: string): void {
    const record = this.vnets.get(name);
    if (!record) return;
    this.stopVnet(record);
    this.vnets.delete(name);
  }

  private stopVnet(record: VnetRecord): void {
    for (const tunnel of record.tunnels.values()) {
      tunnel.actor?.stop();
      this.tunnelIndex.removeTunnel(tunnel);
    }
    record.actor.stop();
  }

  /** Checks a command against the current configuration; changes nothing. */
  validate(command: GatewayCommand): GatewayResult {
    return validateGatewayCommand(this, command);
  }

  /** Validates, then acts; emits events synchronously and later via the clock. A refusal changes nothing. */
  execute(command: GatewayCommand): GatewayResult {
    const verdict = this.validate(command);
    if (!verdict.ok) return verdict;
    executeGatewayCommand(this, command);
    return verdict;
  }

  /** The Azure-side key of one connection (Get-AzureVNetGatewayKey), or why the platform refused to tell it. */
  readSharedKey(vnet: string, site: string): { ok: true; key: string } | GatewayRefusal {
    const verdict = validateSharedKeyRead(this, vnet, site);
    return verdict.ok ? { ok: true, key: this.vnets.get(vnet)?.keys.get(site) ?? '' } : verdict;
  }

  /** Gateway state, type, SKU, public IP, last operation and every connection, with byte counters as of now. */
  status(vnet: string): GatewayStatus | undefined {
    const record = this.vnets.get(vnet);
    if (!record) return undefined;
    const view = readGatewayStatus(this.world.gateways[vnet] ?? createGatewayStatus(vnet), this.clock.now());
    const connections: Record<string, ConnectionStatus> = {};
    for (const site of record.sites) connections[site] = view.connections[site] ?? createConnectionStatus(site);
    return { ...view, connections };
  }

  /** Get-AzureVNetConnection fields of one tunnel, as of now. */
  connectionStatus(vnet: string, site: string): ConnectionStatus | undefined {
    return this.status(vnet)?.connections[site];
  }

  /** Tunnels currently Connected, for reachability. */
  connectedSites(): Array<{ vnet: string; site: string }> {
    const connected: Array<{ vnet: string; site: string }> = [];
    for (const record of this.vnets.values()) {
      for (const tunnel of record.tunnels.values()) {
        if (tunnel.connectivity === 'Connected') connected.push({ vnet: record.name, site: tunnel.site });
      }
    }
    return connected;
  }

  /** One operation's duration, drawn within a range of the profile from the seeded RNG. */
  drawDurationMs(range: DurationRange): number {
    return drawDurationMs(range, this.rng);
  }

  /** Runs `work` after `delayMs` on the host's clock, unless the host is stopped first. */
  schedule(delayMs: number, work: () => void): void {
    const id = this.clock.setTimeout(() => {
      this.timers.delete(id);
      work();
    }, delayMs);
    this.timers.add(id);
  }

  /** Stops every actor; pending timers become no-ops. */
  stop(): void {
    for (const id of this.timers) this.clock.clearTimeout(id);
    this.timers.clear();
    for (const record of this.vnets.values()) {
      for (const tunnel of record.tunnels.values()) tunnel.actor?.stop();
      record.actor.stop();
    }
    for (const device of this.devices.values()) device.stop();
  }

  // ---- GatewayConfigView -------------------------------------------------------------------------------------------

  /** Validation's view of one VNet. */
  findVnet(name: string): VnetView | undefined {
    const record = this.vnets.get(name);
    if (!record) return undefined;
    return {
      name: record.name, addressSpace: record.addressSpace, hasGatewaySubnet: record.hasGatewaySubnet,
      hasGatewayElement: record.hasGatewayElement, sites: record.sites,
      state: record.state, phase: readGatewayPhase(record.actor), gatewayType: record.gatewayType, sku: record.sku, publicIp: record.publicIp,
      activeTunnelCount: [...record.tunnels.values()].filter((t) => t.actor !== undefined).length,
      isManuallyDisconnected: (site) => record.tunnels.get(site)?.manuallyDisconnected ?? false,
    };
  }

  /** A declared local network site. */
  findSite(name: string): LocalSiteSpec | undefined {
    return this.sites.get(name);
  }

  /** Every VNet with a tunnel to the site, in declaration order. */
  findVnetsConnectedTo(site: string): VnetView[] {
    return this.tunnelIndex.findTunnelsAtSite(site).flatMap((tunnel) => this.findVnet(tunnel.vnet) ?? []);
  }

  /** The VNet whose gateway holds this public IP. */
  findVnetByGatewayIp(ip: string): VnetView | undefined {
    const vnet = this.addresses.findVnet(ip);
    return vnet === undefined ? undefined : this.findVnet(vnet);
  }

  // ---- internals shared with the command executor -----------------------------------------------------------------

  /** Folds an event into the host's view (unless the sink folds it into its own), then hands it to the world engine. */
  publish(event: GatewayEvent): void {
    if (this.foldsOwnView) applyGatewayEvent(this.world, event, this.clock.now());
    this.emit(event);
  }

  /** Adds the tunnel from a VNet to a site, after the VNet's other tunnels (a VNet definition, addSite). */
  addTunnel(record: VnetRecord, site: string): TunnelRecord {
    const tunnel = createTunnelRecord(record.name, site, record.addressSpace, { vnet: record.order, tunnel: this.nextTunnelOrder++ });
    record.tunnels.set(site, tunnel);
    this.tunnelIndex.addTunnel(tunnel);
    return tunnel;
  }

  /** Removes the tunnel from a VNet to a site (removeSite); stop its actor first. */
  removeTunnel(record: VnetRecord, site: string): void {
    const tunnel = record.tunnels.get(site);
    if (tunnel) this.tunnelIndex.removeTunnel(tunnel);
    record.tunnels.delete(site);
  }

  /** The site's device, created as its default device if the site has none yet. */
  requireDevice(site: string): DeviceRecord {
    let device = this.devices.get(site);
    if (!device) {
      device = createDefaultDeviceRecord(site, this.sites.get(site)?.vpnGatewayAddress ?? '', this.clock);
      this.devices.set(site, device);
    }
    return device;
  }

  /**
   * Starts the tunnels the gateway can carry, in declared order; the rest report why not. Sites overlapping the VNet
   * or an earlier site, and sites past the type's tunnel limit, stay NotConnected with the reason.
   */
  configureTunnels(record: VnetRecord): void {
    if (record.state !== 'Provisioned' || record.gatewayType === undefined) return;
    const limit = maxTunnels(record.gatewayType, record.sku);
    // Parsed once here; each site's prefixes were parsed when it was defined (SiteRecord).
    const claimed = parsePrefixList(record.addressSpace);
    let running = 0;
    for (const siteName of record.sites) {
      const tunnel = record.tunnels.get(siteName);
      const site = this.sites.get(siteName);
      if (!tunnel || !site) continue;
      // A newly provisioned gateway already holds a 32-character key for every connection (N-GSK-OK), running or not.
      this.ensureKey(record, siteName);
      if (hasParsedOverlap(site.parsedPrefixes, claimed)) {
        this.refuseTunnel(tunnel, 'OVERLAPPING_PREFIXES');
        continue;
      }
      for (const prefix of site.parsedPrefixes) claimed.push(prefix);
      if (running >= limit) {
        this.refuseTunnel(tunnel, 'TOO_MANY_TUNNELS');
        continue;
      }
      running++;
      if (tunnel.actor) continue;
      tunnel.azure = {
        gatewayType: record.gatewayType, publicIp: record.publicIp ?? '', sharedKey: record.keys.get(siteName) ?? '',
        vnetAddressSpace: record.addressSpace,
      };
      startTunnelActor(tunnel, record.gatewayType, this.profile, this.clock, createTunnelLink(this, tunnel), !tunnel.manuallyDisconnected);
    }
  }

  /** Stops a tunnel's actor after it reported the reason. */
  stopTunnel(tunnel: TunnelRecord, reason: FailureReason): void {
    if (!tunnel.actor) return;
    tunnel.actor.send({ type: 'DISCONNECT', reason });
    tunnel.actor.stop();
    tunnel.actor = undefined;
  }

  /** Records and publishes a tunnel's connectivity, unless nothing observable changed. */
  reportTunnelState(tunnel: TunnelRecord, to: ConnectivityState, reason: FailureReason | undefined): void {
    const from = tunnel.connectivity;
    if (from === to && tunnel.reason === reason) return;
    // A fresh actor's initial NotConnected carries no news.
    if (from === 'NotConnected' && to === 'NotConnected' && reason === undefined) return;
    const isRetry = from === 'NotConnected' && to === 'Connecting' && reason !== undefined && reason === tunnel.reason;
    // The documented text after a tunnel came up reads "changed from Not Connected to Connected" (23401, multi-site
    // doc 2014): the event names the state before the attempt, while ConnectivityState did show Connecting meanwhile.
    const shownFrom = to === 'Connected' && from === 'Connecting' ? tunnel.settled : from;
    tunnel.connectivity = to;
    if (to !== 'Connecting') tunnel.settled = to;
    tunnel.reason = reason;
    this.publish(makeGatewayEvent('connection.stateChanged', {
      vnet: tunnel.vnet, site: tunnel.site, from, to,
      eventId: CONNECTION_EVENT_IDS[to], message: formatConnectivityMessage(tunnel.site, shownFrom, to, reason),
      ...(reason === undefined ? {} : { reason }),
      ...(isRetry ? { retry: true as const } : {}),
      ...(to === 'Connected'
        ? { ingressBytesPerSecond: this.profile.ingressBytesPerSecond, egressBytesPerSecond: this.profile.egressBytesPerSecond }
        : {}),
    }));
  }

  private refuseTunnel(tunnel: TunnelRecord, reason: FailureReason): void {
    this.stopTunnel(tunnel, reason);
    this.reportTunnelState(tunnel, 'NotConnected', reason);
  }

  private ensureKey(record: VnetRecord, site: string): void {
    if (record.keys.has(site)) return;
    // "We generate a PSK when we create the VPN tunnel" (VPN FAQ); the user may replace it.
    const key = drawAlphanumericKey((n) => this.rng.nextInt(n), GENERATED_KEY_LENGTH);
    record.keys.set(site, key);
    this.publish(makeGatewayEvent('connection.sharedKeySet', { vnet: record.name, site, key, generated: true }));
  }

  /** Gives a gateway its public IP at creation (a re-created gateway gets a new one). */
  assignPublicIp(record: VnetRecord): void {
    record.publicIp = this.allocatePublicIp();
    this.addresses.assign(record.publicIp, record.name);
  }

  /** Forgets a deleted gateway's public IP. */
  releasePublicIp(record: VnetRecord): void {
    if (record.publicIp !== undefined) this.addresses.release(record.publicIp);
    record.publicIp = undefined;
  }

  private createGatewayLink(vnet: string): GatewayLink {
    const effects = createGatewayEffects(this, vnet);
    // These hooks are the gateway's actions; starting or signalling tunnels from there would run their transitions before
    // the gateway's own timers are set, so the work waits until the gateway's step is done (its runner's listener).
    return {
      enterState: (state) => this.pendingEffects.push(() => effects.enterState(state)),
      startFailover: (bothInstances) => this.pendingEffects.push(() => effects.startFailover(bothInstances)),
      completeFailover: () => this.pendingEffects.push(() => effects.completeFailover()),
      completeResize: (sku) => this.pendingEffects.push(() => effects.completeResize(sku)),
      failProvisioning: () => this.pendingEffects.push(() => effects.failProvisioning()),
    };
  }

  private flushEffects(): void {
    for (let effect = this.pendingEffects.shift(); effect; effect = this.pendingEffects.shift()) effect();
  }
}
