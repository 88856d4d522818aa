import type { ComputeCommand } from './commands.js';
import type { DecideContext, Decision, FollowUpAction } from './context.js';
import { decideAddDisk, decideAddImage, decideDeleteDisk } from './disks.js';
import { decideAddInternalLoadBalancer, decideRemoveInternalLoadBalancer } from './internal-load-balancers.js';
import { decideAddEndpoint, decideRemoveEndpoint, decideSetEndpointAcl } from './endpoints.js';
import type { ComputeEventBody } from './events.js';
import { decideDeleteVm, decideDiskLeaseRelease, decideRestartVm, decideStartVm, decideStopVm, decideVmTransition } from './lifecycle.js';
import type { ComputeWorld } from './model.js';
import { decideCreateDeployment, decideDeleteDeployment, decideDeploymentCompletion, decideSwapVip } from './paas.js';
import { decideCreateAffinityGroup, decideCreateService, decideDeleteAffinityGroup, decideDeleteService } from './service-rules.js';
import { decideCreateReservedIp, decideDeleteReservedIp } from './reserved-ips.js';
import { decideRemoveStaticIp, decideSetStaticIp } from './static-ip.js';
import { decideCreateVm } from './vm-create.js';
import { decideUpdateVm } from './vm-update.js';

/** Decides one compute command against the world: events and follow-ups, or a refusal. Reads the world only. */
export function decideComputeCommand(world: ComputeWorld, command: ComputeCommand, ctx: DecideContext): Decision {
  switch (command.type) {
    case 'createAffinityGroup': return decideCreateAffinityGroup(world, command);
    case 'deleteAffinityGroup': return decideDeleteAffinityGroup(world, command);
    case 'createService': return decideCreateService(world, command);
    case 'deleteService': return decideDeleteService(world, command);
    case 'addImage': return decideAddImage(world, command);
    case 'addDisk': return decideAddDisk(world, command);
    case 'deleteDisk': return decideDeleteDisk(world, command);
    case 'createVm': return decideCreateVm(world, command, ctx);
    case 'startVm': return decideStartVm(world, command, ctx);
    case 'stopVm': return decideStopVm(world, command, ctx);
    case 'restartVm': return decideRestartVm(world, command, ctx);
    case 'deleteVm': return decideDeleteVm(world, command, ctx);
    case 'updateVm': return decideUpdateVm(world, command, ctx);
    case 'setStaticIp': return decideSetStaticIp(world, command);
    case 'removeStaticIp': return decideRemoveStaticIp(world, command);
    case 'addEndpoint': return decideAddEndpoint(world, command, ctx);
    case 'removeEndpoint': return decideRemoveEndpoint(world, command);
    case 'setEndpointAcl': return decideSetEndpointAcl(world, command, ctx);
    case 'createDeployment': return decideCreateDeployment(world, command, ctx);
    case 'swapVip': return decideSwapVip(world, command);
    case 'deleteDeployment': return decideDeleteDeployment(world, command, ctx);
    case 'createReservedIp': return decideCreateReservedIp(world, command, ctx);
    case 'deleteReservedIp': return decideDeleteReservedIp(world, command);
    case 'addInternalLoadBalancer': return decideAddInternalLoadBalancer(world, command);
    case 'removeInternalLoadBalancer': return decideRemoveInternalLoadBalancer(world, command);
  }
}

/** Decides a follow-up that came due on the clock; stale follow-ups yield no events. */
export function decideFollowUp(world: ComputeWorld, action: FollowUpAction): ComputeEventBody[] {
  switch (action.type) {
    case 'completeVmTransition': return decideVmTransition(world, action);
    case 'releaseDiskLease': return decideDiskLeaseRelease(world, action);
    case 'completeDeployment': return decideDeploymentCompletion(world, action);
  }
}

const COMPUTE_COMMAND_TYPES: ReadonlySet<string> = new Set<ComputeCommand['type']>([
  'createAffinityGroup', 'deleteAffinityGroup', 'createService', 'deleteService', 'addImage', 'addDisk', 'deleteDisk', 'createVm', 'startVm',
  'stopVm', 'restartVm', 'deleteVm', 'updateVm', 'setStaticIp', 'removeStaticIp', 'addEndpoint', 'removeEndpoint', 'setEndpointAcl',
  'createDeployment', 'swapVip', 'deleteDeployment', 'createReservedIp', 'deleteReservedIp', 'addInternalLoadBalancer', 'removeInternalLoadBalancer',
]);

/** True when a command belongs to the compute model (the rest go to the gateway). */
export function isComputeCommand(command: { type: string }): command is ComputeCommand {
  return COMPUTE_COMMAND_TYPES.has(command.type);
}
