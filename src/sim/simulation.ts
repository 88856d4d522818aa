import { MAX_LOGGED_EVENTS, diagnosticAt, type Diagnostic, type SourceRef } from '../common/index.js';
import { decideConnectCommand, isConnectCommand } from '../connect/index.js';
import { parseEra, type NetworkPlan, type PlanVnet } from '../ipam/index.js';
import { GatewayHost, type DeviceSpec, type GatewayCommand, type GatewayEvent } from '../gateway/index.js';
import { decideComputeCommand, decideFollowUp, GATEWAY_SUBNET_NAME, isComputeCommand, makeEvent, type DecideContext, type FollowUp, type FollowUpAction } from '../vm/index.js';
import { applyRecorded } from './apply-event.js';
import { SimClock } from './clock.js';
import type { Command } from './commands.js';
import { createConnectContext } from './connect-context.js';
import { createDecideContext, forkStreams, type RandomStreams } from './decide-context.js';
import { EventLogFullError } from './event-log-limit.js';
import { EventLayouts, type EventLayout } from './event-layout.js';
import { EventStore, type EventLog } from './event-store.js';
import { makeEngineEvent, type Era, type EventBody, type SimEvent } from './events.js';
import { checkInvariants } from './invariants.js';
import { decideNetworkConfig, hasGateway, type NetworkConfigChange } from './network-config.js';
import { describePlanEvents, describeVnetEvent } from './plan-events.js';
import { drawPublicIp } from './public-ip-pool.js';
import { DEFAULT_SIM_LIMITS, DEFAULT_SIM_PROFILE, type SimLimits, type SimProfile } from './profile.js';
import { createRng } from './rng.js';
import { trialRun } from './trial-run.js';
import { createWorld, type World } from './world.js';

/** Everything a simulation starts from. */
export interface SimulationOptions {
  seed: number | string;
  era: Era;
  /** The network plan, already accepted by ipam's checkPlan. */
  network: NetworkPlan;
  /** On-premises VPN devices, one per local site; sites without one get a compatible default device. */
  devices?: readonly DeviceSpec[] | undefined;
  profile?: Partial<SimProfile> | undefined;
  limits?: Partial<SimLimits> | undefined;
  scenarioName?: string | undefined;
  /**
   * The month the simulated clock starts in (`YYYY-MM`, 00:00 UTC on its first day); dates the platform's calendar
   * (Connect's retirement). Default: the era's month (`2012` → 2012-06, `2014` → 2014-12).
   */
  startMonth?: string | undefined;
  /** Test aid: run checkInvariants after every event and throw on the first violation. */
  verifyInvariants?: boolean | undefined;
  /**
   * Whether {@link Simulation.events} keeps every event recorded (default yes). A caller that reads only the world
   * the run ends in (matrix, reach, status) turns it off: each event is folded, passed to listeners and returned by
   * the command that made it, then left to the garbage collector, so a 200k-VM run never holds its 1.9M events.
   */
  keepsEventLog?: boolean | undefined;
}

/** How execute treats a command. */
export interface ExecuteOptions {
  /**
   * Whether a refusal is logged as `command.refused` (default yes). The emulator answers a refused request with the
   * platform's error and keeps it out of the log: a refused request changes nothing, and a recorded session (accepted
   * commands only) then replays to the same log.
   */
  logsRefusal?: boolean | undefined;
}

/**
 * The outcome of a command: the events it produced, or the diagnostic that refused it (its rule is the refusal code,
 * see REFUSAL_CODES) with, where the live API refused the same request, the platform's own message.
 */
export type CommandResult = { ok: true; events: SimEvent[] } | { ok: false; diagnostic: Diagnostic; platformMessage?: string };

/** The outcome of a request's commands run as one: all their events, or the first refusal and which command it was. */
export type RequestResult = { ok: true; events: SimEvent[] } | { ok: false; index: number; diagnostic: Diagnostic; platformMessage?: string };

/** A refused command's side of {@link CommandResult}. */
export type CommandRefusal = Extract<CommandResult, { ok: false }>;

/**
 * The world engine: one simulated clock, one seeded RNG, one event log. A command is decided against the world
 * (pure), its events are recorded and folded; follow-up work is scheduled on the clock and decided again when due.
 */
