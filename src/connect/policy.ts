import { areGroupsLinked, roleKey, type ConnectWorld } from './model.js';
import { addressOfParty, describeParty, type ConnectParty } from './party.js';

/** Which IP version an application speaks: Connect carries IPv6 only. */
export type IpVersion = 'ipv6' | 'ipv4';

/** Why Connect does not carry a flow, one code per condition the platform required. */
export type ConnectBlockerCode =
  | 'connect-linux'
  | 'connect-no-agent'
  | 'connect-not-activated'
  | 'connect-instance-not-running'
  | 'connect-not-in-group'
  | 'connect-not-linked'
  | 'connect-ipv4-only';

/** Every Connect blocker code, in the order a reader should fix them. */
export const CONNECT_BLOCKER_CODES: readonly ConnectBlockerCode[] = [
  'connect-linux', 'connect-no-agent', 'connect-not-activated', 'connect-instance-not-running', 'connect-not-in-group',
  'connect-not-linked', 'connect-ipv4-only',
];

/** One failed condition of a Connect path: the object it is about, what is wrong and the fix. */
export interface ConnectBlocker {
  code: ConnectBlockerCode;
  object: string;
  message: string;
  fix: string;
}

/** The answer for one pair: allowed when nothing blocks, with each end's Connect address where it has one. */
export interface ConnectVerdict {
  allowed: boolean;
  from: { name: string; address: string | null };
  to: { name: string; address: string | null };
  blockers: ConnectBlocker[];
}

/** Where the policy places a party: in a group (a local endpoint) or as a role (an instance of an enabled role). */
type Place = { kind: 'group'; group: string } | { kind: 'role'; key: string };

/**
 * The reachability predicate of Connect: A reaches B if and only if both ends are endpoints (a Windows machine whose
 * agent is activated, or a running instance of a role carrying the activation token), and the policy links them — a
 * local endpoint's group is linked to the other's group or role, or both sit in one group that allows connections
 * between its members — and the application speaks IPv6. The relation is symmetric; every failed condition is a
 * blocker, so a reader sees all there is to fix. The path is endpoint → relay → endpoint, outbound from both ends,
 * so no VNet, address space, VPN device, VIP, input endpoint or inbound firewall rule takes part.
 */
export function judgeConnect(world: ConnectWorld, from: ConnectParty, to: ConnectParty, traffic: IpVersion): ConnectVerdict {
  const blockers = [...blockersOfEnd(world, from), ...blockersOfEnd(world, to)];
  const fromPlace = placeOf(world, from);
  const toPlace = placeOf(world, to);
  if (fromPlace !== undefined && toPlace !== undefined && !arePlacesLinked(world, fromPlace, toPlace)) {
    blockers.push(notLinked(from, to, fromPlace, toPlace));
  }
  if (traffic === 'ipv4') {
    blockers.push({
      code: 'connect-ipv4-only',
      object: `${describeParty(from)} → ${describeParty(to)}`,
      message: 'the application speaks IPv4 only; Connect gives each endpoint an IPv6 address on its virtual adapter and carries IPv6 only',
      fix: 'use the Connect name (it resolves to the IPv6 address) from an IPv6-capable application',
    });
  }
  return {
    allowed: blockers.length === 0,
    from: { name: describeParty(from), address: addressOfParty(world, from) },
    to: { name: describeParty(to), address: addressOfParty(world, to) },
    blockers,
  };
}

/** Whether the policy allows the pair over IPv6: the predicate without its explanation. */
export function isConnectAllowed(world: ConnectWorld, from: ConnectParty, to: ConnectParty): boolean {
  return judgeConnect(world, from, to, 'ipv6').allowed;
}

function blockersOfEnd(world: ConnectWorld, party: ConnectParty): ConnectBlocker[] {
  const object = describeParty(party);
  if (party.kind === 'machine') {
    return party.os === 'Linux'
      ? [{ code: 'connect-linux', object, message: `${object} runs Linux; the Connect agent exists for Windows only (Windows Server 2008 and later, Windows Vista SP1 and later)`, fix: 'use a Windows machine, or a VNet with a gateway for Linux machines' }]
      : [{ code: 'connect-no-agent', object, message: `${object} has no Connect agent`, fix: 'installConnectAgent, then activateConnectAgent' }];
  }
  if (party.kind === 'instance') {
    const blockers: ConnectBlocker[] = [];
    if (!Object.hasOwn(world.roles, roleKey(party.service, party.role))) {
      blockers.push({ code: 'connect-no-agent', object, message: `role ${party.service}/${party.role} carries no Connect activation token in its service configuration`, fix: `enableConnectRole { service: ${party.service}, role: ${party.role} }` });
    }
    if (!party.running) {
      blockers.push({ code: 'connect-instance-not-running', object, message: `${object} is not running; an instance joins its role's group as it starts`, fix: 'wait for the deployment to run' });
    }
    return blockers;
  }
  const endpoint = world.endpoints[party.name];
  if (endpoint === undefined) return [{ code: 'connect-no-agent', object, message: `${object} has no Connect agent`, fix: 'installConnectAgent, then activateConnectAgent' }];
  if (!endpoint.activated) return [{ code: 'connect-not-activated', object, message: `the Connect agent on ${object} is installed but not activated`, fix: `activateConnectAgent { machine: ${object} }` }];
  if (endpoint.group === null) return [{ code: 'connect-not-in-group', object, message: `${object} is in no endpoint group; a local endpoint reaches nothing until it is placed in one`, fix: 'add it to a group with setConnectGroup' }];
  return [];
}

function placeOf(world: ConnectWorld, party: ConnectParty): Place | undefined {
  if (party.kind === 'instance') {
    const key = roleKey(party.service, party.role);
    return Object.hasOwn(world.roles, key) ? { kind: 'role', key } : undefined;
  }
  const group = party.kind === 'local' ? world.endpoints[party.name]?.group : undefined;
  return group === undefined || group === null ? undefined : { kind: 'group', group };
}

function arePlacesLinked(world: ConnectWorld, a: Place, b: Place): boolean {
  if (a.kind === 'group' && b.kind === 'group') {
    return a.group === b.group ? (world.groups[a.group]?.interconnected ?? false) : areGroupsLinked(world, a.group, b.group);
  }
  if (a.kind === 'group' && b.kind === 'role') return world.groups[a.group]?.roles.includes(b.key) ?? false;
  if (a.kind === 'role' && b.kind === 'group') return world.groups[b.group]?.roles.includes(a.key) ?? false;
  return false;
}

function notLinked(from: ConnectParty, to: ConnectParty, a: Place, b: Place): ConnectBlocker {
  const object = `${describePlace(a)} ↔ ${describePlace(b)}`;
  if (a.kind === 'role' && b.kind === 'role') {
    return { code: 'connect-not-linked', object, message: 'Connect links endpoint groups to roles and to groups, never a role to a role', fix: 'place the instances in one deployment (they share its network), or put a local endpoint between them' };
  }
  const same = a.kind === 'group' && b.kind === 'group' && a.group === b.group;
  return {
    code: 'connect-not-linked',
    object,
    message: same
      ? `${describeParty(from)} and ${describeParty(to)} share group ${a.kind === 'group' ? a.group : ''}, which does not allow connections between its endpoints`
      : `the policy does not link ${describePlace(a)} to ${describePlace(b)}`,
    fix: same ? 'setConnectGroup with interconnected: true' : 'link them with setConnectGroup (roles: or groups:)',
  };
}

function describePlace(place: Place): string {
  return place.kind === 'group' ? `group ${place.group}` : `role ${place.key}`;
}
