import { findVm, type World } from '../sim/index.js';
import { computeErrors } from './compute-errors.js';
import { completesNow, refuse, run, type ComputeDecision } from './compute-outcome.js';
import { roleKey, type ComputeRecords } from './compute-records.js';
import type { CreateDiskRequest, DataDiskSpec } from './compute-requests.js';

/**
 * Disks (asm-recorded.md §4; compute-lifecycle.md §3.6): OS disks are the engine's (they carry the leases a deleted VM
 * leaves behind for a while); data disks are records on their role, and stay registered when detached unless the
 * request asks to delete the VHD (`?comp=media`).
 */

/** POST …/roles/<vm>/DataDisks: attaches a new or existing data disk at a LUN (the first free one when omitted). */
export function decideAddDataDisk(world: World, records: ComputeRecords, service: string, vm: string, spec: DataDiskSpec, nowMs: number): ComputeDecision {
  if (world.services[service] === undefined) return refuse(computeErrors.hostedServiceNotFound());
  if (findVm(world, service, vm) === undefined) return refuse(computeErrors.roleNotFound(vm));
  const taken = new Set((records.roles[roleKey(service, vm)]?.dataDisks ?? []).map((d) => d.lun));
  let lun = spec.lun ?? 0;
  if (spec.lun === undefined) while (taken.has(lun)) lun++;
  if (taken.has(lun)) return refuse(computeErrors.dataDiskLunTaken(lun));
  const loose = spec.diskName === undefined ? undefined : records.looseDataDisks[spec.diskName];
  if (spec.diskName !== undefined && loose === undefined) return refuse(computeErrors.diskNotFound(spec.diskName));
  const name = spec.diskName ?? `${service}-${vm}-data-${lun}-${nowMs}`;
  return run([], completesNow, (r) => {
    const role = r.roles[roleKey(service, vm)];
    if (role === undefined) return;
    delete r.looseDataDisks[name];
    role.dataDisks.push({
      lun,
      name,
      label: spec.label ?? loose?.label ?? '',
      mediaLink: spec.mediaLink ?? loose?.mediaLink ?? `https://portalvhds.blob.core.windows.net/vhds/${name}.vhd`,
      sizeGb: spec.sizeGb ?? loose?.sizeGb ?? 0,
      hostCaching: spec.hostCaching ?? 'None',
    });
    role.dataDisks.sort((a, b) => a.lun - b.lun);
  });
}

/** DELETE …/roles/<vm>/DataDisks/<lun>[?comp=media]: detaches; the disk stays registered unless comp=media. */
export function decideDeleteDataDisk(world: World, records: ComputeRecords, service: string, vm: string, lun: number, deleteVhd: boolean): ComputeDecision {
  if (world.services[service] === undefined) return refuse(computeErrors.hostedServiceNotFound());
  if (findVm(world, service, vm) === undefined) return refuse(computeErrors.roleNotFound(vm));
  const disk = records.roles[roleKey(service, vm)]?.dataDisks.find((d) => d.lun === lun);
  if (disk === undefined) return refuse(computeErrors.dataDiskNotFound(lun));
  return run([], completesNow, (r) => {
    const role = r.roles[roleKey(service, vm)];
    if (role === undefined) return;
    role.dataDisks = role.dataDisks.filter((d) => d.lun !== lun);
    if (!deleteVhd) r.looseDataDisks[disk.name] = { ...disk, os: null };
  });
}

/** POST /services/disks: registers an OS disk (engine) or a data disk (records) from a VHD. */
export function decideCreateDisk(world: World, records: ComputeRecords, request: CreateDiskRequest): ComputeDecision {
  if (world.disks.get(request.name) !== undefined || records.looseDataDisks[request.name] !== undefined) {
    return refuse({ status: 409, code: 'ConflictError', message: `A disk named ${request.name} already exists. Pick another name.` });
  }
  if (request.os === undefined) {
    return run([], completesNow, (r) => {
      r.looseDataDisks[request.name] = { lun: 0, name: request.name, label: request.label, mediaLink: request.mediaLink, sizeGb: 0, hostCaching: 'None', os: null };
    });
  }
  return run([{ type: 'addDisk', name: request.name, os: request.os }], completesNow, (r) => {
    r.osDiskMedia[request.name] = { label: request.label, mediaLink: request.mediaLink };
  });
}

/** DELETE /services/disks/<name>: refused while a VM, or a just-deleted VM, holds the lease. */
export function decideDeleteDisk(world: World, records: ComputeRecords, name: string): ComputeDecision {
  if (records.looseDataDisks[name] !== undefined) return run([], completesNow, (r) => void delete r.looseDataDisks[name]);
  const disk = world.disks.get(name);
  if (disk === undefined) return refuse(computeErrors.diskNotFound(name));
  if (disk.lease !== null) return refuse(computeErrors.diskInUse(name, disk.lease.vm, disk.lease.service, disk.lease.deployment));
  return run([{ type: 'deleteDisk', name }], completesNow, (r) => void delete r.osDiskMedia[name]);
}
