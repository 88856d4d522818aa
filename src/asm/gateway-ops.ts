import { readGatewayStatus, type ConnectionStatus, type GatewayStatus, type World } from '../sim/index.js';
import { fail, platformErrors, succeed, type PlatformError, type PlatformResult } from './errors.js';
import { formatStableGuid } from './stable-guid.js';
import type { CompletionRule, OperationOutcome } from './compute-outcome.js';
import { completesAt } from './operations.js';
import type { AsmState, Mutation, OperationFunction, QueryFunction } from './state.js';

/**
 * The gateway operations under /services/networking/<vnet>/gateway (asm-recorded.md §2.5-§2.8). Every mutation opens a
 * pattern-B operation named as the platform named it; it completes when the gateway's own events say so.
 */

const MAX_KEY_LENGTH = 128;

/** Get Virtual Network Gateway, in the live element order's terms (§2.5). */
export interface GatewayView {
  gatewayType: string;
  lastEvent: { id: number; message: string; timeMs: number } | undefined;
  state: string;
  vipAddress: string | undefined;
  defaultSites: string[] | undefined;
  gatewaySize: string;
  gatewayId: string | undefined;
}

/** One tunnel as List Connections shows it (§2.7). */
export interface ConnectionView {
  connectivityState: string;
  egressBytes: number;
  ingressBytes: number;
  lastConnectionEstablishedMs: number | undefined;
  lastEvent: { id: number; message: string; timeMs: number } | undefined;
  localNetworkSiteName: string;
}

/** Which VNet and, for key operations, which local site a gateway URL names. */
export interface GatewayTarget {
  vnet: string;
  site?: string | undefined;
}

// LastEvent ids of the gateway (§2.5): created, deleted, updated.
const EVENT_CREATED = 23002;
const EVENT_DELETED = 23004;
const EVENT_UPDATED = 23007;

/** Create Virtual Network Gateway: 201 + a gateway operation; an empty body means StaticRouting (N-CUNA). */
export const createGateway: OperationFunction<GatewayTarget & { gatewaySize: string | undefined; gatewayType: string | undefined }> = (state, request) =>
  withVnet(state, request.vnet, () => {
    if (state.network?.vnets.find((v) => v.name === request.vnet)?.gateway === undefined) return fail(platformErrors.gatewayNotConfigured(request.vnet));
    const gatewayType = request.gatewayType ?? 'StaticRouting';
    if (gatewayType !== 'StaticRouting' && gatewayType !== 'DynamicRouting') {
      return fail(platformErrors.refused(`The gateway type ${gatewayType} is not valid. Use StaticRouting or DynamicRouting.`));
    }
    const sku = request.gatewaySize ?? 'Default';
    if (sku !== 'Default' && sku !== 'HighPerformance') return fail(platformErrors.refused(`The gateway size ${sku} is not valid. Use Default or HighPerformance.`));
    return gatewayMutation({ type: 'createGateway', vnet: request.vnet, gatewayType, sku }, 'CreateGateway',
      completesWithOperation(request.vnet, 'CreateGateway', state.nowMs));
  });

/** Delete Virtual Network Gateway: 202 + a gateway operation. */
export const deleteGateway: OperationFunction<GatewayTarget> = (state, request) =>
  withVnet(state, request.vnet, () => gatewayMutation({ type: 'deleteGateway', vnet: request.vnet }, 'DeleteGateway',
    completesWithOperation(request.vnet, 'DeleteGateway', state.nowMs)));

/** Update Virtual Network Gateway (PATCH): Operation Resize (UpgradeGateway) or Reset (ResetGateway). */
export const updateGateway: OperationFunction<GatewayTarget & { operation: string; gatewaySize: string | undefined }> = (state, request) =>
  withProvisioned(state, request.vnet, (gateway) => {
    if (request.operation.toLowerCase() === 'reset') {
      return gatewayMutation({ type: 'resetGateway', vnet: request.vnet }, 'ResetGateway', completesWithOperation(request.vnet, 'ResetGateway', state.nowMs));
    }
    if (request.operation.toLowerCase() !== 'resize') return fail(platformErrors.refused(`The operation ${request.operation} is not valid. Use Resize or Reset.`));
    if (gateway.gatewayType === 'StaticRouting') return fail(platformErrors.staticRoutingResize());
    const sku = request.gatewaySize;
    if (sku !== 'Default' && sku !== 'HighPerformance') return fail(platformErrors.refused(`The gateway size ${String(sku)} is not valid. Use Default or HighPerformance.`));
    return gatewayMutation({ type: 'resizeGateway', vnet: request.vnet, sku }, 'UpgradeGateway', completesWithOperation(request.vnet, 'ResizeGateway', state.nowMs));
  });

