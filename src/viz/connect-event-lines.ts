import type { SimEventOf } from '../sim/index.js';

type ConnectTellers = {
  [K in 'connect.agentInstalled' | 'connect.agentActivated' | 'connect.agentRemoved' | 'connect.roleEnabled' | 'connect.groupSet' | 'connect.groupDeleted']:
  (event: SimEventOf<K>) => [subject: string, text: string];
};

/** The view timeline's words for Windows Azure Connect events; kept apart from the networks' words, as the view draws them. */
export const CONNECT_TELLERS: ConnectTellers = {
  'connect.agentInstalled': (e) => [`connect ${e.endpoint}`, e.iaasVm === undefined ? 'agent installed' : `agent installed (vm ${e.iaasVm.service}/${e.iaasVm.vm})`],
  'connect.agentActivated': (e) => [`connect ${e.endpoint}`, `activated ${e.address}`],
  'connect.agentRemoved': (e) => [`connect ${e.endpoint}`, 'agent removed'],
  'connect.roleEnabled': (e) => [`connect role ${e.service}/${e.role}`, 'enabled (activation token)'],
  'connect.groupSet': (e) => [`connect group ${e.group}`, `members: ${e.endpoints.join(', ') || '(none)'}; links: ${[...e.roles, ...e.groups].join(', ') || '(none)'}`],
  'connect.groupDeleted': (e) => [`connect group ${e.group}`, 'deleted'],
};
