import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { computeRoutes } from '../../src/api/compute-routes.js';
import { imageDiskRoutes } from '../../src/api/image-disk-routes.js';
import { LiveEngine } from '../../src/api/live-engine.js';
import { managementRoutes } from '../../src/api/management-routes.js';
import { operationRoutes } from '../../src/api/operation-routes.js';
import { createApiHandler } from '../../src/api/pipeline.js';
import { storageRoutes } from '../../src/api/storage-routes.js';
import { Simulation } from '../../src/sim/index.js';
import { makePlan } from '../sim/helpers.js';

const require = createRequire(import.meta.url);

/** The subscription the compute SDK tests use. */
export const SUBSCRIPTION_ID = '00000000-0000-0000-0000-00000000c0de';

/** A running emulator with compute, storage, image/disk, management and operation routes over one VNet. */
export interface ComputeEmulator {
  url: string;
  engine: LiveEngine;
  /** Promisified SDK clients; every long-running call polls without the 30 s sleep. */
  compute: SdkClient;
  storage: SdkClient;
  close(): Promise<void>;
}

/** A generated SDK client: operation groups of callback methods. */
export type SdkClient = Record<string, Record<string, (...args: unknown[]) => void>> & {
  longRunningOperationInitialTimeout: number;
  longRunningOperationRetryTimeout: number;
};

/** Calls a callback-style SDK method and resolves with its result (or rejects with the SDK's normalized error). */
export function call<T = Record<string, unknown>>(client: SdkClient, group: string, method: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const fn = client[group]?.[method];
    if (fn === undefined) throw new Error(`no SDK method ${group}.${method}`);
    fn.call(client[group], ...args, (error: unknown, result: T) => (error ? reject(error as Error) : resolve(result)));
  });
}

/**
 * Starts the emulator on 127.0.0.1, port 0, over a plan with VNet CorpNet (affinity group CorpAG: Subnet-1,
 * Subnet-2, GatewaySubnet). Simulated time runs 60 s per 5 ms of wall time so provisioning completes while the SDK polls.
 */
export async function startComputeEmulator(): Promise<ComputeEmulator> {
  const network = makePlan([
    { name: 'CorpNet', affinityGroup: 'CorpAG', addressSpace: ['10.4.0.0/16'], subnets: { 'Subnet-1': '10.4.0.0/24', 'Subnet-2': '10.4.1.0/24', GatewaySubnet: '10.4.255.0/29' } },
  ]);
  const sim = Simulation.create({ seed: 11, era: '2014', network, verifyInvariants: true });
  const group = sim.execute({ type: 'createAffinityGroup', name: 'CorpAG', region: 'West US' });
  if (!group.ok) throw new Error(group.diagnostic.message);
  const engine = new LiveEngine({ sim, subscriptionId: SUBSCRIPTION_ID, network, randomAlphanumeric: (n) => 'k'.repeat(n) });
  const handler = createApiHandler({ engine, subscriptionId: SUBSCRIPTION_ID, routes: [...operationRoutes, ...managementRoutes, ...computeRoutes, ...storageRoutes, ...imageDiskRoutes] });
  const server: Server = createServer((request, response) => {
    if (!handler(request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clock = setInterval(() => engine.advanceTo(engine.now() + 60_000), 5);
  const credentials = { subscriptionId: SUBSCRIPTION_ID, cert: 'unused over http', key: 'unused over http' };
  const computeSdk = require('azure-asm-compute') as { createComputeManagementClient(c: unknown, u: string): SdkClient; createCertificateCloudCredentials(c: unknown): unknown };
  const storageSdk = require('azure-asm-storage') as { createStorageManagementClient(c: unknown, u: string): SdkClient; createCertificateCloudCredentials(c: unknown): unknown };
  const fast = (client: SdkClient): SdkClient => Object.assign(client, { longRunningOperationInitialTimeout: 0, longRunningOperationRetryTimeout: 0 });
  return {
    url,
    engine,
    compute: fast(computeSdk.createComputeManagementClient(computeSdk.createCertificateCloudCredentials(credentials), url)),
    storage: fast(storageSdk.createStorageManagementClient(storageSdk.createCertificateCloudCredentials(credentials), url)),
    close: async () => {
      clearInterval(clock);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
