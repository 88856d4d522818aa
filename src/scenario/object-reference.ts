import type { Command } from '../sim/index.js';

/**
 * A scenario object named by a command or an expectation, with the YAML path (relative to the parameters) where
 * the name was written. The loader checks each against everything the scenario declares, so a typo such as
 * `service: wbe` is reported at its line before anything runs instead of as a refusal half-way through.
 */
export type ObjectReference =
  | { kind: 'affinityGroup' | 'service' | 'image' | 'disk' | 'vnet' | 'site'; name: string; path: readonly PropertyKey[] }
  /** A VM by its bare name, as `reach` reads `from: web1`: some service must hold a VM of that name. */
  | { kind: 'vmName'; name: string; path: readonly PropertyKey[] }
  | { kind: 'vm'; service: string; name: string; path: readonly PropertyKey[] }
  | { kind: 'subnet'; vnet: string; name: string; path: readonly PropertyKey[] };

/** The kinds of scenario object a reference can name. */
export type ObjectKind = ObjectReference['kind'];

/** Names of a service's VM, as the sets of declarations key them. */
export function vmKey(service: string, vm: string): string {
  return `${service}/${vm}`;
}

/** Names of a VNet's subnet, as the sets of declarations key them. */
export function subnetKey(vnet: string, subnet: string): string {
  return `${vnet}/${subnet}`;
}

/** The path of each naming field, one array shared by every reference through it: an estate makes a million. */
const fieldPaths = new Map<string, readonly PropertyKey[]>();

function fieldPath(field: string): readonly PropertyKey[] {
  let path = fieldPaths.get(field);
  if (path === undefined) {
    path = Object.freeze([field]);
    fieldPaths.set(field, path);
  }
  return path;
}

/** The objects a command refers to (not the ones it creates), each with the path of the naming field. */
export function referencesOfCommand(command: Command): ObjectReference[] {
  const refs: ObjectReference[] = [];
  const add = (kind: Exclude<ObjectKind, 'vm' | 'subnet' | 'vmName'>, name: string | undefined, field: string): void => {
    if (name !== undefined) refs.push({ kind, name, path: fieldPath(field) });
  };
  switch (command.type) {
    case 'createService':
      add('affinityGroup', command.affinityGroup, 'affinityGroup');
      break;
    case 'deleteService':
      add('service', command.name, 'name');
      break;
    case 'swapVip':
    case 'deleteDeployment':
    case 'addInternalLoadBalancer':
    case 'removeInternalLoadBalancer':
      add('service', command.service, 'service');
      break;
    case 'deleteDisk':
      add('disk', command.name, 'name');
      break;
    case 'createVm':
    case 'createDeployment':
      add('service', command.service, 'service');
      if (command.type === 'createVm') {
        add('image', command.image, 'image');
        add('disk', command.disk, 'disk');
      }
      add('vnet', command.vnet, 'vnet');
      if (command.vnet !== undefined && command.subnet !== undefined) {
        refs.push({ kind: 'subnet', vnet: command.vnet, name: command.subnet, path: fieldPath('subnet') });
      }
      break;
    case 'startVm':
    case 'stopVm':
    case 'restartVm':
    case 'deleteVm':
    case 'updateVm':
    case 'setStaticIp':
    case 'removeStaticIp':
      refs.push({ kind: 'vm', service: command.service, name: command.name, path: fieldPath('name') });
      break;
    case 'addEndpoint':
    case 'removeEndpoint':
    case 'setEndpointAcl':
      refs.push({ kind: 'vm', service: command.service, name: command.vm, path: fieldPath('vm') });
      break;
    case 'createGateway':
    case 'deleteGateway':
    case 'resetGateway':
    case 'resizeGateway':
      add('vnet', command.vnet, 'vnet');
      break;
    case 'setSharedKey':
    case 'connectSite':
    case 'disconnectSite':
    case 'removeSite':
      add('vnet', command.vnet, 'vnet');
      add('site', command.site, 'site');
      break;
    case 'addSite':
      add('vnet', command.vnet, 'vnet');
      break;
    case 'configureDevice':
    case 'setDevicePower':
    case 'setLinkFault':
      add('site', command.site, 'site');
      break;
    case 'installConnectAgent':
      if (command.service !== undefined && command.vm !== undefined) refs.push({ kind: 'vm', service: command.service, name: command.vm, path: fieldPath('vm') });
      break;
    case 'enableConnectRole':
      add('service', command.service, 'service');
      break;
    case 'createAffinityGroup':
    case 'addImage':
    case 'addDisk':
    case 'createReservedIp':
    case 'deleteReservedIp':
      break;
  }
  return refs;
}
