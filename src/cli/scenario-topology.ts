import type { SourceRef } from '../common/index.js';
import { loadScenarioFile, runScenarioForWorld, runScenarioToWorld, type RefusedCommand, type Scenario } from '../scenario/index.js';
import {
  countEventsThroughTime, eventLogWindow, readTopologyIndex, replayEvents, type EventLog, type TopologySourceKind, type TopologySourceLookup, type World,
} from '../sim/index.js';
import type { TopologyIndex } from '../topology/index.js';
import { VmSourceRefs } from './vm-source-refs.js';

/** A scenario world at one simulated time, as the reachability engine sees it. */
export interface WorldView {
  scenario: Scenario;
  atMs: number;
  /** The world's reachability index, read for this view alone (the caller may apply changes to it). */
  index: TopologyIndex;
  /** The folded world at that time (Connect's policy lives here, beside the network the model describes). */
  world: World;
}

/** A {@link WorldView} with the events that led to it, for comparing two moments. */
export interface WorldAt extends WorldView {
  /** Every event up to `atMs`, oldest first. */
  events: EventLog;
}

/** What a caller of {@link loadWorldAt} reads besides the world. */
export interface WorldViewOptions {
  /** Whether the model's objects point at the scenario lines that decided them (reach's hops do; the matrix prints none). */
  withSources: boolean;
}

/**
 * Runs a scenario file up to one time (its end when absent) and views the world there. The run checks no expectation
 * and keeps no event log: only the world it ends in is read.
 */
export async function loadWorldAt(file: string, atMs: number | undefined, options: WorldViewOptions): Promise<WorldView> {
  const scenario = await loadScenarioFile(file);
  const run = runScenarioForWorld(scenario, atMs === undefined ? {} : { untilMs: atMs });
  const sources = options.withSources ? findScenarioSources(scenario, run.endMs, run.refused) : undefined;
  return { scenario, atMs: run.endMs, world: run.world, index: readTopologyIndex(run.world, sources) };
}

/** Runs a scenario file up to each requested time (its end when none) and views the world at each, in the same order. */
export async function loadWorldsAt<const Times extends readonly (number | undefined)[]>(
  file: string,
  times: Times,
): Promise<{ [K in keyof Times]: WorldAt }> {
  const scenario = await loadScenarioFile(file);
  const lastMs = Math.max(...times.map((t) => t ?? Number.POSITIVE_INFINITY));
  const { report, world } = runScenarioToWorld(scenario, Number.isFinite(lastMs) ? { untilMs: lastMs } : {});
  // One world per time, in order: map keeps the tuple's length, which its array return type forgets.
  return times.map((t) => {
    const atMs = t ?? report.endMs;
    // The run stopped at the last time asked, so the world it left is that moment's; only earlier ones are replayed.
    const isRunEnd = atMs >= report.endMs;
    const events = isRunEnd ? report.events : eventLogWindow(report.events, 0, countEventsThroughTime(report.events, atMs));
    const sources = findScenarioSources(scenario, atMs, report.refused);
    const folded = isRunEnd ? world : replayEvents(events);
    return { scenario, atMs, events, world: folded, index: readTopologyIndex(folded, sources) };
  }) as { [K in keyof Times]: WorldAt };
}

/**
 * Points world objects at the scenario lines that decided them by `atMs`: the plan declaration, then the last
 * command touching the object (a VM's stopVm line explains a stopped VM better than its createVm line). A refused
 * command changed nothing, so it never explains an object.
 */
export function findScenarioSources(scenario: Scenario, atMs: number, refused: readonly RefusedCommand[] = []): TopologySourceLookup {
  const refusedAt = new Set(refused.flatMap((r) => (r.at === undefined ? [] : [formatSourceKey(r.at)])));
  const sources = new Map<string, { at: SourceRef; order: number }>();
  let order = 0;
  const put = (kind: TopologySourceKind, key: string, at: SourceRef): void => void sources.set(`${kind} ${key}`, { at, order: order++ });
  const vmRefs = new VmSourceRefs();
  for (const vnet of scenario.plan.vnets) {
    put('vnet', vnet.name, vnet.at);
    if (vnet.gateway === undefined) continue;
    put('gateway', vnet.name, vnet.gateway.at);
    for (const connection of vnet.gateway.connections) put('connection', `${vnet.name}/${connection.site.value}`, connection.at);
  }
  for (const site of scenario.plan.localSites) put('site', site.name, site.at);
  for (const { command: c, at, atMs: when } of scenario.commands) {
    if (when > atMs || refusedAt.has(formatSourceKey(at))) continue;
    switch (c.type) {
      case 'createAffinityGroup': put('affinityGroup', c.name, at); break;
      case 'createService': put('service', c.name, at); break;
      case 'createDeployment': put('service', c.service, at); break;
      case 'createVm': case 'startVm': case 'stopVm': case 'restartVm': case 'updateVm': vmRefs.add(c.service, c.name, undefined, at); break;
      case 'addEndpoint': case 'setEndpointAcl': vmRefs.add(c.service, c.vm, c.name, at); break;
      case 'createGateway': case 'deleteGateway': case 'resetGateway': put('gateway', c.vnet, at); break;
      case 'addSite': case 'connectSite': case 'disconnectSite': case 'setSharedKey': put('connection', `${c.vnet}/${c.site}`, at); break;
      // The on-premises device and its link decide every tunnel to the site, whichever VNet it serves.
      case 'configureDevice': case 'setDevicePower': case 'setLinkFault': put('connection', `*/${c.site}`, at); break;
      default: break;
    }
  }
  return (kind, key) => {
    if (kind === 'vm' || kind === 'endpoint') return vmRefs.find(kind, key);
    const own = sources.get(`${kind} ${key}`);
    const device = kind === 'connection' ? sources.get(`connection */${key.slice(key.indexOf('/') + 1)}`) : undefined;
    return (device !== undefined && (own === undefined || device.order > own.order) ? device : own)?.at;
  };
}

function formatSourceKey(at: SourceRef): string {
  return `${at.file}:${at.line}:${at.column}`;
}