export class Simulation {
  /** The one simulated clock; gateway actors and provisioning timers run on it. */
  readonly clock = new SimClock();
  /** The folded world; read-only by convention. */
  readonly world: World = createWorld();
  private readonly log = new EventStore();
  private readonly keepsEventLog: boolean;
  // Builds the events a simulation that keeps no log hands out (the store has its own layouts).
  private readonly unkeptLayouts = new EventLayouts();
  // Events recorded so far, kept or not: the next event's seq is one more.
  private recordedCount = 0;
  // Where the events of the command being executed go, when its caller wants them (see recordedDuring).
  private collecting: SimEvent[] | undefined;
  private readonly listeners = new Set<(event: SimEvent) => void>();
  private readonly streams: RandomStreams;
  /** The durations in force (defaults with the scenario's overrides). */
  readonly profile: Readonly<SimProfile>;
  /** The limits in force (LIMITS-2015 defaults with the scenario's overrides); Get Subscription shows them as quotas. */
  readonly limits: Readonly<SimLimits>;
  private readonly scenarioName: string;
  private readonly verifyInvariants: boolean;
  private logsRefusal = true;
  private readonly gateways: GatewayHost;
  private readonly context: DecideContext;
  private readonly startMonth: string;

  private constructor(options: SimulationOptions) {
    const root = createRng(options.seed);
    this.streams = forkStreams(root);
    this.profile = { ...DEFAULT_SIM_PROFILE, ...options.profile };
    this.limits = { ...DEFAULT_SIM_LIMITS, ...options.limits };
    this.scenarioName = options.scenarioName ?? 'scenario';
    this.verifyInvariants = options.verifyInvariants === true;
    this.keepsEventLog = options.keepsEventLog !== false;
    this.startMonth = options.startMonth ?? parseEra(options.era) ?? options.era;
    this.context = createDecideContext(this.world, this.streams, this.profile, this.limits);
    this.gateways = new GatewayHost({
      clock: this.clock,
      rng: root.fork('gateway'),
      emit: (event: GatewayEvent) => this.record(event),
      allocatePublicIp: () => this.allocateGatewayIp(),
      profile: this.profile,
      // record() folds every gateway event into the World, so the host reads that view rather than keeping a copy.
      view: this.world.gateway,
    });
  }

  /** Starts a simulation: records `world.started`, the plan's VNets (with subnets) and local sites at t=0. */
  static create(options: SimulationOptions): Simulation {
    const sim = new Simulation(options);
    sim.record(makeEngineEvent('world.started', { scenario: sim.scenarioName, seed: String(options.seed), era: options.era }));
    for (const body of describePlanEvents(options.network)) sim.record(body);
    sim.defineGatewayTopology(options.network, options.devices ?? []);
    return sim;
  }

  /**
   * Every event recorded so far, in order (kept as columns, each event rebuilt when read); empty when the simulation
   * was created not to keep its event log.
   */
  get events(): EventLog {
    return this.log;
  }

  /** Validates and applies a command; `at` is where the scenario wrote it, so a refusal points there. */
  execute(command: Command, at?: SourceRef, options: ExecuteOptions = {}): CommandResult {
    this.logsRefusal = options.logsRefusal !== false;
    try {
      const { result: refusal, events } = this.recordedDuring(() => this.decide(command, at));
      return refusal ?? { ok: true, events };
    } finally {
      this.logsRefusal = true;
    }
  }

  /**
   * Applies a command as {@link execute} does (a refusal logged), handing back only its refusal, or undefined when it
   * was accepted: a scenario's timeline reads no command's events, so none is built as an object for it (the log
   * keeps them as columns, the fold reads the decider's bodies).
   */
  submit(command: Command, at?: SourceRef): CommandRefusal | undefined {
    return this.decide(command, at);
  }

  /**
   * Runs one request's commands all or nothing: a trial run decides every command first on a scratch copy of the
   * world (trial-run.ts); a refusal of any leaves the world, the log and the random streams exactly as they were
   * (logging only `command.refused` when refusals are logged). Accepted, the commands are applied in order.
   */
  executeAll(commands: readonly Command[], at?: SourceRef, options: ExecuteOptions = {}): RequestResult {
    const verdict = trialRun({
      world: this.world, streams: this.streams, profile: this.profile, limits: this.limits, nowMs: this.clock.now(), nextSeq: this.recordedCount + 1, startMonth: this.startMonth,
      validateGateway: (command) => this.gateways.validate(command),
    }, commands);
    this.logsRefusal = options.logsRefusal !== false;
    try {
      if (!verdict.ok) {
        const refused = this.refuse(commands[verdict.index]?.type ?? 'request', verdict.code, verdict.message, verdict.objects, at);
        return { ...refused, index: verdict.index, ...(verdict.platformMessage === undefined ? {} : { platformMessage: verdict.platformMessage }) };
      }
      const { events } = this.recordedDuring(() => {
        for (const command of commands) {
          const refusal = this.decide(command, at);
          // The trial decided the same commands on the same state; a difference is a defect of the engine, not input.
          if (refusal !== undefined) throw new Error(`${command.type} passed its trial run but was refused (${refusal.diagnostic.rule}: ${refusal.diagnostic.message})`);
        }
      });
      return { ok: true, events };
    } finally {
      this.logsRefusal = true;
    }
  }

