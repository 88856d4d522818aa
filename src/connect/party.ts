import { connectAddressOf, connectIdentity } from './address.js';
import { roleKey, type ConnectWorld } from './model.js';

/** The operating systems the platform's machines run; the Connect agent exists for Windows only. */
export type MachineOs = 'Windows' | 'Linux';

/**
 * One end of a Connect question: a local endpoint (a machine with the agent), an instance of a PaaS role, or a
 * machine without the agent (an IaaS VM, whose OS decides whether the agent could be installed at all).
 */
export type ConnectParty =
  | { kind: 'local'; name: string }
  | { kind: 'instance'; service: string; role: string; instance: string; running: boolean }
  | { kind: 'machine'; name: string; os: MachineOs };

/** How messages name a party: `laptop`, `work/WorkerRole1_IN_0`. */
export function describeParty(party: ConnectParty): string {
  return party.kind === 'instance' ? `${party.service}/${party.instance}` : party.name;
}

/**
 * The Connect address of a party when it has one: an activated local endpoint's, or a running instance of a
 * Connect-enabled role (its plug-in activates as the instance starts); null otherwise.
 */
export function addressOfParty(world: ConnectWorld, party: ConnectParty): string | null {
  if (party.kind === 'local') return world.endpoints[party.name]?.address ?? null;
  if (party.kind === 'machine') return null;
  const enabled = Object.hasOwn(world.roles, roleKey(party.service, party.role));
  return enabled && party.running ? connectAddressOf(connectIdentity(party)) : null;
}
