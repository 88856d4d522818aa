import type { GatewayEvent, GatewayOperation } from './events.js';
import type { FailureReason } from './reasons.js';
import type { ConnectivityState, GatewaySku, GatewayState, GatewayType, OperationStatus } from './types.js';

/**
 * The gateway view as plain data, folded from events: what Get-AzureVNetGateway and Get-AzureVNetConnection showed.
 * The host keeps one of these from its own events, and the world engine rebuilds the same one on replay.
 */

/** Get-AzureVNetConnection fields for one local network site, plus the reason and the modelled traffic rate. */
export interface ConnectionStatus {
  LocalNetworkSiteName: string;
  ConnectivityState: ConnectivityState;
  LastEventID: number;
  LastEventTimeStamp: number;
  LastEventMessage: string;
  /** Bytes since the tunnel last connected, as of `bytesAsOfMs`; read them with readConnectionStatus. */
  IngressBytesTransferred: number;
  EgressBytesTransferred: number;
  LastConnectionEstablished?: number;
  reason?: FailureReason;
  ingressBytesPerSecond: number;
  egressBytesPerSecond: number;
  bytesAsOfMs: number;
}

/** The last asynchronous gateway operation (Get Virtual Network Gateway Operation Status). */
export interface LastOperation {
  operation: GatewayOperation;
  status: OperationStatus;
  timeMs: number;
  message: string;
}

/** One VNet's gateway as Get-AzureVNetGateway showed it, with its connections by site name. */
export interface GatewayStatus {
  vnet: string;
  state: GatewayState;
  gatewayType?: GatewayType;
  sku?: GatewaySku;
  publicIp?: string;
  lastOperation?: LastOperation;
  connections: Record<string, ConnectionStatus>;
}

/** Every VNet's gateway view by VNet name. */
export interface GatewayWorld {
  gateways: Record<string, GatewayStatus>;
}

/** An empty gateway world. */
export function createGatewayWorld(): GatewayWorld {
  return { gateways: {} };
}

/** A gateway that was never created. */
export function createGatewayStatus(vnet: string): GatewayStatus {
  return { vnet, state: 'NotProvisioned', connections: {} };
}

/** A connection that never changed state. */
export function createConnectionStatus(site: string): ConnectionStatus {
  return {
    LocalNetworkSiteName: site,
    ConnectivityState: 'NotConnected',
    LastEventID: 0,
    LastEventTimeStamp: 0,
    LastEventMessage: '',
    IngressBytesTransferred: 0,
    EgressBytesTransferred: 0,
    ingressBytesPerSecond: 0,
    egressBytesPerSecond: 0,
    bytesAsOfMs: 0,
  };
}

function ensureGateway(world: GatewayWorld, vnet: string): GatewayStatus {
  const existing = world.gateways[vnet];
  if (existing) return existing;
  const created = createGatewayStatus(vnet);
  world.gateways[vnet] = created;
  return created;
}

function ensureConnection(gateway: GatewayStatus, site: string): ConnectionStatus {
  const existing = gateway.connections[site];
  if (existing) return existing;
  const created = createConnectionStatus(site);
  gateway.connections[site] = created;
  return created;
}

/** Brings a connection's byte counters forward to `timeMs` at its modelled rate. */
function accrueBytes(connection: ConnectionStatus, timeMs: number): void {
  const elapsedS = Math.max(0, timeMs - connection.bytesAsOfMs) / 1000;
  connection.IngressBytesTransferred += Math.floor(connection.ingressBytesPerSecond * elapsedS);
  connection.EgressBytesTransferred += Math.floor(connection.egressBytesPerSecond * elapsedS);
  connection.bytesAsOfMs = timeMs;
}

/** Pure fold used by the world state and by replay: updates a plain-data gateway view from one event. */
export function applyGatewayEvent(world: GatewayWorld, event: GatewayEvent, timeMs: number): void {
  switch (event.type) {
    case 'gateway.stateChanged': {
      const gateway = ensureGateway(world, event.vnet);
      gateway.state = event.to;
      if (event.to === 'NotProvisioned') {
        delete gateway.gatewayType;
        delete gateway.sku;
        delete gateway.publicIp;
      }
      if (event.gatewayType !== undefined) gateway.gatewayType = event.gatewayType;
      if (event.sku !== undefined) gateway.sku = event.sku;
      if (event.publicIp !== undefined) gateway.publicIp = event.publicIp;
      gateway.lastOperation = {
        operation: event.operation, status: event.operationStatus, timeMs, message: `${event.from} -> ${event.to}`,
      };
      return;
    }
    case 'gateway.operation': {
      const gateway = ensureGateway(world, event.vnet);
      if (event.sku !== undefined) gateway.sku = event.sku;
      gateway.lastOperation = { operation: event.operation, status: event.operationStatus, timeMs, message: event.message };
      return;
    }
    case 'connection.stateChanged': {
      const connection = ensureConnection(ensureGateway(world, event.vnet), event.site);
      accrueBytes(connection, timeMs);
      connection.ConnectivityState = event.to;
      connection.ingressBytesPerSecond = event.to === 'Connected' ? event.ingressBytesPerSecond ?? 0 : 0;
      connection.egressBytesPerSecond = event.to === 'Connected' ? event.egressBytesPerSecond ?? 0 : 0;
      // Get-AzureVNetConnection kept showing the failure while the gateway retried.
      if (event.retry === true) return;
      connection.LastEventID = event.eventId;
      connection.LastEventTimeStamp = timeMs;
      connection.LastEventMessage = event.message;
      if (event.reason === undefined) delete connection.reason;
      else connection.reason = event.reason;
      if (event.to === 'Connected' && event.from !== 'Connected') {
        // ConnectionStats counts "Ingress Bytes (since last connected)".
        connection.IngressBytesTransferred = 0;
        connection.EgressBytesTransferred = 0;
        connection.LastConnectionEstablished = timeMs;
      }
      return;
    }
    case 'connection.added':
      ensureConnection(ensureGateway(world, event.vnet), event.site);
      return;
    case 'connection.removed':
      delete ensureGateway(world, event.vnet).connections[event.site];
      return;
    case 'connection.sharedKeySet':
      if (!event.generated) {
        ensureGateway(world, event.vnet).lastOperation = {
          operation: 'SetGatewayKey', status: 'Successful', timeMs, message: `shared key set for site '${event.site}'`,
        };
      }
      return;
    case 'connection.ike':
    case 'connection.deviceChanged':
      return;
  }
}

/** A connection's status with byte counters brought forward to `nowMs`; does not modify the world. */
export function readConnectionStatus(connection: ConnectionStatus, nowMs: number): ConnectionStatus {
  const copy = { ...connection };
  accrueBytes(copy, nowMs);
  return copy;
}

/** A gateway's status with every connection's counters brought forward to `nowMs`; does not modify the world. */
export function readGatewayStatus(gateway: GatewayStatus, nowMs: number): GatewayStatus {
  const connections: Record<string, ConnectionStatus> = {};
  for (const [site, connection] of Object.entries(gateway.connections)) connections[site] = readConnectionStatus(connection, nowMs);
  const copy: GatewayStatus = { ...gateway, connections };
  if (gateway.lastOperation) copy.lastOperation = { ...gateway.lastOperation };
  return copy;
}