  // Decides and applies one command, recording its events (collected by the caller that wants them); its refusal, if any.
  private decide(command: Command, at: SourceRef | undefined): CommandRefusal | undefined {
    if (command.type === 'setNetworkConfig') return this.setNetworkConfig(command.plan, at);
    if (isConnectCommand(command)) {
      const decision = decideConnectCommand(this.world.connect, command, createConnectContext(this.world, this.clock.now(), this.startMonth));
      if (!decision.ok) return this.refuse(command.type, decision.refusal.code, decision.refusal.message, decision.refusal.objects, at);
      this.recordAll(decision.events);
      return undefined;
    }
    if (!isComputeCommand(command)) {
      const verdict = this.gateways.execute(command);
      if (verdict.ok) return undefined;
      const refused = this.refuse(command.type, verdict.code, verdict.message, [], at, namedByGatewayCommand(command));
      return verdict.platformMessage === undefined ? refused : { ...refused, platformMessage: verdict.platformMessage };
    }
    const decision = decideComputeCommand(this.world, command, this.createContext());
    if (!decision.ok) return this.refuse(command.type, decision.refusal.code, decision.refusal.message, decision.refusal.objects, at);
    this.recordAll(decision.events);
    this.schedule(decision.followUps);
    return undefined;
  }

  /**
   * Advances simulated time, firing every due follow-up (and gateway timer) in deadline order; throws
   * EventLogFullError, with the clock at the last timer fired, once the log holds the most events allowed.
   */
  advanceTo(timeMs: number): void {
    if (!this.clock.advanceTo(timeMs, () => this.recordedCount < MAX_LOGGED_EVENTS)) throw new EventLogFullError(this.clock.now());
  }

