/** Public face of src/gateway: the site-to-site VPN gateway, its connections, and the commands that drive them. */
export type {
  CreateGateway, DeleteGateway, ResetGateway, ResizeGateway, SetSharedKey, ConnectSite, DisconnectSite,
  AddSite, RemoveSite, ConfigureDevice, SetDevicePower, SetLinkFault, GatewayCommand,
} from './commands.js';
export type {
  GatewayType, GatewaySku, GatewayState, ConnectivityState, OperationStatus, LocalSiteSpec, DeviceSpec, VnetGatewaySpec,
  GatewayClock, GatewayRandom,
} from './types.js';
export {
  type GatewayEvent, type GatewayEventType, type GatewayEventPayloads, type GatewayEventOf, type GatewayOperation,
  GATEWAY_EVENT_SCHEMAS, makeGatewayEvent, isGatewayEventType,
} from './events.js';
export { type FailureReason, describeReason } from './reasons.js';
export type { GatewayRefusal, GatewayResult } from './validation.js';
export {
  GATEWAY_REFUSAL_CODES, PLATFORM_MESSAGES, type GatewayRefusalCode, type PlatformAnswer, type RefusalCodeInfo,
} from './refusal-codes.js';
export {
  type GatewayProfile, type SaLifetimes, type DurationRange, DEFAULT_GATEWAY_PROFILE, maxTunnels, drawDurationMs,
} from './profile.js';
export type { IkeExchange } from './negotiation.js';
export { GatewayHost, type GatewayHostOptions } from './host.js';
export {
  type GatewayWorld, type GatewayStatus, type ConnectionStatus, type LastOperation,
  createGatewayWorld, applyGatewayEvent, readGatewayStatus, readConnectionStatus,
} from './world.js';
export { CONNECTION_EVENT_IDS, formatConnectivityMessage } from './status-messages.js';
export { drawAlphanumericKey } from './shared-key.js';
