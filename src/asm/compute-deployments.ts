import { findVm, listServiceVms, type Command, type World } from '../sim/index.js';
import { computeErrors } from './compute-errors.js';
import type { PlatformError } from './errors.js';
import { completesNow, failLater, refuse, run, type CompletionRule, type ComputeDecision } from './compute-outcome.js';
import { roleKey, type ComputeRecords } from './compute-records.js';
import type { CreateDeploymentRequest, RoleOperationRequest, RoleSpec } from './compute-requests.js';
import { recordEndpointSettings } from './endpoint-settings.js';
import { checkEndpointLoadBalancers, makeAddInternalLoadBalancer, rememberStaticIp } from './internal-load-balancers.js';
import { checkRoleSize, findDuplicatePort, listPeerPorts, listRequestedPorts, makeRoleRecord, planRoleCreation, planRoleUpdate } from './compute-roles.js';

/**
 * Deployments, roles and role instance operations (asm-recorded.md §3.2–§3.4): each a pure function of the world,
 * the records and the request, deciding engine commands, the record edit and when the asynchronous operation ends.
 * A VM create stays InProgress until the engine has provisioned the role (ReadyRole), as the platform's did.
 */

/** What every operation needs besides the request: the simulated time and the request id (for PrivateID). */
export interface ComputeContext {
  nowMs: number;
  requestId: string;
}

/** Ends when every role is ReadyRole; fails when one ended in a provisioning failure state. */
function untilRolesReady(service: string, roles: readonly string[]): CompletionRule<World> {
  return (world) => {
    for (const name of roles) {
      const vm = findVm(world, service, name);
      if (vm === undefined) return { status: 'failed', error: computeErrors.roleNotFound(name) };
      if (vm.state === 'ProvisioningFailed' || vm.state === 'ProvisioningTimeout' || vm.state === 'FailedStartingVM') {
        return { status: 'failed', error: { status: 500, code: 'InternalError', message: `The virtual machine ${name} ended in state ${vm.state}.` } };
      }
      if (vm.state !== 'ReadyRole') return undefined;
    }
    return { status: 'succeeded' };
  };
}

/** Ends when the role reached `state` after the operation started. */
function untilRoleState(service: string, name: string, states: readonly string[], sinceMs: number): CompletionRule<World> {
  return (world) => {
    const vm = findVm(world, service, name);
    if (vm === undefined) return { status: 'failed', error: computeErrors.roleNotFound(name) };
    if (vm.state === 'FailedStartingVM') return { status: 'failed', error: { status: 500, code: 'InternalError', message: `The virtual machine ${name} failed to start.` } };
    return states.includes(vm.state) && vm.stateSinceMs >= sinceMs ? { status: 'succeeded' } : undefined;
  };
}

/** Default media link of a role's OS disk: the clients compute one, the SDK may omit it. */
function defaultMediaLink(service: string, role: string, nowMs: number): string {
  return `https://portalvhds.blob.core.windows.net/vhds/${service}-${role}-${nowMs}.vhd`;
}

/** The 32-hex PrivateID of a new deployment, from the request id that created it. */
function makePrivateId(requestId: string): string {
  return requestId.replace(/-/g, '').toLowerCase().padEnd(32, '0').slice(0, 32);
}

