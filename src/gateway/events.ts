import { z } from 'zod';
import type { DeviceSettings } from './device.js';
import type { IkeExchange } from './negotiation.js';
import type { FailureReason } from './reasons.js';
import type { ConnectivityState, GatewaySku, GatewayState, GatewayType, OperationStatus } from './types.js';

/**
 * The gateway event catalogue: what the host emits (the world engine stamps seq/time and logs them), each event
 * type's payload declared once as a schema, plain JSON. The types below are inferred from these schemas; the fold in
 * world.ts reads them. To add an event type, add one entry here.
 */

const GATEWAY_OPERATION = z.enum([
  'CreateGateway', 'DeleteGateway', 'ResetGateway', 'ResizeGateway', 'SetGatewayKey', 'ConnectSite', 'DisconnectSite',
]);
const GATEWAY_STATE = z.enum(['NotProvisioned', 'Provisioning', 'Provisioned', 'Deprovisioning']) satisfies z.ZodType<GatewayState>;
const GATEWAY_TYPE = z.enum(['StaticRouting', 'DynamicRouting']) satisfies z.ZodType<GatewayType>;
const GATEWAY_SKU = z.enum(['Default', 'HighPerformance']) satisfies z.ZodType<GatewaySku>;
const OPERATION_STATUS = z.enum(['InProgress', 'Successful', 'Failed']) satisfies z.ZodType<OperationStatus>;
const CONNECTIVITY_STATE = z.enum(['NotConnected', 'Connecting', 'Connected']) satisfies z.ZodType<ConnectivityState>;
const FAILURE_REASON = z.enum([
  'AUTHENTICATION_FAILED', 'NO_PROPOSAL_CHOSEN', 'TS_UNACCEPTABLE', 'PEER_UNREACHABLE', 'DPD_TIMEOUT', 'WRONG_PEER_IP',
  'DEVICE_IP_INSIDE_SITE', 'OVERLAPPING_PREFIXES', 'TOO_MANY_TUNNELS', 'PEER_DELETED', 'GATEWAY_RESET',
  'GATEWAY_DEPROVISIONING', 'DISCONNECTED',
]) satisfies z.ZodType<FailureReason>;
const IKE_EXCHANGE = z.enum([
  'IKE_SA_INIT', 'IKE_AUTH', 'CREATE_CHILD_SA', 'INFORMATIONAL', 'MAIN_MODE', 'QUICK_MODE',
]) satisfies z.ZodType<IkeExchange>;
const DEVICE_SETTINGS = z.strictObject({
  site: z.string(),
  sharedKey: z.string(),
  publicIp: z.string(),
  ikeVersions: z.array(z.union([z.literal(1), z.literal(2)])),
  routing: z.enum(['PolicyBased', 'RouteBased']),
  trafficSelectors: z.array(z.string()).optional(),
  proposals: z.array(z.string()).optional(),
  gatewayAddress: z.string().optional(),
  reachable: z.boolean(),
}) satisfies z.ZodType<DeviceSettings>;
const BYTES_PER_SECOND = z.number().nonnegative();

/** Payload schema of every gateway event type, by type. */
export const GATEWAY_EVENT_SCHEMAS = {
  /** The gateway's provisioning state changed (create or delete in progress or done). */
  'gateway.stateChanged': z.strictObject({
    vnet: z.string(),
    from: GATEWAY_STATE,
    to: GATEWAY_STATE,
    operation: GATEWAY_OPERATION,
    operationStatus: OPERATION_STATUS,
    gatewayType: GATEWAY_TYPE.exactOptional(),
    sku: GATEWAY_SKU.exactOptional(),
    publicIp: z.string().exactOptional(),
  }),
  /** An operation that does not change the provisioning state (reset, resize, key, connect) started or finished. */
  'gateway.operation': z.strictObject({
    vnet: z.string(),
    operation: GATEWAY_OPERATION,
    operationStatus: OPERATION_STATUS,
    message: z.string(),
    sku: GATEWAY_SKU.exactOptional(),
  }),
  /**
   * A tunnel's ConnectivityState changed (or was re-reported with a new reason). `retry`: a new attempt while the
   * last failure still stands (same reason) — Get-AzureVNetConnection kept showing that failure's event, so folds
   * update ConnectivityState and keep LastEvent* and the reason. The byte rates model traffic while Connected.
   */
  'connection.stateChanged': z.strictObject({
    vnet: z.string(),
    site: z.string(),
    from: CONNECTIVITY_STATE,
    to: CONNECTIVITY_STATE,
    eventId: z.number().int(),
    message: z.string(),
    reason: FAILURE_REASON.exactOptional(),
    retry: z.literal(true).exactOptional(),
    ingressBytesPerSecond: BYTES_PER_SECOND.exactOptional(),
    egressBytesPerSecond: BYTES_PER_SECOND.exactOptional(),
  }),
  /** An IKE step: phase completed, rekey, DPD probe, first retransmission, give-up, error notify. */
  'connection.ike': z.strictObject({ vnet: z.string(), site: z.string(), exchange: IKE_EXCHANGE, detail: z.string() }),
  /** A local network site joined a VNet's gateway connections. */
  'connection.added': z.strictObject({
    vnet: z.string(), site: z.string(), addressPrefixes: z.array(z.string()), vpnGatewayAddress: z.string(),
  }),
  /** A local network site left a VNet's gateway connections. */
  'connection.removed': z.strictObject({ vnet: z.string(), site: z.string() }),
  /** The Azure-side pre-shared key of one tunnel was set (Set-AzureVNetGatewayKey, or generated at first use). */
  'connection.sharedKeySet': z.strictObject({ vnet: z.string(), site: z.string(), key: z.string(), generated: z.boolean() }),
  /** An on-premises device changed: settings, power or link. */
  'connection.deviceChanged': z.strictObject({ site: z.string(), up: z.boolean(), settings: DEVICE_SETTINGS }),
};

/** Gateway operations as the classic cmdlets named them, for the last-operation status. */
export type GatewayOperation = z.infer<typeof GATEWAY_OPERATION>;

/** A gateway event type name. */
export type GatewayEventType = keyof typeof GATEWAY_EVENT_SCHEMAS;

/** Payload of each gateway event type, inferred from its schema. */
export type GatewayEventPayloads = { [K in GatewayEventType]: z.infer<(typeof GATEWAY_EVENT_SCHEMAS)[K]> };

/** One gateway event body (without the envelope): `type` and the payload of that type. */
export type GatewayEventOf<K extends GatewayEventType> = { type: K } & GatewayEventPayloads[K];

/** Domain events the host emits; the world engine stamps seq/time and logs them. */
export type GatewayEvent = { [K in GatewayEventType]: GatewayEventOf<K> }[GatewayEventType];

/** Builds a typed gateway event body; keeps `type` first so logged lines read naturally. */
export function makeGatewayEvent<K extends GatewayEventType>(type: K, payload: GatewayEventPayloads[K]): GatewayEventOf<K> {
  return { type, ...payload } as GatewayEventOf<K>;
}

/** True when `type` is one of the gateway events. */
export function isGatewayEventType(type: string): type is GatewayEventType {
  return Object.hasOwn(GATEWAY_EVENT_SCHEMAS, type);
}
