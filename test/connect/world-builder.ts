import { applyConnectEvent, connectAddressOf, connectIdentity, createConnectWorld, makeConnectEvent, type ConnectWorld } from '../../src/connect/index.js';

/** A Connect world built through the fold, as the engine would: agents, activations, enabled roles, groups. */
export interface WorldSpec {
  /** Local endpoints: name → activated? */
  endpoints?: Record<string, boolean>;
  roles?: Array<[service: string, role: string]>;
  groups?: Array<{ name: string; endpoints?: string[]; roles?: string[]; groups?: string[]; interconnected?: boolean }>;
}

/** Folds the events that describe `spec` into an empty Connect world. */
export function buildConnectWorld(spec: WorldSpec): ConnectWorld {
  const world = createConnectWorld();
  for (const [name, activated] of Object.entries(spec.endpoints ?? {})) {
    applyConnectEvent(world, makeConnectEvent('connect.agentInstalled', { endpoint: name }));
    if (activated) applyConnectEvent(world, makeConnectEvent('connect.agentActivated', { endpoint: name, address: connectAddressOf(connectIdentity({ kind: 'local', name })) }));
  }
  for (const [service, role] of spec.roles ?? []) applyConnectEvent(world, makeConnectEvent('connect.roleEnabled', { service, role }));
  for (const g of spec.groups ?? []) {
    applyConnectEvent(world, makeConnectEvent('connect.groupSet', {
      group: g.name, endpoints: g.endpoints ?? [], roles: g.roles ?? [], groups: g.groups ?? [], interconnected: g.interconnected === true,
    }));
  }
  return world;
}
