import type { DeviceSettings } from './device.js';
import type { IkeExchange } from './negotiation.js';
import type { FailureReason } from './reasons.js';
import type { ConnectivityState, GatewaySku, GatewayState, GatewayType, OperationStatus } from './types.js';

/** Gateway operations as the classic cmdlets named them, for the last-operation status. */
export type GatewayOperation =
  | 'CreateGateway' | 'DeleteGateway' | 'ResetGateway' | 'ResizeGateway' | 'SetGatewayKey' | 'ConnectSite' | 'DisconnectSite';

/** The gateway's provisioning state changed (create or delete in progress or done). */
export interface GatewayStateChanged {
  type: 'gateway.stateChanged';
  vnet: string;
  from: GatewayState;
  to: GatewayState;
  gatewayType?: GatewayType;
  sku?: GatewaySku;
  publicIp?: string;
  operation: GatewayOperation;
  operationStatus: OperationStatus;
}

/** An operation that does not change the provisioning state (reset, resize, key) started or finished. */
export interface GatewayOperationReported {
  type: 'gateway.operation';
  vnet: string;
  operation: GatewayOperation;
  operationStatus: OperationStatus;
  message: string;
  sku?: GatewaySku;
}

/** A tunnel's ConnectivityState changed (or was re-reported with a new reason). */
export interface ConnectionStateChanged {
  type: 'connection.stateChanged';
  vnet: string;
  site: string;
  from: ConnectivityState;
  to: ConnectivityState;
  eventId: number;
  message: string;
  reason?: FailureReason;
  /**
   * A new attempt while the last failure still stands (same reason): Get-AzureVNetConnection kept showing that
   * failure's event, so folds update ConnectivityState and keep LastEvent* and the reason.
   */
  retry?: true;
  /** Modelled traffic while Connected, so a fold can report byte counters at any time. */
  ingressBytesPerSecond?: number;
  egressBytesPerSecond?: number;
}

/** An IKE step: phase completed, rekey, DPD probe, first retransmission, give-up, error notify. */
export interface ConnectionIkeStep {
  type: 'connection.ike';
  vnet: string;
  site: string;
  exchange: IkeExchange;
  detail: string;
}

/** A local network site joined a VNet's gateway connections. */
export interface ConnectionAdded {
  type: 'connection.added';
  vnet: string;
  site: string;
  addressPrefixes: string[];
  vpnGatewayAddress: string;
}

/** A local network site left a VNet's gateway connections. */
export interface ConnectionRemoved {
  type: 'connection.removed';
  vnet: string;
  site: string;
}

/** The Azure-side pre-shared key of one tunnel was set (Set-AzureVNetGatewayKey, or generated at first use). */
export interface ConnectionKeySet {
  type: 'connection.sharedKeySet';
  vnet: string;
  site: string;
  key: string;
  generated: boolean;
}

/** An on-premises device changed: settings, power or link. */
export interface ConnectionDeviceChanged {
  type: 'connection.deviceChanged';
  site: string;
  up: boolean;
  settings: DeviceSettings;
}

/** Domain events the host emits; the world engine stamps seq/time and logs them. Every payload is plain JSON. */
export type GatewayEvent =
  | GatewayStateChanged
  | GatewayOperationReported
  | ConnectionStateChanged
  | ConnectionIkeStep
  | ConnectionAdded
  | ConnectionRemoved
  | ConnectionKeySet
  | ConnectionDeviceChanged;
