import { describeParty, roleKey, type ConnectParty } from '../connect/index.js';
import { listVms, type World } from './world.js';

/** A name read as a Connect end: the party, or why no machine or instance goes by it. */
export type ConnectPartyResult = { ok: true; party: ConnectParty } | { ok: false; message: string };

/** `service/instance` or `service:instance` names one role instance, or one VM. */
const QUALIFIED = /^([^:/\s]+)[:/]([^:/\s]+)$/;

/**
 * Reads a name as a Connect end, the way `reach` and the expectations write it: a machine with the agent (on premises
 * or an IaaS VM, by its endpoint name), a role instance (`service/WorkerRole1_IN_0`, or the bare instance name when
 * only one service has it), or a VM without the agent (`service:vm` or its name), whose OS decides its blocker.
 */
export function resolveConnectParty(world: World, text: string): ConnectPartyResult {
  if (Object.hasOwn(world.connect.endpoints, text)) return { ok: true, party: { kind: 'local', name: text } };
  const qualified = QUALIFIED.exec(text);
  const [service, name] = qualified === null ? [undefined, text] : [qualified[1], qualified[2] ?? ''];
  const instances = listRoleInstances(world).filter((p) => p.instance === name && (service === undefined || p.service === service));
  const vms = listVms(world).filter((vm) => vm.name === name && (service === undefined || vm.service === service));
  const candidates: ConnectParty[] = [
    ...instances,
    ...vms.map((vm): ConnectParty => {
      const agent = Object.values(world.connect.endpoints).find((e) => e.vm?.service === vm.service && e.vm.vm === vm.name);
      return agent === undefined ? { kind: 'machine', name: `${vm.service}:${vm.name}`, os: vm.os } : { kind: 'local', name: agent.name };
    }),
  ];
  if (candidates.length === 1 && candidates[0] !== undefined) return { ok: true, party: candidates[0] };
  if (candidates.length > 1) return { ok: false, message: `'${text}' names ${candidates.map(describeParty).join(' and ')}; write service/name` };
  return { ok: false, message: `no machine with the Connect agent, role instance or VM is named '${text}'` };
}

/**
 * Every instance of every PaaS role, running once its deployment runs: an instance of a Connect-enabled role joins
 * its role's endpoints as it starts and leaves when it is deleted, because membership is read from the deployment.
 */
export function listRoleInstances(world: World): Array<Extract<ConnectParty, { kind: 'instance' }>> {
  return Object.values(world.services).flatMap((service) =>
    [service.deployments.production, service.deployments.staging].flatMap((deployment) =>
      deployment === null ? [] : Object.values(deployment.roles).flatMap((role) =>
        role.instances.map((instance) => ({
          kind: 'instance' as const, service: service.name, role: role.name, instance: instance.name, running: deployment.status === 'Running',
        })),
      ),
    ),
  );
}

/** Every Connect party of the world: each local endpoint, then each instance of a Connect-enabled role. */
export function listConnectParties(world: World): ConnectParty[] {
  const locals = Object.keys(world.connect.endpoints).sort().map((name): ConnectParty => ({ kind: 'local', name }));
  const instances = listRoleInstances(world).filter((p) => Object.hasOwn(world.connect.roles, roleKey(p.service, p.role)));
  return [...locals, ...instances];
}
