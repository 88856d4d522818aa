import type { ConnectEvent } from './events.js';
import { roleKey, type ConnectWorld } from './model.js';

/** Folds one Connect event into the Connect world: the only mutator of it. */
export function applyConnectEvent(world: ConnectWorld, event: ConnectEvent): void {
  switch (event.type) {
    case 'connect.agentInstalled':
      world.endpoints[event.endpoint] = {
        name: event.endpoint,
        vm: event.iaasVm === undefined ? null : { ...event.iaasVm },
        activated: false,
        address: null,
        group: null,
      };
      return;
    case 'connect.agentActivated': {
      const endpoint = world.endpoints[event.endpoint];
      if (endpoint !== undefined) Object.assign(endpoint, { activated: true, address: event.address });
      return;
    }
    case 'connect.agentRemoved':
      delete world.endpoints[event.endpoint];
      return;
    case 'connect.roleEnabled':
      world.roles[roleKey(event.service, event.role)] = { service: event.service, role: event.role };
      return;
    case 'connect.groupSet':
      world.groups[event.group] = { name: event.group, roles: [...event.roles], groups: [...event.groups], interconnected: event.interconnected };
      for (const endpoint of Object.values(world.endpoints)) {
        if (endpoint.group === event.group) endpoint.group = null;
        if (event.endpoints.includes(endpoint.name)) endpoint.group = event.group;
      }
      return;
    case 'connect.groupDeleted':
      delete world.groups[event.group];
      for (const endpoint of Object.values(world.endpoints)) if (endpoint.group === event.group) endpoint.group = null;
      for (const group of Object.values(world.groups)) group.groups = group.groups.filter((g) => g !== event.group);
      return;
  }
}
