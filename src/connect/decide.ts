import { connectAddressOf, connectIdentity } from './address.js';
import type {
  ActivateConnectAgent, ConnectCommand, DeleteConnectGroup, EnableConnectRole, InstallConnectAgent, RemoveConnectAgent, SetConnectGroup,
} from './commands.js';
import { makeConnectEvent, type ConnectEvent } from './events.js';
import { roleKey, type ConnectWorld } from './model.js';
import type { MachineOs } from './party.js';
import type { ConnectRefusalCode } from './refusal-codes.js';
import { calendarDayAt, describeRetirement } from './retirement.js';

/** What a Connect decision reads beyond the Connect world: the date, and the compute facts it checks names against. */
export interface ConnectDecideContext {
  /** Simulated ms now, and the month the scenario's clock started in (its era month). */
  nowMs: number;
  startMonth: string;
  /** Simulated ms of Connect's retirement (retirement.ts); commands from then on are refused. */
  retiresAtMs: number;
  /** The OS of an IaaS VM, or undefined when there is no such VM. */
  vmOs: (service: string, vm: string) => MachineOs | undefined;
  /** Whether some deployment of the service has a web or worker role of that name. */
  hasRole: (service: string, role: string) => boolean;
}

/** A refused Connect command: a registered code, a message naming the objects and the fix, the objects. */
export interface ConnectRefusal {
  code: ConnectRefusalCode;
  message: string;
  objects: string[];
}

/** The events a Connect command produces, or why it was refused (the world unchanged). */
export type ConnectDecision = { ok: true; events: ConnectEvent[] } | { ok: false; refusal: ConnectRefusal };

/** Decides a Connect command against the world (pure): its events, or a refusal. */
export function decideConnectCommand(world: ConnectWorld, command: ConnectCommand, context: ConnectDecideContext): ConnectDecision {
  if (context.nowMs >= context.retiresAtMs) {
    return refuse('connect-retired', describeRetirement(command.type, calendarDayAt(context.startMonth, context.nowMs)));
  }
  switch (command.type) {
    case 'installConnectAgent': return install(world, command, context);
    case 'activateConnectAgent': return activate(world, command);
    case 'removeConnectAgent': return remove(world, command);
    case 'enableConnectRole': return enableRole(world, command, context);
    case 'setConnectGroup': return setGroup(world, command);
    case 'deleteConnectGroup': return deleteGroup(world, command);
  }
}

function install(world: ConnectWorld, command: InstallConnectAgent, context: ConnectDecideContext): ConnectDecision {
  const onVm = command.service !== undefined && command.vm !== undefined;
  const name = onVm ? command.vm ?? '' : command.machine ?? '';
  const os = onVm ? context.vmOs(command.service ?? '', name) : command.os;
  if (os === undefined) {
    return refuse('connect-unknown-vm', `No VM '${name}' in cloud service '${command.service ?? ''}' to carry the Connect agent; create the VM first.`, [`vm:${command.service ?? ''}/${name}`]);
  }
  if (os === 'Linux') {
    return refuse('connect-agent-windows-only', `'${name}' runs Linux, and the Connect agent runs on Windows only (Windows Server 2008 and later, Windows Vista SP1 and later); use a Windows machine, or a Virtual Network with a gateway for Linux machines.`, [`connect:${name}`]);
  }
  if (Object.hasOwn(world.endpoints, name)) {
    return refuse('connect-endpoint-exists', `'${name}' already has the Connect agent; each machine name is one endpoint.`, [`connect:${name}`]);
  }
  return ok([makeConnectEvent('connect.agentInstalled', { endpoint: name, ...(onVm ? { iaasVm: { service: command.service ?? '', vm: name } } : {}) })]);
}

function activate(world: ConnectWorld, command: ActivateConnectAgent): ConnectDecision {
  const endpoint = world.endpoints[command.machine];
  if (endpoint === undefined) return unknownEndpoint(command.machine);
  if (endpoint.activated) return refuse('connect-already-activated', `The Connect agent on '${command.machine}' is already activated.`, [`connect:${command.machine}`]);
  const address = connectAddressOf(connectIdentity({ kind: 'local', name: command.machine }));
  return ok([makeConnectEvent('connect.agentActivated', { endpoint: command.machine, address })]);
}

