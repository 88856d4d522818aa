import type { AddDisk, AddImage, DeleteDisk } from './commands.js';
import { accept, reject, type Decision } from './context.js';
import { makeEvent } from './events.js';
import { findVm, type ComputeWorld, type Disk } from './model.js';
import { refuse, type Refusal } from './refusal.js';

/**
 * Images (generalized, reusable) and OS disks (specialized, one VM at a time through a lease). A disk stays
 * registered after its VM is deleted unless -DeleteVHD was asked for (compute-lifecycle.md §3.6).
 */

/** Decides Add-AzureVMImage. */
export function decideAddImage(world: ComputeWorld, c: AddImage): Decision {
  if (world.images[c.name] !== undefined) {
    return reject(refuse('image-exists', `Image '${c.name}' is already registered; pick another name.`, [`image:${c.name}`]));
  }
  return accept([makeEvent('image.added', { image: c.name, os: c.os })]);
}

/** Decides Add-AzureDisk -OS. */
export function decideAddDisk(world: ComputeWorld, c: AddDisk): Decision {
  if (world.disks.get(c.name) !== undefined) {
    return reject(refuse('disk-exists', `Disk '${c.name}' is already registered; pick another name.`, [`disk:${c.name}`]));
  }
  return accept([makeEvent('disk.added', { disk: c.name, os: c.os })]);
}

/** Decides Remove-AzureDisk: refused while a VM (or a just-deleted VM) holds the lease. */
export function decideDeleteDisk(world: ComputeWorld, c: DeleteDisk): Decision {
  const disk = world.disks.get(c.name);
  if (disk === undefined) {
    return reject(refuse('unknown-disk', `Disk '${c.name}' is not registered; check the name (Get-AzureDisk).`, [`disk:${c.name}`]));
  }
  const inUse = describeDiskInUse(world, disk);
  if (inUse !== undefined) return reject(inUse);
  return accept([makeEvent('disk.deleted', { disk: c.name })]);
}

/**
 * The platform's refusal for a leased disk, in its words ("A disk with name … is currently in use by virtual machine …
 * running within hosted service …, deployment …", gwacl / Packer, compute-lifecycle.md §3.6), then the fix: delete
 * the VM, or — when the VM is already gone and only the lingering lease remains — retry shortly.
 */
export function describeDiskInUse(world: ComputeWorld, disk: Disk): Refusal | undefined {
  if (disk.lease === null) return undefined;
  const { service, vm, deployment } = disk.lease;
  const platform = `A disk with name '${disk.name}' is currently in use by virtual machine '${vm}' running within hosted service '${service}', deployment '${deployment}'.`;
  const fix = findVm(world, service, vm) === undefined
    ? `VM '${vm}' is already deleted; the platform releases its lease a little later, so retry then.`
    : `Delete that VM first (Remove-AzureVM); the lease is released a little after the VM is gone.`;
  return refuse('disk-in-use', `${platform} ${fix}`, [`disk:${disk.name}`, `vm:${service}/${vm}`]);
}

/** Name of the OS disk the platform copies from an image for a new VM: `<service>-<vm>-<n>`, first free n. */
export function nameImageCopyDisk(world: ComputeWorld, service: string, vm: string): string {
  for (let n = 0; ; n++) {
    const name = `${service}-${vm}-${n}`;
    if (!world.disks.has(name)) return name;
  }
}
