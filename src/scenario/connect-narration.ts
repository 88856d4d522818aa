import type { SimEventOf } from '../sim/index.js';

type ConnectNarrations = {
  [K in 'connect.agentInstalled' | 'connect.agentActivated' | 'connect.agentRemoved' | 'connect.roleEnabled' | 'connect.groupSet' | 'connect.groupDeleted']:
  (event: SimEventOf<K>) => { subject: string; text: string };
};

const endpoint = (e: { endpoint: string }): string => `connect ${e.endpoint}`;
const names = (values: readonly string[]): string => (values.length === 0 ? 'none' : values.join(', '));

/** The run timeline's sentences for Windows Azure Connect events (`connect laptop  agent activated: 2001:db8:ac:…`). */
export const CONNECT_NARRATIONS: ConnectNarrations = {
  'connect.agentInstalled': (e) => ({ subject: endpoint(e), text: `Connect agent installed${e.iaasVm === undefined ? '' : ` in vm ${e.iaasVm.service}/${e.iaasVm.vm}`}, not yet activated` }),
  'connect.agentActivated': (e) => ({ subject: endpoint(e), text: `agent activated: ${e.address} on the Connect adapter` }),
  'connect.agentRemoved': (e) => ({ subject: endpoint(e), text: 'Connect agent removed; left its group' }),
  'connect.roleEnabled': (e) => ({ subject: `connect role ${e.service}/${e.role}`, text: 'activation token in the service configuration: running instances are endpoints' }),
  'connect.groupSet': (e) => ({
    subject: `connect group ${e.group}`,
    text: `members ${names(e.endpoints)}; linked to roles ${names(e.roles)}, groups ${names(e.groups)}${e.interconnected ? '; members reach each other' : ''}`,
  }),
  'connect.groupDeleted': (e) => ({ subject: `connect group ${e.group}`, text: 'deleted' }),
};
