/**
 * The registry of Connect's refusal codes: every code src/connect can refuse a command with, and what it means.
 * Scenarios name them in `commandRefused`; src/sim's REFUSAL_CODES joins them with the other domains'.
 */
export const CONNECT_REFUSAL_CODES = {
  'connect-retired': 'Windows Azure Connect was retired on 2013-07-03; point-to-site and site-to-site VPN replace it',
  'connect-agent-windows-only': 'the Connect agent runs on Windows only',
  'connect-endpoint-exists': 'a machine of that name already has the Connect agent',
  'connect-unknown-endpoint': 'no machine of that name has the Connect agent',
  'connect-unknown-vm': 'the IaaS VM named for the agent does not exist',
  'connect-already-activated': 'the agent on that machine is already activated',
  'connect-not-activated': 'a group member must be an activated endpoint',
  'connect-endpoint-in-group': 'a local endpoint is in at most one endpoint group',
  'connect-unknown-role': 'no deployment of the cloud service has that role',
  'connect-role-not-enabled': "a linked role's configuration must carry the Connect activation token",
  'connect-unknown-group': 'no endpoint group of that name',
  'connect-group-self-link': 'a group cannot link to itself (use interconnected)',
} as const;

/** A Connect refusal code. */
export type ConnectRefusalCode = keyof typeof CONNECT_REFUSAL_CODES;