function checkRoles(roles: readonly RoleSpec[]): PlatformError | undefined {
  for (const role of roles) {
    const problem = checkRoleSize(role);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** POST …/hostedservices/<svc>/deployments: a new VM deployment in the Production slot. */
export function decideCreateDeployment(world: World, records: ComputeRecords, service: string, request: CreateDeploymentRequest, ctx: ComputeContext): ComputeDecision {
  const found = world.services[service];
  if (found === undefined) return refuse(computeErrors.hostedServiceNotFound());
  if (request.slot.toLowerCase() !== 'production') return refuse(computeErrors.productionSlotOnly(request.slot));
  if (found.deployments.production !== null) return refuse(computeErrors.hostedServiceBusy());
  if (request.roles.length === 0) return refuse(computeErrors.parameterIncorrect('the deployment has no Role in its RoleList.'));
  const sizeProblem = checkRoles(request.roles);
  if (sizeProblem !== undefined) return refuse(sizeProblem);
  const duplicate = findDuplicatePort(request.roles.flatMap((r) => listRequestedPorts(r.endpoints)));
  if (duplicate !== undefined) return failLater(computeErrors.portInUse(duplicate));
  const ilbProblem = checkEndpointLoadBalancers(request.roles, request.internalLoadBalancer?.name);
  if (ilbProblem !== undefined) return refuse(ilbProblem);
  const commands: Command[] = [];
  for (const [i, role] of request.roles.entries()) {
    const planned = planRoleCreation(world, service, role, {
      ...(i === 0 ? { deploymentName: request.name } : {}),
      ...(i === 0 && request.virtualNetworkName !== undefined ? { vnet: request.virtualNetworkName } : {}),
      ...(i === 0 && request.reservedIpName !== undefined ? { reservedIp: request.reservedIpName } : {}),
    });
    if ('status' in planned) return refuse(planned);
    // Roles from the same gallery image register it once (a second addImage of one name is refused).
    commands.push(...planned.filter((c) => c.type !== 'addImage' || !commands.some((d) => d.type === 'addImage' && d.name === c.name)));
    // The internal load balancer comes with the deployment, which exists once the first role is created.
    if (i === 0 && request.internalLoadBalancer !== undefined) commands.push(makeAddInternalLoadBalancer(service, request.internalLoadBalancer));
  }
  return run(commands, untilRolesReady(service, request.roles.map((r) => r.roleName)), (r) => {
    r.deployments[service] = {
      label: request.label, privateId: makePrivateId(ctx.requestId), createdMs: ctx.nowMs, modifiedMs: ctx.nowMs,
      ...(request.dnsServers === undefined || request.dnsServers.length === 0 ? {} : { dnsServers: request.dnsServers }),
    };
    for (const role of request.roles) r.roles[roleKey(service, role.roleName)] = makeRoleRecord(role, defaultMediaLink(service, role.roleName, ctx.nowMs));
    if (request.internalLoadBalancer !== undefined) rememberStaticIp(r, service, request.internalLoadBalancer);
  });
}

/** Finds the service's deployment by name, or the platform's 404. */
function findDeployment(world: World, service: string, deployment: string): PlatformError | undefined {
  const found = world.services[service];
  if (found === undefined) return computeErrors.hostedServiceNotFound();
  const d = found.deployments.production;
  if (d === null || d.name.toLowerCase() !== deployment.toLowerCase()) return computeErrors.deploymentNotFound(deployment);
  return undefined;
}

/** POST …/deployments/<d>/roles: a new VM joins the deployment. */
export function decideAddRole(world: World, service: string, deployment: string, role: RoleSpec, ctx: ComputeContext): ComputeDecision {
  const missing = findDeployment(world, service, deployment);
  if (missing !== undefined) return refuse(missing);
  const sizeProblem = checkRoleSize(role) ?? checkEndpointLoadBalancers([role], world.internalLoadBalancers[service]?.name);
  if (sizeProblem !== undefined) return refuse(sizeProblem);
  const duplicate = findDuplicatePort([...listPeerPorts(world, service, role.roleName), ...listRequestedPorts(role.endpoints)]);
  if (duplicate !== undefined) return failLater(computeErrors.portInUse(duplicate));
  const planned = planRoleCreation(world, service, role, {});
  if ('status' in planned) return refuse(planned);
  return run(planned, untilRolesReady(service, [role.roleName]), (r) => {
    r.roles[roleKey(service, role.roleName)] = makeRoleRecord(role, defaultMediaLink(service, role.roleName, ctx.nowMs));
  });
}

/** PUT …/roles/<vm>: replaces the role's endpoints and static IP with those sent. */
export function decideUpdateRole(world: World, service: string, deployment: string, name: string, role: RoleSpec): ComputeDecision {
  const missing = findDeployment(world, service, deployment);
  if (missing !== undefined) return refuse(missing);
  const vm = findVm(world, service, name);
  if (vm === undefined) return refuse(computeErrors.roleNotFound(name));
  const ilbProblem = checkEndpointLoadBalancers([role], world.internalLoadBalancers[service]?.name);
  if (ilbProblem !== undefined) return refuse(ilbProblem);
  const duplicate = findDuplicatePort([...listPeerPorts(world, service, name), ...listRequestedPorts(role.endpoints)]);
  if (duplicate !== undefined) return failLater(computeErrors.portInUse(duplicate));
  const planned = planRoleUpdate(vm, role);
  if ('status' in planned) return refuse(planned);
  // A size or subnet change restarts a running role: the operation ends when it is ReadyRole again.
  const restarts = vm.state === 'ReadyRole' && planned.some((c) => c.type === 'updateVm');
  return run(planned, restarts ? untilRolesReady(service, [name]) : completesNow, (r) => {
    const record = r.roles[roleKey(service, name)];
    if (record === undefined) return;
    record.availabilitySet = role.availabilitySet ?? null;
    const endpointSettings = recordEndpointSettings(role.endpoints);
    if (endpointSettings === undefined) delete record.endpointSettings;
    else record.endpointSettings = endpointSettings;
  });
}

/** DELETE …/roles/<vm>[?comp=media]: refused for the only role (MAINT). */
export function decideDeleteRole(world: World, service: string, deployment: string, name: string, deleteVhd: boolean): ComputeDecision {
  const missing = findDeployment(world, service, deployment);
  if (missing !== undefined) return refuse(missing);
  if (findVm(world, service, name) === undefined) return refuse(computeErrors.roleNotFound(name));
  if (listServiceVms(world, service).length === 1) return refuse(computeErrors.onlyRole(name));
  return run([{ type: 'deleteVm', service, name, deleteVhd }], completesNow, (r) => {
    delete r.roles[roleKey(service, name)];
  });
}

/** DELETE …/deployments/<d>[?comp=media]: every VM goes; disks stay unless comp=media. */
export function decideDeleteDeployment(world: World, service: string, deployment: string, deleteVhd: boolean): ComputeDecision {
  const missing = findDeployment(world, service, deployment);
  if (missing !== undefined) return refuse(missing);
  return run([{ type: 'deleteDeployment', service, slot: 'production', deleteVhd }], completesNow, (r) => {
    delete r.deployments[service];
    delete r.internalLoadBalancerStaticIps[service];
    for (const key of Object.keys(r.roles)) if (key.startsWith(`${service}/`)) delete r.roles[key];
  });
}

/** POST …/roleinstances/<vm>/Operations: start, restart, shutdown (Stopped or StoppedDeallocated). */
export function decideRoleOperation(world: World, service: string, deployment: string, name: string, operation: RoleOperationRequest, ctx: ComputeContext): ComputeDecision {
  const missing = findDeployment(world, service, deployment);
  if (missing !== undefined) return refuse(missing);
  if (findVm(world, service, name) === undefined) return refuse(computeErrors.roleNotFound(name));
  switch (operation.kind) {
    case 'start':
      return run([{ type: 'startVm', service, name }], untilRoleState(service, name, ['ReadyRole'], ctx.nowMs));
    case 'restart':
      return run([{ type: 'restartVm', service, name }], untilRoleState(service, name, ['ReadyRole'], ctx.nowMs));
    case 'shutdown': {
      const deallocate = operation.postShutdownAction === 'StoppedDeallocated';
      return run(
        [{ type: 'stopVm', service, name, ...(deallocate ? {} : { stayProvisioned: true }) }],
        untilRoleState(service, name, [deallocate ? 'StoppedDeallocated' : 'StoppedVM'], ctx.nowMs),
      );
    }
  }
}
