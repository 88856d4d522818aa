import { connectRetiresAtMs, type ConnectDecideContext } from '../connect/index.js';
import { findVm } from '../vm/index.js';
import type { World } from './world.js';

/**
 * What a Connect decision reads from the rest of the world: the date (the scenario's clock starts on the first day of
 * its era month) and the compute facts an agent or a role names — a VM's OS, whether a deployment has a role.
 */
export function createConnectContext(world: World, nowMs: number, startMonth: string): ConnectDecideContext {
  return {
    nowMs,
    startMonth,
    retiresAtMs: connectRetiresAtMs(startMonth),
    vmOs: (service, vm) => findVm(world, service, vm)?.os,
    hasRole: (service, role) => {
      const deployments = world.services[service]?.deployments;
      return [deployments?.production, deployments?.staging].some((d) => d !== null && d !== undefined && Object.hasOwn(d.roles, role));
    },
  };
}
