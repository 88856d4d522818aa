import type { Command, CreateVm } from '../../src/sim/index.js';

/** Affinity groups, services, images and disks most rule tests start from. */
export const BASE_SETUP: Command[] = [
  { type: 'createAffinityGroup', name: 'CorpAG', region: 'West US' },
  { type: 'createService', name: 'web', affinityGroup: 'CorpAG' },
  { type: 'createService', name: 'web2', affinityGroup: 'CorpAG' },
  { type: 'createService', name: 'api', region: 'West Europe' },
  { type: 'createService', name: 'other', region: 'West US' },
  { type: 'addImage', name: 'win2012', os: 'Windows' },
  { type: 'addImage', name: 'ubuntu', os: 'Linux' },
  { type: 'addDisk', name: 'dc-os', os: 'Windows' },
  { type: 'addDisk', name: 'lx-os', os: 'Linux' },
];

/** A Windows VM from the gallery image, with its provisioning configuration. */
export function windowsVm(service: string, name: string, extra: Partial<CreateVm> = {}): CreateVm {
  return { type: 'createVm', service, name, image: 'win2012', adminUser: 'azureadmin', password: 'Pa55w.rd', ...extra };
}

/** A Linux VM from the gallery image with an SSH key. */
export function linuxVm(service: string, name: string, extra: Partial<CreateVm> = {}): CreateVm {
  return { type: 'createVm', service, name, image: 'ubuntu', adminUser: 'azureuser', sshKey: 'ssh-rsa AAAA', ...extra };
}

/** A VM booted from a specialized OS disk. */
export function diskVm(service: string, name: string, disk: string, extra: Partial<CreateVm> = {}): CreateVm {
  return { type: 'createVm', service, name, disk, ...extra };
}

/** A VM in CorpNet/FrontEnd (service must be in CorpAG). */
export function frontEndVm(service: string, name: string, extra: Partial<CreateVm> = {}): CreateVm {
  return windowsVm(service, name, { vnet: 'CorpNet', subnet: 'FrontEnd', ...extra });
}
