import type { MachineOs } from './party.js';

/**
 * Installs the Connect agent: on an on-premises machine (`machine` and `os`, from the portal's install link) or on an
 * IaaS VM whose image carries it (`service` and `vm`; the VM's OS decides). Windows only.
 */
export interface InstallConnectAgent {
  type: 'installConnectAgent';
  machine?: string | undefined;
  os?: MachineOs | undefined;
  service?: string | undefined;
  vm?: string | undefined;
}
/** The agent presents the subscription's activation token to the relay: the machine becomes an endpoint. */
export interface ActivateConnectAgent { type: 'activateConnectAgent'; machine: string }
/** Uninstalls the agent; the endpoint leaves its group. */
export interface RemoveConnectAgent { type: 'removeConnectAgent'; machine: string }
/** The role's .cscfg carries `Microsoft.WindowsAzure.Plugins.Connect.ActivationToken` (at deployment or by a config change). */
export interface EnableConnectRole { type: 'enableConnectRole'; service: string; role: string }
/** Creates or edits an endpoint group as the portal's group dialog does: members, "connect to" roles and groups. */
export interface SetConnectGroup {
  type: 'setConnectGroup';
  name: string;
  endpoints?: string[] | undefined;
  roles?: Array<{ service: string; role: string }> | undefined;
  groups?: string[] | undefined;
  interconnected?: boolean | undefined;
}
/** Deletes an endpoint group. */
export interface DeleteConnectGroup { type: 'deleteConnectGroup'; name: string }

/** Commands handled by the Connect model (src/connect). */
export type ConnectCommand =
  | InstallConnectAgent | ActivateConnectAgent | RemoveConnectAgent | EnableConnectRole | SetConnectGroup | DeleteConnectGroup;

const CONNECT_COMMAND_TYPES: ReadonlySet<string> = new Set<ConnectCommand['type']>([
  'installConnectAgent', 'activateConnectAgent', 'removeConnectAgent', 'enableConnectRole', 'setConnectGroup', 'deleteConnectGroup',
]);

/** Whether a command belongs to Connect. */
export function isConnectCommand<C extends { type: string }>(command: C): command is Extract<C, ConnectCommand> {
  return CONNECT_COMMAND_TYPES.has(command.type);
}

/** Every Connect command name. */
export const CONNECT_COMMAND_NAMES: readonly ConnectCommand['type'][] = [...CONNECT_COMMAND_TYPES] as ConnectCommand['type'][];
