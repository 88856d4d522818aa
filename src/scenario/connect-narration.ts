import type { SimEventOf } from '../sim/index.js';
import { told } from './timeline-columns.js';

type ConnectNarrations = {
  [K in 'connect.agentInstalled' | 'connect.agentActivated' | 'connect.agentRemoved' | 'connect.roleEnabled' | 'connect.groupSet' | 'connect.groupDeleted']:
  (event: SimEventOf<K>) => string;
};

const endpoint = (e: { endpoint: string }): string => `connect ${e.endpoint}`;
const names = (values: readonly string[]): string => (values.length === 0 ? 'none' : values.join(', '));

/** The run timeline's sentences for Windows Azure Connect events (`connect laptop  agent activated: 2001:db8:ac:…`). */
export const CONNECT_NARRATIONS: ConnectNarrations = {
  'connect.agentInstalled': (e) => told(endpoint(e), `Connect agent installed${e.iaasVm === undefined ? '' : ` in vm ${e.iaasVm.service}/${e.iaasVm.vm}`}, not yet activated`),
  'connect.agentActivated': (e) => told(endpoint(e), `agent activated: ${e.address} on the Connect adapter`),
  'connect.agentRemoved': (e) => told(endpoint(e), 'Connect agent removed; left its group'),
  'connect.roleEnabled': (e) => told(`connect role ${e.service}/${e.role}`, 'activation token in the service configuration: running instances are endpoints'),
  'connect.groupSet': (e) => told(
    `connect group ${e.group}`,
    `members ${names(e.endpoints)}; linked to roles ${names(e.roles)}, groups ${names(e.groups)}${e.interconnected ? '; members reach each other' : ''}`,
  ),
  'connect.groupDeleted': (e) => told(`connect group ${e.group}`, 'deleted'),
};