/** Get Virtual Network Gateway: NotProvisioned gateways show GatewaySize None and no VIP (N-GGNP). */
export const getGateway: QueryFunction<GatewayTarget, GatewayView> = (state, request) =>
  withVnet(state, request.vnet, () => {
    const gateway = readGateway(state, request.vnet);
    const isProvisioned = gateway.state !== 'NotProvisioned';
    const operation = gateway.lastOperation;
    return succeed({
      gatewayType: gateway.gatewayType ?? 'StaticRouting',
      lastEvent: operation === undefined || operation.status !== 'Successful' ? undefined : describeLastEvent(request.vnet, operation.operation, operation.timeMs),
      state: gateway.state,
      vipAddress: isProvisioned ? gateway.publicIp : undefined,
      defaultSites: isProvisioned ? state.defaultSites.get(request.vnet) ?? [] : undefined,
      gatewaySize: isProvisioned ? gateway.sku ?? 'Default' : 'None',
      gatewayId: isProvisioned && gateway.publicIp !== undefined ? formatStableGuid(`${state.subscriptionId}/${request.vnet}/${gateway.publicIp}`) : undefined,
    });
  });

/** List Connections of a provisioned gateway, one per local site of the VNet's configuration. */
export const listConnections: QueryFunction<GatewayTarget, ConnectionView[]> = (state, request) =>
  withProvisioned(state, request.vnet, (gateway) => succeed(
    (state.world.vnets[request.vnet]?.gatewaySites ?? []).map((site) => describeConnection(site, gateway.connections[site])),
  ));

/** Get Virtual Network Gateway Shared Key: a provisioned gateway has a generated 32-character key (N-GSK-OK). */
export const getSharedKey: QueryFunction<GatewayTarget, string> = (state, request) =>
  withSite(state, request, (site) => succeed(state.sharedKey(request.vnet, site) ?? ''));

/** Set Virtual Network Gateway Shared Key (POST SharedKey): an empty value is 400 (N-SSKE); the operation is ResetSharedKey. */
export const setSharedKey: OperationFunction<GatewayTarget & { value: string }> = (state, request) =>
  withSite(state, request, (site) => {
    if (request.value.length === 0 || request.value.length > MAX_KEY_LENGTH) return fail(platformErrors.invalidSharedKey());
    return gatewayMutation({ type: 'setSharedKey', vnet: request.vnet, site, key: request.value }, 'ResetSharedKey', completesWithKeyInForce(request.vnet, site, state.nowMs));
  });

/** Reset Virtual Network Gateway Shared Key (PUT ResetSharedKey KeyLength): a new alphanumeric key of that length (N-RSK). */
export const resetSharedKey: OperationFunction<GatewayTarget & { keyLength: number }> = (state, request) =>
  withSite(state, request, (site) => {
    if (!Number.isInteger(request.keyLength) || request.keyLength < 1 || request.keyLength > MAX_KEY_LENGTH) return fail(platformErrors.invalidSharedKey());
    const key = state.randomAlphanumeric(request.keyLength);
    return gatewayMutation({ type: 'setSharedKey', vnet: request.vnet, site, key }, 'ResetSharedKey', completesWithKeyInForce(request.vnet, site, state.nowMs));
  });

/**
 * Set (sites given) or remove (none) a DynamicRouting gateway's default site for forced tunnelling. No recording timed
 * this operation (asm-recorded.md §8); it is a gateway configuration update like a key change, so it takes the profile's
 * median key-operation time (SKSET16: 33 s server-side).
 */
export const setDefaultSites: OperationFunction<GatewayTarget & { sites: string[] }> = (state, request) =>
  withProvisioned(state, request.vnet, (gateway) => {
    if (gateway.gatewayType !== 'DynamicRouting') return fail(platformErrors.dynamicRoutingOnly());
    const connected = state.world.vnets[request.vnet]?.gatewaySites ?? [];
    const unknown = request.sites.find((site) => !connected.includes(site));
    if (unknown !== undefined) return fail(platformErrors.unknownLocalSite(unknown));
    const mutation: Mutation = {
      commands: [],
      remember: (s) => s.defaultSites.set(request.vnet, [...request.sites]),
      operation: { pattern: 'gateway', name: 'SetDefaultSites', rule: completesAt(state.nowMs + state.profile.sharedKeySetMs.medianMs) },
    };
    return succeed(mutation);
  });

