import { createRequire } from 'node:module';
import type { Emulator } from '../../src/api/index.js';

const require = createRequire(import.meta.url);

/** A generated azure-asm-* operation group: every method takes a node callback last. */
type CallbackApi = Record<string, (...args: unknown[]) => void>;

/** Calls an SDK method and resolves with its result, or rejects with the SDK's normalized error (code, statusCode). */
export function call<T = Record<string, unknown>>(group: unknown, method: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const api = group as CallbackApi;
    const fn = api[method];
    if (fn === undefined) throw new Error(`the SDK has no method ${method}`);
    fn.call(api, ...args, (error: unknown, result: T) => (error ? reject(error) : resolve(result)));
  });
}

/** What a refused SDK call rejects with (azure-common's normalized error). */
export interface SdkError {
  message: string;
  code: string;
  statusCode: number;
}

/** Calls an SDK method that must fail and resolves with the error. */
export async function callFailing(group: unknown, method: string, ...args: unknown[]): Promise<SdkError> {
  try {
    await call(group, method, ...args);
  } catch (error) {
    return error as SdkError;
  }
  throw new Error(`${method} succeeded where it should have failed`);
}

/** The client certificate both SDKs present over https (any non-empty strings over http), and the CA they trust. */
export interface ClientCertificate {
  cert: string;
  key: string;
  /** The emulator's CA; handed to the request library by a filter (the CLI test uses NODE_EXTRA_CA_CERTS instead). */
  ca?: string | undefined;
}

const PLACEHOLDER: ClientCertificate = { cert: 'unused over http', key: 'unused over http' };

function credentials(emulator: Emulator, certificate: ClientCertificate): unknown {
  const common = require('azure-common') as { CertificateCloudCredentials: new (options: object) => unknown };
  return new common.CertificateCloudCredentials({ subscriptionId: emulator.subscriptionId, cert: certificate.cert, key: certificate.key });
}

type Filter = (resource: Record<string, unknown>, next: (resource: unknown, callback: unknown) => unknown, callback: unknown) => unknown;

// azure-common hands the web resource to the request library as its options, so `ca` reaches the TLS connection.
function trustFilters(certificate: ClientCertificate): Filter[] {
  const ca = certificate.ca;
  return ca === undefined ? [] : [(resource, next, callback) => next({ ...resource, ca }, callback)];
}

// Polls without the 30 s sleeps the generated LRO wrappers default to (asm-api.md §1.4).
function withoutPollDelay<T extends object>(client: T): T {
  Object.assign(client, { longRunningOperationInitialTimeout: 0, longRunningOperationRetryTimeout: 0 });
  return client;
}

/** The azure-asm-network client (networks, gateways, staticIPs) pointed at the emulator. */
export function networkClient(emulator: Emulator, certificate = PLACEHOLDER): Record<string, unknown> {
  const network = require('azure-asm-network') as { createNetworkManagementClient: (c: unknown, uri: string, filters: Filter[]) => Record<string, unknown> };
  return withoutPollDelay(network.createNetworkManagementClient(credentials(emulator, certificate), emulator.apiUrl, trustFilters(certificate)));
}

/** The azure-asm-mgmt client (affinityGroups, locations) pointed at the emulator. */
export function managementClient(emulator: Emulator, certificate = PLACEHOLDER): Record<string, unknown> {
  const management = require('azure-asm-mgmt') as { createManagementClient: (c: unknown, uri: string, filters: Filter[]) => Record<string, unknown> };
  return withoutPollDelay(management.createManagementClient(credentials(emulator, certificate), emulator.apiUrl, trustFilters(certificate)));
}
