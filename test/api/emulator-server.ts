import { createHash, X509Certificate } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { computeRoutes } from '../../src/api/compute-routes.js';
import { imageDiskRoutes } from '../../src/api/image-disk-routes.js';
import { LiveEngine } from '../../src/api/live-engine.js';
import { managementRoutes } from '../../src/api/management-routes.js';
import { networkRoutes } from '../../src/api/network-routes.js';
import { operationRoutes } from '../../src/api/operation-routes.js';
import { createApiHandler } from '../../src/api/pipeline.js';
import { storageRoutes } from '../../src/api/storage-routes.js';
import type { NetworkPlan } from '../../src/ipam/index.js';
import { Simulation, type Command } from '../../src/sim/index.js';

/** The subscription the API tests use. */
export const SUBSCRIPTION_ID = '00000000-0000-0000-0000-00000000c0de';

/** TLS material for an https emulator: the server pair and the management certificate's thumbprint it accepts. */
export interface EmulatorTls {
  serverCertPem: string;
  serverKeyPem: string;
  managementThumbprint: string;
}

/** What an emulator under test starts from. */
export interface EmulatorServerOptions {
  plan?: NetworkPlan | undefined;
  /** Engine commands run before the first request (e.g. the affinity group a plan's VNet needs). */
  setup?: Command[] | undefined;
  tls?: EmulatorTls | undefined;
  /** Simulated ms added every 5 ms of wall time (the tests' --speed). */
  simulatedMsPerTick?: number | undefined;
}

/** A running emulator on 127.0.0.1 with every route. */
export interface EmulatorServer {
  url: string;
  engine: LiveEngine;
  close(): Promise<void>;
}

const EMPTY_PLAN: NetworkPlan = { file: 'empty', dnsServers: [], localSites: [], vnets: [] };

// The SHA-1 thumbprint of the TLS client certificate, upper-case hex, as Azure listed management certificates.
function clientThumbprint(request: IncomingMessage): string | undefined {
  const raw = (request.socket as TLSSocket).getPeerCertificate?.().raw;
  return raw === undefined ? undefined : createHash('sha1').update(new X509Certificate(raw).raw).digest('hex').toUpperCase();
}

/** Starts the emulator on port 0 over http, or https asking for the client certificate. */
export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const plan = options.plan ?? EMPTY_PLAN;
  const sim = Simulation.create({ seed: 11, era: '2014', network: plan, verifyInvariants: true });
  for (const command of options.setup ?? []) {
    const result = sim.execute(command);
    if (!result.ok) throw new Error(result.diagnostic.message);
  }
  const engine = new LiveEngine({ sim, subscriptionId: SUBSCRIPTION_ID, ...(options.plan === undefined ? {} : { network: plan }), randomAlphanumeric: (n) => 'k'.repeat(n) });
  const tls = options.tls;
  const handler = createApiHandler({
    engine,
    subscriptionId: SUBSCRIPTION_ID,
    routes: [...operationRoutes, ...managementRoutes, ...networkRoutes, ...computeRoutes, ...storageRoutes, ...imageDiskRoutes],
    ...(tls === undefined ? {} : { authenticate: (request: IncomingMessage) => clientThumbprint(request) === tls.managementThumbprint }),
  });
  const listener: RequestListener = (request, response) => {
    if (!handler(request, response)) response.writeHead(404).end();
  };
  const server: Server = tls === undefined
    ? createHttpServer(listener)
    : createHttpsServer({ cert: tls.serverCertPem, key: tls.serverKeyPem, requestCert: true, rejectUnauthorized: false }, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const step = options.simulatedMsPerTick ?? 60_000;
  const clock = setInterval(() => engine.advanceTo(engine.now() + step), 5);
  return {
    url,
    engine,
    close: async () => {
      clearInterval(clock);
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
