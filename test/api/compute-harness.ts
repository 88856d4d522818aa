import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Emulator } from '../../src/api/index.js';
import { makePlan } from '../sim/helpers.js';
import { startTestEmulator } from './emulator-helpers.js';
const require = createRequire(import.meta.url);

/** A running emulator with compute, storage, image/disk, management and operation routes over one VNet. */
export interface ComputeEmulator {
  emulator: Emulator;
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

/** The SDK's normalized error of a call that must fail: statusCode, code, message (asm-api.md §4). */
export async function failure(promise: Promise<unknown>): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { statusCode?: number; code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/** World, event log and platform records as text: what a refused request must leave exactly as it was. */
function snapshot(emulator: Emulator): string {
  return JSON.stringify([emulator.engine.sim.world, emulator.engine.sim.events.length, emulator.engine.state.compute]);
}

/** Awaits a call that must be refused with `expected` (statusCode, code, message) and asserts it changed nothing. */
export async function expectRefusedUnchanged(emulator: Emulator, request: () => Promise<unknown>, expected: Record<string, unknown>): Promise<void> {
  const before = snapshot(emulator);
  expect(await failure(request())).toMatchObject(expected);
  expect(snapshot(emulator)).toBe(before);
}

/**
 * Starts the emulator on 127.0.0.1, port 0, over the regional VNet CorpNet (West US: Subnet-1, Subnet-2,
 * GatewaySubnet), at the tests' speed so provisioning completes while the SDK polls.
 */
export async function startComputeEmulator(): Promise<ComputeEmulator> {
  const network = makePlan([
    { name: 'CorpNet', region: 'West US', addressSpace: ['10.4.0.0/16'], subnets: { 'Subnet-1': '10.4.0.0/24', 'Subnet-2': '10.4.1.0/24', GatewaySubnet: '10.4.255.0/29' } },
  ]);
  const emulator = await startTestEmulator({ start: { kind: 'network', plan: network } });
  const url = emulator.apiUrl;
  const credentials = { subscriptionId: emulator.subscriptionId, cert: 'unused over http', key: 'unused over http' };
  const computeSdk = require('azure-asm-compute') as { createComputeManagementClient(c: unknown, u: string): SdkClient; createCertificateCloudCredentials(c: unknown): unknown };
  const storageSdk = require('azure-asm-storage') as { createStorageManagementClient(c: unknown, u: string): SdkClient; createCertificateCloudCredentials(c: unknown): unknown };
  const fast = (client: SdkClient): SdkClient => Object.assign(client, { longRunningOperationInitialTimeout: 0, longRunningOperationRetryTimeout: 0 });
  return {
    emulator,
    compute: fast(computeSdk.createComputeManagementClient(computeSdk.createCertificateCloudCredentials(credentials), url)),
    storage: fast(storageSdk.createStorageManagementClient(storageSdk.createCertificateCloudCredentials(credentials), url)),
    close: () => emulator.close(),
  };
}
