/** Public face of src/sim: the world engine (commands → events → world), its log, replay and invariants. */
export type * from './commands.js';
export {
  type SimEvent, type SimEventOf, type EventType, type EventPayloads, type EventBody, type EventBodyOf, type Era,
  type EngineEventPayloads, EVENT_SCHEMAS, isEventType,
} from './events.js';
export type { ComputeEventPayloads, InstanceStatus, DeploymentStatus, ServiceKind, Slot, CloudService, Deployment, Vm, Disk, Image, Endpoint, Vnet, Subnet, AffinityGroup, PaasRole, ReservedIp, InternalLoadBalancer } from '../vm/index.js';
export { findService, findVm, listServiceVms, vmKey, formatInstanceName, VM_SIZES, GATEWAY_SUBNET_NAME, isDipInPool, isReservedDip, parsePoolPrefix, findDipHolder, listDipHolders, nameDipHolder } from '../vm/index.js';
export { type World, type LocalSite, createWorld, findDisk, listVms } from './world.js';
export { Simulation, type SimulationOptions, type CommandResult, type RequestResult, type ExecuteOptions } from './simulation.js';
export { applyEvent } from './apply-event.js';
export { replayEvents, serializeWorld } from './replay.js';
export { formatEventLine, formatEventLines } from './event-log.js';
export { EventStore, type EventLog } from './event-store.js';
export {
  eventLogWindow, eventTypeAt, eventTimeAt, countEventsBeforeTime, countEventsThroughTime, countEventsThroughSeq,
} from './event-log-window.js';
export { checkEventLog, type LogReading, type LogProblem } from './log-check.js';
export { checkInvariants } from './invariants.js';
export { REFUSAL_CODES, type RefusalCodeEntry } from './refusal-codes.js';
export { resolveConnectParty, listConnectParties, listRoleInstances, type ConnectPartyResult } from './connect-parties.js';
export { readTopologyIndex, toTopologyIndex, toTopologyModel, type TopologySourceLookup, type TopologySourceKind } from './topology-view.js';
export { LiveTopology } from './topology-live.js';
export { toPairTopologyIndex } from './topology-pair.js';
export { DISPOSITIONS, buildTopologyIndex, queryReach, queryReachOnAnyPort, type ReachAnswer } from '../topology/index.js';
export { type SimProfile, type SimLimits, DEFAULT_SIM_PROFILE, DEFAULT_SIM_LIMITS } from './profile.js';
export { PUBLIC_IP_POOL_PREFIXES } from './public-ip-pool.js';
export type { DeviceSpec, GatewayWorld, GatewayStatus, ConnectionStatus, GatewayEvent } from '../gateway/index.js';
export { readGatewayStatus, drawAlphanumericKey } from '../gateway/index.js';
export { NETWORK_CONFIG_IN_USE, NETWORK_CONFIG_INVALID, NETWORK_CONFIG_UNKNOWN_AFFINITY_GROUP, findVnetUsers } from './network-config.js';
export { SimClock, type TimerId } from './clock.js';
export { EventLogFullError } from './event-log-limit.js';
export { createRng, type Rng } from './rng.js';
