import { judgeConnect, membersOf, type ConnectWorld, type LocalEndpoint } from '../connect/index.js';
import type { RefusalView, VmView } from './view-model.js';

/** Id of the region that holds Windows Azure Connect, drawn apart from the networks: Connect is an overlay, not a network. */
export const CONNECT_REGION_ID = 'region:Azure Connect';

/** Id of the Connect relay, drawn as one node: every endpoint's traffic goes outbound to it (compute-lifecycle.md §1). */
export const CONNECT_RELAY_ID = 'relay:Azure Connect';

/** A Connect node before the graph fills in the fields every node has. */
export interface ConnectNodeDraft {
  id: string;
  kind: 'region' | 'relay' | 'endpointGroup' | 'endpoint';
  label: string;
  parent: string | null;
  state: string | null;
  facts: string;
  detail: string;
  /** The refused Connect command that named this machine, marked on it (a Linux machine refused the agent). */
  refusal: RefusalView | null;
}

/** A relay link (endpoint ↔ relay) or a policy link (group ↔ group, group ↔ role) before the graph completes it. */
export interface ConnectLinkDraft {
  id: string;
  kind: 'relay' | 'policy';
  source: string;
  target: string;
  detail: string;
}

/**
 * The Connect part of the topology: nothing when the world has no Connect object; otherwise one region with the
 * relay, the endpoint groups as enclosures of their members, the enabled roles as endpoints, a relay link from each
 * activated endpoint and role, and the groups' links as policy links. `vms` gives an IaaS endpoint's OS; a machine
 * refused the agent for its OS (`refusals`, by `connect:NAME`) is drawn grey with the refusal as its blocker.
 */
export function connectGraph(
  world: ConnectWorld, vms: Readonly<Record<string, VmView>>, refusals: Readonly<Record<string, RefusalView>>,
): { nodes: ConnectNodeDraft[]; links: ConnectLinkDraft[] } {
  const endpoints = Object.values(world.endpoints);
  const roles = Object.keys(world.roles);
  const groups = Object.values(world.groups);
  const osRefusals = Object.entries(refusals).flatMap(([id, refusal]) => {
    const name = id.slice('connect:'.length);
    const isOsRefusal = id.startsWith('connect:') && refusal.code === 'connect-agent-windows-only';
    return isOsRefusal && world.endpoints[name] === undefined ? [{ name, refusal }] : [];
  });
  if (endpoints.length + roles.length + groups.length + osRefusals.length === 0) return { nodes: [], links: [] };

  const nodes: ConnectNodeDraft[] = [
    { id: CONNECT_REGION_ID, kind: 'region', label: 'Azure Connect', parent: null, state: null, facts: '', detail: 'Windows Azure Connect: an IPv6 policy overlay of machines, not a network', refusal: null },
    { id: CONNECT_RELAY_ID, kind: 'relay', label: 'relay', parent: CONNECT_REGION_ID, state: 'Connected', facts: '', detail: 'Connect relay: every endpoint connects outbound to it; no VNet, VPN device or VIP takes part', refusal: null },
  ];
  const links: ConnectLinkDraft[] = [];
  for (const group of groups) {
    const members = membersOf(world, group.name);
    nodes.push({
      id: `endpointGroup:${group.name}`, kind: 'endpointGroup', label: group.name, parent: CONNECT_REGION_ID, state: null,
      facts: group.interconnected ? 'members connect' : '',
      detail: `endpoint group ${group.name}: members ${members.join(', ') || '(none)'}; links ${[...group.roles, ...group.groups].join(', ') || '(none)'}`,
      refusal: null,
    });
    for (const role of group.roles) {
      links.push({ id: `policy:${group.name}>${role}`, kind: 'policy', source: `endpointGroup:${group.name}`, target: `endpoint:${role}`, detail: `policy: group ${group.name} ↔ role ${role}` });
    }
    // A group link works both ways (model.ts), so it is drawn once, from the first name in order.
    for (const other of group.groups) {
      const [a, b] = [group.name, other].sort();
      const id = `policy:${a}>${b}`;
      if (!links.some((l) => l.id === id)) links.push({ id, kind: 'policy', source: `endpointGroup:${a}`, target: `endpointGroup:${b}`, detail: `policy: group ${a} ↔ group ${b}` });
    }
  }
  for (const endpoint of endpoints) {
    nodes.push(endpointNode(world, endpoint, vms));
    if (endpoint.activated) links.push(relayLink(`endpoint:${endpoint.name}`, `${endpoint.name} (${endpoint.address ?? 'no address'})`));
  }
  for (const { name, refusal } of osRefusals) {
    nodes.push({
      id: `endpoint:${name}`, kind: 'endpoint', label: name, parent: CONNECT_REGION_ID, state: 'NotConnected', facts: 'Linux, no agent',
      detail: `${name}: not an endpoint\n${refusal.message}`, refusal,
    });
  }
  for (const key of roles) {
    nodes.push({ id: `endpoint:${key}`, kind: 'endpoint', label: key, parent: CONNECT_REGION_ID, state: 'Connected', facts: 'role', detail: `role ${key}: its running instances are endpoints (Connect plug-in activation token)`, refusal: null });
    links.push(relayLink(`endpoint:${key}`, `role ${key}`));
  }
  return { nodes, links };
}

function endpointNode(world: ConnectWorld, endpoint: LocalEndpoint, vms: Readonly<Record<string, VmView>>): ConnectNodeDraft {
  const os = endpoint.vm === null ? 'Windows' : vms[`${endpoint.vm.service}/${endpoint.vm.vm}`]?.os ?? 'Windows';
  const where = endpoint.vm === null ? 'on-premises machine' : `IaaS VM ${endpoint.vm.service}/${endpoint.vm.vm}`;
  const party = { kind: 'local', name: endpoint.name } as const;
  // The endpoint's own blockers, in Connect's words: judged against itself, both ends report them, so keep one of each.
  const blockers = judgeConnect(world, party, party, 'ipv6').blockers
    .filter((b, i, all) => b.object === endpoint.name && all.findIndex((o) => o.code === b.code) === i);
  const isUsable = endpoint.activated && os !== 'Linux';
  const blockerLines = blockers.filter((b) => !isUsable || b.code !== 'connect-not-activated').map((b) => `${b.message} — ${b.fix}`);
  return {
    id: `endpoint:${endpoint.name}`, kind: 'endpoint', label: endpoint.name,
    parent: endpoint.group === null ? CONNECT_REGION_ID : `endpointGroup:${endpoint.group}`,
    state: isUsable ? 'Connected' : 'NotConnected',
    facts: [os, endpoint.activated ? endpoint.address : 'not activated'].filter(Boolean).join(', '),
    detail: [`${where}, ${os}, ${endpoint.activated ? `activated, ${endpoint.address}` : 'agent installed, not activated'}`, ...blockerLines].join('\n'),
    refusal: null,
  };
}

function relayLink(endpointId: string, what: string): ConnectLinkDraft {
  return { id: `relay:${endpointId}`, kind: 'relay', source: CONNECT_RELAY_ID, target: endpointId, detail: `${what} ↔ relay (outbound from the endpoint)` };
}
