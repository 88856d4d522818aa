import { createRequire } from 'node:module';
import type { LiveEngine } from '../../src/api/live-engine.js';
import { makePlan } from '../sim/helpers.js';
import { SUBSCRIPTION_ID, startEmulatorServer } from './emulator-server.js';
const require = createRequire(import.meta.url);

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
  const { url, engine, close } = await startEmulatorServer({ plan: network, setup: [{ type: 'createAffinityGroup', name: 'CorpAG', region: 'West US' }] });
  const credentials = { subscriptionId: SUBSCRIPTION_ID, cert: 'unused over http', key: 'unused over http' };
  const computeSdk = require('azure-asm-compute') as { createComputeManagementClient(c: unknown, u: string): SdkClient; createCertificateCloudCredentials(c: unknown): unknown };
  const storageSdk = require('azure-asm-storage') as { createStorageManagementClient(c: unknown, u: string): SdkClient; createCertificateCloudCredentials(c: unknown): unknown };
  const fast = (client: SdkClient): SdkClient => Object.assign(client, { longRunningOperationInitialTimeout: 0, longRunningOperationRetryTimeout: 0 });
  return {
    url,
    engine,
    compute: fast(computeSdk.createComputeManagementClient(computeSdk.createCertificateCloudCredentials(credentials), url)),
    storage: fast(storageSdk.createStorageManagementClient(storageSdk.createCertificateCloudCredentials(credentials), url)),
    close,
  };
}
