import { decideCreateDisk, decideDeleteDisk } from '../../asm/index.js';
import type { Disk } from '../../sim/index.js';
import type { CmdletCall } from '../cmdlet.js';
import { RuntimeFailure } from '../runtime-error.js';
import { PsObject } from '../values.js';
import { azureCmdlet, optionalString, reportOperation, requiredString, writePlatformError } from './azure-cmdlet.js';
import type { AzureSession } from './azure-session.js';

const MODEL = 'Microsoft.WindowsAzure.Commands.ServiceManagement.Model';

function describeOsDisk(session: AzureSession, disk: Disk, operation: string): PsObject {
  const media = session.records.osDiskMedia[disk.name];
  return new PsObject(`${MODEL}.DiskContext`, {
    AffinityGroup: null, AttachedTo: disk.lease === null ? null : new PsObject(`${MODEL}.DiskContext+RoleReference`, { HostedServiceName: disk.lease.service, DeploymentName: disk.lease.deployment, RoleName: disk.lease.vm }),
    IsCorrupted: false, Label: media?.label ?? disk.name, Location: null, DiskSizeInGB: null, MediaLink: media?.mediaLink ?? null, DiskName: disk.name,
    SourceImageName: disk.sourceImage, OS: disk.os, OperationDescription: operation, OperationId: session.nextOperationId(), OperationStatus: 'Succeeded',
  });
}

function describeDataDisk(session: AzureSession, name: string, operation: string): PsObject | undefined {
  const record = session.records.looseDataDisks[name];
  if (record === undefined) return undefined;
  return new PsObject(`${MODEL}.DiskContext`, {
    AffinityGroup: null, AttachedTo: null, IsCorrupted: false, Label: record.label, Location: null, DiskSizeInGB: record.sizeGb, MediaLink: record.mediaLink, DiskName: name,
    SourceImageName: null, OS: null, OperationDescription: operation, OperationId: session.nextOperationId(), OperationStatus: 'Succeeded',
  });
}

function readOs(call: CmdletCall): 'Windows' | 'Linux' | undefined {
  const os = optionalString(call, 'OS');
  if (os === undefined) return undefined;
  if (os.toLowerCase() === 'windows') return 'Windows';
  if (os.toLowerCase() === 'linux') return 'Linux';
  throw new RuntimeFailure(`Cannot validate argument on parameter 'OS'. The argument "${os}" does not belong to the set "Windows,Linux".`, 'InvalidData', 'ParameterArgumentValidationError', 'ParameterBindingValidationException');
}

/**
 * Add-AzureDisk -DiskName -MediaLocation [-Label] [-OS Windows|Linux]: registers an uploaded VHD. With -OS it is a
 * specialized OS disk New-AzureVMConfig -DiskName boots from; without, a data disk (azure-classic.md §4.1, [V]).
 */
const addAzureDisk = azureCmdlet('Add-AzureDisk', [
  { name: 'DiskName', position: 0, mandatory: true }, { name: 'MediaLocation', position: 1, mandatory: true }, { name: 'Label', position: 2 }, { name: 'OS', position: 3 },
], (call, session) => {
  const name = requiredString(call, 'DiskName');
  const os = readOs(call);
  const result = session.perform(decideCreateDisk(session.world, session.records, { name, label: optionalString(call, 'Label') ?? name, mediaLink: requiredString(call, 'MediaLocation'), os }));
  if (!result.ok) return writePlatformError(call, result.error);
  const disk = session.world.disks.get(name);
  const described = disk === undefined ? describeDataDisk(session, name, call.name) : describeOsDisk(session, disk, call.name);
  if (described !== undefined) call.output(described);
});

/** Get-AzureDisk [-DiskName]: registered OS disks (with the VM holding each) and loose data disks. */
const getAzureDisk = azureCmdlet('Get-AzureDisk', [{ name: 'DiskName', position: 0, pipeline: 'property' }], (call, session) => {
  const wanted = optionalString(call, 'DiskName');
  const names = [...session.world.disks.keys(), ...Object.keys(session.records.looseDataDisks)];
  if (wanted !== undefined && !names.includes(wanted)) return writePlatformError(call, { status: 404, code: 'ResourceNotFound', message: `The disk with the specified name does not exist.` });
  for (const name of names) {
    if (wanted !== undefined && name !== wanted) continue;
    const disk = session.world.disks.get(name);
    const described = disk === undefined ? describeDataDisk(session, name, call.name) : describeOsDisk(session, disk, call.name);
    if (described !== undefined) call.output(described);
  }
});

/** Remove-AzureDisk -DiskName [-DeleteVHD]: refused while a VM holds the disk's lease (blobs are not modelled, so -DeleteVHD changes nothing more). */
const removeAzureDisk = azureCmdlet('Remove-AzureDisk', [{ name: 'DiskName', position: 0, mandatory: true, pipeline: 'property' }, { name: 'DeleteVHD', isSwitch: true }], (call, session) => {
  reportOperation(call, session.perform(decideDeleteDisk(session.world, session.records, requiredString(call, 'DiskName'))));
});

/** The disk repository cmdlets. */
export const DISK_CMDLETS = [addAzureDisk, getAzureDisk, removeAzureDisk];