function remove(world: ConnectWorld, command: RemoveConnectAgent): ConnectDecision {
  if (!Object.hasOwn(world.endpoints, command.machine)) return unknownEndpoint(command.machine);
  return ok([makeConnectEvent('connect.agentRemoved', { endpoint: command.machine })]);
}

function enableRole(world: ConnectWorld, command: EnableConnectRole, context: ConnectDecideContext): ConnectDecision {
  if (!context.hasRole(command.service, command.role)) {
    return refuse('connect-unknown-role', `Cloud service '${command.service}' has no deployment with a role '${command.role}'; deploy it first (the activation token goes in that role's service configuration).`, [`service:${command.service}`]);
  }
  if (Object.hasOwn(world.roles, roleKey(command.service, command.role))) return ok([]);
  return ok([makeConnectEvent('connect.roleEnabled', { service: command.service, role: command.role })]);
}

function setGroup(world: ConnectWorld, command: SetConnectGroup): ConnectDecision {
  const endpoints = [...new Set(command.endpoints ?? [])];
  const groups = [...new Set(command.groups ?? [])];
  const roles = [...new Set((command.roles ?? []).map((r) => roleKey(r.service, r.role)))];
  const problem = checkMembers(world, command.name, endpoints) ?? checkLinks(world, command.name, roles, groups);
  if (problem !== undefined) return { ok: false, refusal: problem };
  return ok([makeConnectEvent('connect.groupSet', { group: command.name, endpoints, roles, groups, interconnected: command.interconnected === true })]);
}

function checkMembers(world: ConnectWorld, group: string, endpoints: readonly string[]): ConnectRefusal | undefined {
  for (const name of endpoints) {
    const endpoint = world.endpoints[name];
    if (endpoint === undefined) return unknownEndpoint(name).refusal;
    if (!endpoint.activated) {
      return { code: 'connect-not-activated', message: `'${name}' is not an activated endpoint; only activated endpoints can join a group (activateConnectAgent first).`, objects: [`connect:${name}`] };
    }
    if (endpoint.group !== null && endpoint.group !== group) {
      // gg432959 [V]: "Each local endpoint can be a member of only one endpoint group."
      return { code: 'connect-endpoint-in-group', message: `'${name}' is already in endpoint group '${endpoint.group}', and a local endpoint can be a member of only one group; take it out of '${endpoint.group}' first.`, objects: [`connect:${name}`, `connectGroup:${endpoint.group}`] };
    }
  }
  return undefined;
}

function checkLinks(world: ConnectWorld, group: string, roles: readonly string[], groups: readonly string[]): ConnectRefusal | undefined {
  for (const key of roles) {
    if (!Object.hasOwn(world.roles, key)) {
      return { code: 'connect-role-not-enabled', message: `Role '${key}' carries no Connect activation token, so it is no Connect endpoint; enableConnectRole first.`, objects: [`connectRole:${key}`] };
    }
  }
  for (const other of groups) {
    if (other === group) return { code: 'connect-group-self-link', message: `Group '${group}' cannot link to itself; set interconnected: true to let its members reach each other.`, objects: [`connectGroup:${group}`] };
    if (!Object.hasOwn(world.groups, other)) return { code: 'connect-unknown-group', message: `No endpoint group '${other}' to link to; create it first.`, objects: [`connectGroup:${other}`] };
  }
  return undefined;
}

function deleteGroup(world: ConnectWorld, command: DeleteConnectGroup): ConnectDecision {
  if (!Object.hasOwn(world.groups, command.name)) {
    return refuse('connect-unknown-group', `No endpoint group '${command.name}' to delete.`, [`connectGroup:${command.name}`]);
  }
  return ok([makeConnectEvent('connect.groupDeleted', { group: command.name })]);
}

function unknownEndpoint(name: string): { ok: false; refusal: ConnectRefusal } {
  return refuse('connect-unknown-endpoint', `No machine '${name}' has the Connect agent; installConnectAgent first.`, [`connect:${name}`]);
}

function refuse(code: ConnectRefusalCode, message: string, objects: string[] = []): { ok: false; refusal: ConnectRefusal } {
  return { ok: false, refusal: { code, message, objects } };
}

function ok(events: ConnectEvent[]): ConnectDecision {
  return { ok: true, events };
}