function gatewayMutation(command: Mutation['commands'][number], name: string, rule: CompletionRule<World>): PlatformResult<Mutation> {
  return succeed({ commands: [command], operation: { pattern: 'gateway', name, rule } });
}

// An unknown VNet (or no configuration at all) is 400 on every gateway URL, not 404 (N-GGNC).
function withVnet<T>(state: AsmState, vnet: string, then: () => PlatformResult<T>): PlatformResult<T> {
  return state.world.vnets[vnet] === undefined ? fail(platformErrors.unknownVnet(vnet)) : then();
}

function withProvisioned<T>(state: AsmState, vnet: string, then: (gateway: GatewayStatus) => PlatformResult<T>): PlatformResult<T> {
  return withVnet(state, vnet, () => {
    const gateway = readGateway(state, vnet);
    return gateway.state === 'Provisioned' ? then(gateway) : fail(platformErrors.gatewayNotProvisioned());
  });
}

function withSite<T>(state: AsmState, target: GatewayTarget, then: (site: string) => PlatformResult<T>): PlatformResult<T> {
  return withProvisioned(state, target.vnet, () => {
    const site = target.site ?? '';
    const connected = state.world.vnets[target.vnet]?.gatewaySites ?? [];
    return connected.includes(site) ? then(site) : fail(platformErrors.unknownLocalSite(site));
  });
}

function readGateway(state: AsmState, vnet: string): GatewayStatus {
  const folded = state.world.gateway.gateways[vnet];
  return folded === undefined ? { vnet, state: 'NotProvisioned', connections: {} } : readGatewayStatus(folded, state.nowMs);
}

/**
 * Set and reset key (both named ResetSharedKey, SKSET16/SKRST16) complete when the engine puts the key in force, after
 * the profile's seeded key-operation time (sharedKeySetMs: 7–101 s server-side, §8; the recorded resets, 16–54 s, lie
 * within it). A gateway deleted or a site removed meanwhile takes the operation with it: Failed.
 */
function completesWithKeyInForce(vnet: string, site: string, startedMs: number): CompletionRule<World> {
  return (world): OperationOutcome | undefined => {
    const gateway = world.gateway.gateways[vnet];
    if (gateway?.state !== 'Provisioned' || !(world.vnets[vnet]?.gatewaySites ?? []).includes(site)) return { status: 'failed', error: platformErrors.internal() };
    const last = gateway.lastOperation;
    return last?.operation === 'SetGatewayKey' && last.status === 'Successful' && last.timeMs >= startedMs ? { status: 'succeeded' } : undefined;
  };
}

/** Completes when the gateway reports the engine operation finished after `startedMs`: Successful or Failed. */
function completesWithOperation(vnet: string, operation: string, startedMs: number): CompletionRule<World> {
  return (world): OperationOutcome | undefined => {
    const last = world.gateway.gateways[vnet]?.lastOperation;
    if (last === undefined || last.operation !== operation || last.timeMs < startedMs || last.status === 'InProgress') return undefined;
    if (last.status === 'Successful') return { status: 'succeeded' };
    const error: PlatformError = platformErrors.internal();
    return { status: 'failed', error };
  };
}

function describeLastEvent(vnet: string, operation: string, timeMs: number): GatewayView['lastEvent'] {
  if (operation === 'CreateGateway') return { id: EVENT_CREATED, message: `Successfully created a gateway for the following virtual network: ${vnet}`, timeMs };
  if (operation === 'DeleteGateway') return { id: EVENT_DELETED, message: `Successfully deleted the gateway for the following virtual network: ${vnet}`, timeMs };
  return { id: EVENT_UPDATED, message: `Successfully updated the gateway for the following virtual network: ${vnet}`, timeMs };
}

function describeConnection(site: string, status: ConnectionStatus | undefined): ConnectionView {
  return {
    connectivityState: status?.ConnectivityState ?? 'NotConnected',
    egressBytes: status?.EgressBytesTransferred ?? 0,
    ingressBytes: status?.IngressBytesTransferred ?? 0,
    lastConnectionEstablishedMs: status?.LastConnectionEstablished,
    lastEvent: status === undefined || status.LastEventID === 0 ? undefined
      : { id: status.LastEventID, message: status.LastEventMessage, timeMs: status.LastEventTimeStamp },
    localNetworkSiteName: site,
  };
}
