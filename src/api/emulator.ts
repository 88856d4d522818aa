import { randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { InputError, diagnosticAt } from '../common/index.js';
import type { NetworkPlan } from '../ipam/index.js';
import type { Scenario } from '../scenario/index.js';
import { Simulation, drawAlphanumericKey } from '../sim/index.js';
import { startVizServer, type VizServer } from '../viz/index.js';
import type { Route } from './dispatch.js';
import { LiveEngine } from './live-engine.js';
import { computeRoutes } from './compute-routes.js';
import { imageDiskRoutes } from './image-disk-routes.js';
import { loadBalancerRoutes } from './load-balancer-routes.js';
import { managementRoutes } from './management-routes.js';
import { networkRoutes } from './network-routes.js';
import { operationRoutes } from './operation-routes.js';
import { reservedIpRoutes } from './reserved-ip-routes.js';
import { storageRoutes } from './storage-routes.js';
import { createApiHandler } from './pipeline.js';

/** The subscription an emulator serves unless told otherwise (the id asm-api.md §2's recipe used). */
export const DEFAULT_SUBSCRIPTION_ID = '00000000-0000-0000-0000-00000000c0de';

/** The scenario name of an emulator started without a scenario (world.started names it; a recording keeps it). */
export const EMULATOR_SCENARIO_NAME = 'emulate';

/** The seed of an emulator started without a scenario. */
export const DEFAULT_EMULATOR_SEED = 1;

/** What the emulated subscription starts from: nothing, a network configuration, or a scenario. */
export type EmulatorStart = { kind: 'empty' } | { kind: 'network'; plan: NetworkPlan } | { kind: 'scenario'; scenario: Scenario };

/** Options of an emulator. */
export interface EmulatorOptions {
  start: EmulatorStart;
  host?: string | undefined;
  port?: number | undefined;
  speed?: number | undefined;
  subscriptionId?: string | undefined;
  /** https: the server's key and certificate, and the thumbprint every client certificate must have. */
  tls?: { keyPem: string; certPem: string; clientThumbprint: string } | undefined;
  /** Extra routes served beside the management, network, compute, storage, image and disk ones. */
  routes?: readonly Route[] | undefined;
  /** Folder of the built page (default dist/web). */
  webRoot?: string | undefined;
  /** Starts with the clock paused (the page's play button runs it). */
  paused?: boolean | undefined;
  onInternalError?: ((error: unknown) => void) | undefined;
}

/** A running emulator. */
export interface Emulator {
  /** The Service Management endpoint (`http(s)://host:port`), what publishsettings' ServiceManagementUrl names. */
  apiUrl: string;
  /** The live page. */
  pageUrl: string;
  port: number;
  subscriptionId: string;
  engine: LiveEngine;
  viz: VizServer;
  close(): Promise<void>;
}

/** Starts the API and the live page on one port, over one engine whose clock the page's playback drives. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const subscriptionId = options.subscriptionId ?? DEFAULT_SUBSCRIPTION_ID;
  const engine = createEngine(options.start, subscriptionId);
  const tls = options.tls;
  const handler = createApiHandler({
    engine,
    subscriptionId,
    routes: [...managementRoutes, ...networkRoutes, ...reservedIpRoutes, ...operationRoutes, ...computeRoutes, ...loadBalancerRoutes, ...storageRoutes, ...imageDiskRoutes, ...(options.routes ?? [])],
    authenticate: tls === undefined ? undefined : (request) => hasThumbprint(request, tls.clientThumbprint),
    onInternalError: options.onInternalError,
  });
  const viz = await startVizServer({
    world: engine, host: options.host, port: options.port, speed: options.speed, autoplay: options.paused !== true, handleRequest: handler,
    webRoot: options.webRoot,
    // The client certificate is asked for but not verified against a CA: the thumbprint check is the authentication.
    tls: tls === undefined ? undefined : { key: tls.keyPem, cert: tls.certPem, requestCert: true, rejectUnauthorized: false },
  });
  const apiUrl = viz.url.replace(/\/$/, '');
  return { apiUrl, pageUrl: viz.url, port: viz.port, subscriptionId, engine, viz, close: () => viz.close() };
}

function createEngine(start: EmulatorStart, subscriptionId: string): LiveEngine {
  const randomAlphanumeric = (length: number): string => drawAlphanumericKey(randomInt, length);
  if (start.kind === 'scenario') {
    const { scenario } = start;
    const sim = Simulation.create({
      seed: scenario.seed, era: scenario.era, network: scenario.plan, devices: scenario.devices, profile: scenario.profile,
      limits: scenario.limits, scenarioName: scenario.name,
    });
    const hasNetwork = scenario.plan.vnets.length > 0 || scenario.plan.localSites.length > 0;
    return new LiveEngine({ sim, subscriptionId, randomAlphanumeric, network: hasNetwork ? scenario.plan : undefined, scheduled: scenario.commands });
  }
  const sim = Simulation.create({
    seed: DEFAULT_EMULATOR_SEED, era: '2014', network: { file: '', dnsServers: [], localSites: [], vnets: [] }, scenarioName: EMULATOR_SCENARIO_NAME,
  });
  const engine = new LiveEngine({ sim, subscriptionId, randomAlphanumeric });
  // A NetworkConfig.xml start is an upload at 0s, so a recorded session replays it as one.
  if (start.kind === 'network') {
    const applied = engine.applyNetworkConfig(start.plan);
    if (!applied.ok) throw new InputError([diagnosticAt({ file: start.plan.file, line: 1, column: 1 }, 'network-config-refused', 'error', applied.error.message)]);
  }
  return engine;
}

// Over https the client certificate's SHA-1 thumbprint must be the subscription's (asm-api.md §1.3).
function hasThumbprint(request: IncomingMessage, thumbprint: string): boolean {
  const socket = request.socket as TLSSocket;
  if (typeof socket.getPeerCertificate !== 'function') return false;
  const fingerprint = socket.getPeerCertificate().fingerprint;
  return typeof fingerprint === 'string' && fingerprint.replace(/:/g, '').toUpperCase() === thumbprint.toUpperCase();
}
