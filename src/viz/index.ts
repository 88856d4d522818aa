export { type VizEvent } from './event-fields.js';
export { parseIpv4, parseIpv4Prefix, formatIpv4, type Ipv4Range } from './ipv4.js';
export {
  type View, type VnetView, type SubnetView, type SiteView, type ServiceView, type VmView, type RefusalView,
  createView, applyEvent, applyEvents, vmKey, gatewayOf,
} from './view-model.js';
export { narrateEvent, formatEventFields, formatClock, type EventLine } from './event-line.js';
export { ViewHistory, CHECKPOINT_INTERVAL_EVENTS } from './view-history.js';
export { compareNatural } from './natural-order.js';
export { buildGraph, type Graph, type GraphNode, type GraphLink, type NodeKind } from './graph-model.js';
export { buildPrefixTree, listSubnetAddresses, type PrefixRow, type PrefixRowKind, type AddressRow } from './prefix-tree.js';
export * from './protocol.js';
export * from './panel-protocol.js';
export { clientMessageSchema, parseClientMessage, type ParsedClientMessage } from './client-message-schema.js';
export { type LiveWorld, type TimedEvent, createScriptedWorld } from './live-world.js';
export { Playback, PLAYBACK_TICK_MS, DEFAULT_SPEED, type PlaybackOptions } from './playback.js';
export { isAllowedHost, isAllowedOrigin } from './request-guard.js';
export { EventStream, DEFAULT_MAX_BATCH_EVENTS, DEFAULT_MAX_BUFFERED_BYTES, type EventStreamOptions } from './event-stream.js';
export { DEFAULT_WEB_ROOT } from './static-files.js';
export {
  startVizServer, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_HOST, type VizServer, type VizServerOptions,
} from './server.js';