  /** Calls `listener` for every event recorded from now on; returns the unsubscribe function. */
  subscribe(listener: (event: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels every pending follow-up and drops listeners; the world and log stay readable. */
  stop(): void {
    this.clock.clearScheduled(this.runFollowUp);
    this.gateways.stop();
    this.listeners.clear();
  }

  /** The pre-shared key of a VNet's tunnel to a site (generated or set), as Get Virtual Network Gateway Shared Key reads it. */
  sharedKey(vnet: string, site: string): string | undefined {
    return this.gateways.vnets.get(vnet)?.keys.get(site);
  }

  /** The Azure-side key of one connection (Get-AzureVNetGatewayKey), or the refusal the platform answered with. */
  readSharedKey(vnet: string, site: string): ReturnType<GatewayHost['readSharedKey']> {
    return this.gateways.readSharedKey(vnet, site);
  }

  /** Tunnels currently Connected, for reachability questions. */
  connectedSites(): { vnet: string; site: string }[] {
    return this.gateways.connectedSites();
  }

  // Sites, devices and VNets as the gateway host sees them; their events are already in the log (plan events).
  private defineGatewayTopology(plan: NetworkPlan, devices: readonly DeviceSpec[]): void {
    for (const site of plan.localSites) {
      this.gateways.defineSite({ name: site.name, addressPrefixes: site.addressSpace.map((p) => p.value), vpnGatewayAddress: site.vpnGatewayAddress?.value ?? '' });
    }
    for (const device of devices) this.gateways.defineDevice(device);
    for (const vnet of plan.vnets) {
      this.gateways.defineVnet({
        vnet: vnet.name,
        addressSpace: vnet.addressSpace.map((p) => p.value),
        hasGatewaySubnet: vnet.subnets.some((s) => s.name === GATEWAY_SUBNET_NAME),
        sites: vnet.gateway?.connections.map((c) => c.site.value) ?? [],
        hasGatewayElement: vnet.gateway !== undefined,
      });
    }
  }

  // The new document replaces the old: removed objects go, new or changed ones are (re-)defined, changed sites reach
  // their tunnels, and connections of VNets with a gateway change through the gateway's own addSite/removeSite.
  private setNetworkConfig(plan: NetworkPlan, at: SourceRef | undefined): CommandRefusal | undefined {
    const decision = decideNetworkConfig(this.world, plan);
    if (!decision.ok) return this.refuse('setNetworkConfig', decision.refusal.code, decision.refusal.message, decision.refusal.objects, at);
    this.applyNetworkChange(plan, decision.change);
    return undefined;
  }

  private applyNetworkChange(plan: NetworkPlan, change: NetworkConfigChange): void {
    for (const site of change.removedSites) this.record(makeEngineEvent('localSite.removed', { site }));
    for (const vnet of change.removedVnets) {
      this.record(makeEngineEvent('vnet.removed', { vnet }));
      this.gateways.undefineVnet(vnet);
    }
    const partial: NetworkPlan = { ...plan, localSites: change.definedSites, vnets: [] };
    for (const body of describePlanEvents(partial)) this.record(body);
    for (const site of change.definedSites) {
      const isKnown = this.gateways.sites.has(site.name);
      this.gateways.defineSite({ name: site.name, addressPrefixes: site.addressSpace.map((p) => p.value), vpnGatewayAddress: site.vpnGatewayAddress?.value ?? '' });
      // A changed site is re-applied to the gateways already connected to it: those tunnels renegotiate.
      if (isKnown) this.gateways.signals.notifySiteTunnels(site.name, { type: 'RECONFIGURE' });
    }
    for (const vnet of change.definedVnets) this.redefineVnet(vnet);
  }

  /** Runs `act` and hands back its result with the events it recorded, in order, whether or not the log keeps them. */
  private recordedDuring<T>(act: () => T): { result: T; events: SimEvent[] } {
    const outer = this.collecting;
    const events: SimEvent[] = [];
    this.collecting = events;
    try {
      return { result: act(), events };
    } finally {
      this.collecting = outer;
      for (const event of events) outer?.push(event);
    }
  }

  private redefineVnet(vnet: PlanVnet): void {
    const sites = vnet.gateway?.connections.map((c) => c.site.value) ?? [];
    if (!hasGateway(this.world, vnet.name)) {
      for (const body of describePlanEvents({ file: '', dnsServers: [], localSites: [], vnets: [vnet] })) this.record(body);
      this.defineGatewayTopology({ file: '', dnsServers: [], localSites: [], vnets: [vnet] }, []);
      return;
    }
    const current = this.world.vnets[vnet.name]?.gatewaySites ?? [];
    this.record(describeVnetEvent(vnet, current));
    for (const site of current.filter((s) => !sites.includes(s))) this.gateways.execute({ type: 'removeSite', vnet: vnet.name, site });
    for (const site of sites.filter((s) => !current.includes(s))) this.gateways.execute({ type: 'addSite', vnet: vnet.name, site });
  }

  // Gateways draw from the same pool as VIPs; the draw is logged so replay knows the address is taken.
  private allocateGatewayIp(): string {
    const ip = drawPublicIp(this.streams.vip, this.world.publicIps);
    this.record(makeEvent('publicIp.allocated', { ip, owner: 'gateway' }));
    return ip;
  }

  private createContext(): DecideContext {
    this.context.nowMs = this.clock.now();
    return this.context;
  }

  // One callback for every follow-up, the action as its argument: no closure per VM operation waiting on the clock.
  private readonly runFollowUp = (action: FollowUpAction): void => {
    this.recordAll(decideFollowUp(this.world, action));
  };

  private schedule(followUps: readonly FollowUp[]): void {
    for (const { delayMs, action } of followUps) this.clock.schedule(this.runFollowUp, action, delayMs);
  }

  /** `named` is what the logged event marks on the page; it defaults to the diagnostic's objects. */
  private refuse(
    command: string, code: string, message: string, objects: string[], at: SourceRef | undefined, named: readonly string[] = objects,
  ): CommandRefusal {
    const where = at ?? { file: this.scenarioName, line: 1, column: 1 };
    if (this.logsRefusal) {
      this.record(makeEngineEvent('command.refused', {
        command, code, message,
        ...(named.length === 0 ? {} : { objects: [...named] }),
        ...(at === undefined ? {} : { at: `${at.file}:${at.line}:${at.column}` }),
      }));
    }
    return { ok: false, diagnostic: diagnosticAt(where, code, 'error', message, objects) };
  }

  private recordAll(bodies: readonly EventBody[]): void {
    for (let k = 0; k < bodies.length; k++) this.record(bodies[k]!);
  }

  /**
   * Records one event: the log keeps its body's values as columns and the fold reads the body itself, so the logged
   * event is built as an object only when a caller collects the command's events or a listener is subscribed.
   */
  private record(body: EventBody): void {
    const seq = ++this.recordedCount;
    const time = this.clock.now();
    const layout: EventLayout | undefined = this.keepsEventLog ? this.log.append(time, body) : undefined;
    applyRecorded(this.world, body, seq, time);
    if (this.verifyInvariants) {
      const problems = checkInvariants(this.world);
      if (problems.length > 0) throw new Error(`invariants broken after event ${seq} (${body.type}): ${problems.join('; ')}`);
    }
    if (this.collecting === undefined && this.listeners.size === 0) return;
    const event = (layout ?? this.unkeptLayouts.of(body)).build(seq, time, body);
    this.collecting?.push(event);
    for (const listener of this.listeners) listener(event);
  }
}

/** What a gateway command names, as object ids: its VNet's gateway and the site, when it has them. */
function namedByGatewayCommand(command: GatewayCommand): string[] {
  return [...('vnet' in command ? [`gateway:${command.vnet}`] : []), ...('site' in command ? [`site:${command.site}`] : [])];
}
