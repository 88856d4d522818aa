import { listServiceVms, type InstanceStatus, type Vm, type World } from '../sim/index.js';

/**
 * How the platform reported the engine's compute state (asm-recorded.md §3.2–§3.4, §5): instance status and power
 * state pairs, the deployment status, the VIP names and the internal DNS suffix.
 */

/** RoleInstancePowerState (dn593569): Started, Starting, Stopped, Stopping, Unknown. */
export type PowerState = 'Started' | 'Starting' | 'Stopped' | 'Stopping' | 'Unknown';

const POWER_STATES: Readonly<Record<InstanceStatus, PowerState>> = {
  // SHUT15: after create RoleStateUnknown/Starting, then Provisioning/Started, ReadyRole/Started.
  RoleStateUnknown: 'Starting',
  StartingVM: 'Starting',
  Provisioning: 'Started',
  ReadyRole: 'Started',
  RestartingRole: 'Started',
  StoppingVM: 'Stopping',
  StoppingAndDeallocating: 'Stopping',
  // SHUT15: StoppedDeallocated/Stopped and StoppedVM/Stopped.
  StoppedVM: 'Stopped',
  StoppedDeallocated: 'Stopped',
  ProvisioningFailed: 'Unknown',
  ProvisioningTimeout: 'Unknown',
  FailedStartingVM: 'Stopped',
};

/** The PowerState GET Deployment shows beside an InstanceStatus. */
export function describePowerState(status: InstanceStatus): PowerState {
  return POWER_STATES[status];
}

/** Deployment Status: `Suspended` once every VM is StoppedDeallocated, `Running` otherwise (SHUT15, §9.9). */
export function describeDeploymentStatus(world: World, service: string): 'Running' | 'Suspended' {
  const vms = listServiceVms(world, service);
  return vms.length > 0 && vms.every((vm) => vm.state === 'StoppedDeallocated') ? 'Suspended' : 'Running';
}

/** The VIP's name: `{svc}ContractContract` once any VM has an endpoint, else the pseudo VIP (STSHOW, §9.9). */
export function describeVipName(vms: readonly Vm[], service: string): string {
  return vms.some((vm) => Object.keys(vm.endpoints).length > 0) ? `${service}ContractContract` : '__PseudoBackEndContractVip';
}

/** InternalDnsSuffix `{svc}.dN.internal.cloudapp.net` (STSHOW); N is a stamp digit derived from the name. */
export function describeInternalDnsSuffix(service: string): string {
  let sum = 0;
  for (const ch of service) sum = (sum + ch.charCodeAt(0)) % 10;
  return `${service}.d${sum}.internal.cloudapp.net`;
}
