/** Public face of Windows Azure Connect: the machine-to-machine IPv6 policy overlay of 2010 – July 2013 (pure). */
export type { LocalEndpoint, ConnectRole, EndpointGroup, ConnectWorld } from './model.js';
export { createConnectWorld, roleKey, membersOf, areGroupsLinked } from './model.js';
export { CONNECT_PREFIX, connectAddressOf, connectIdentity } from './address.js';
export { CONNECT_RETIREMENT_DATE, CONNECT_REPLACEMENTS, connectRetiresAtMs, calendarDayAt, describeRetirement } from './retirement.js';
export type { MachineOs, ConnectParty } from './party.js';
export { describeParty, addressOfParty } from './party.js';
export type { IpVersion, ConnectBlockerCode, ConnectBlocker, ConnectVerdict } from './policy.js';
export { CONNECT_BLOCKER_CODES, judgeConnect, isConnectAllowed } from './policy.js';
export { resolveConnectName, type ConnectNameAnswer } from './name-resolution.js';
export type {
  InstallConnectAgent, ActivateConnectAgent, RemoveConnectAgent, EnableConnectRole, SetConnectGroup, DeleteConnectGroup, ConnectCommand,
} from './commands.js';
export { isConnectCommand, CONNECT_COMMAND_NAMES } from './commands.js';
export {
  CONNECT_EVENT_SCHEMAS, makeConnectEvent, isConnectEventType,
  type ConnectEventType, type ConnectEventPayloads, type ConnectEventOf, type ConnectEvent,
} from './events.js';
export { applyConnectEvent } from './apply-event.js';
export { CONNECT_REFUSAL_CODES, type ConnectRefusalCode } from './refusal-codes.js';
export { decideConnectCommand, type ConnectDecideContext, type ConnectRefusal, type ConnectDecision } from './decide.js';
export { traceConnectPath, CONNECT_CONTRAST, type ConnectHop, type ConnectPath } from './path.js';
