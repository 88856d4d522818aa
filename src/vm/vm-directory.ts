import type { Vm } from './model.js';

/**
 * The VMs of a world by service, then by name, kept beside `ComputeWorld.vms` (never in it: the record stays plain
 * JSON). Looking a VM up in the record needs its key `service/name`, a new string each time that the engine must
 * hash and intern before it can probe a 200k-entry record; the command's own name strings, already hashed, find it
 * here through two small maps. New-AzureVM and the fold ask this several times per VM.
 *
 * A record without a directory (a trial run's structuredClone, a world built by hand) gets one on first use; the
 * fold, the only writer of the record, keeps an existing one in step.
 */
type Directory = Map<string, Map<string, Vm>>;

const directories = new WeakMap<Readonly<Record<string, Vm>>, Directory>();

function directoryOf(vms: Readonly<Record<string, Vm>>): Directory {
  const known = directories.get(vms);
  if (known !== undefined) return known;
  const built: Directory = new Map();
  for (const key in vms) add(built, vms[key]!);
  directories.set(vms, built);
  return built;
}

function add(directory: Directory, vm: Vm): void {
  const byName = directory.get(vm.service);
  if (byName === undefined) directory.set(vm.service, new Map([[vm.name, vm]]));
  else byName.set(vm.name, vm);
}

/** The VM `name` of `service` in a world's VM record. */
export function lookUpVmRecord(vms: Readonly<Record<string, Vm>>, service: string, name: string): Vm | undefined {
  return directoryOf(vms).get(service)?.get(name);
}

/** Fold hook: `vm` was stored in the record. */
export function noteVmStored(vms: Readonly<Record<string, Vm>>, vm: Vm): void {
  const directory = directories.get(vms);
  if (directory !== undefined) add(directory, vm);
}

/** Fold hook: the VM `name` of `service` left the record. */
export function noteVmRemoved(vms: Readonly<Record<string, Vm>>, service: string, name: string): void {
  const byName = directories.get(vms)?.get(service);
  if (byName === undefined) return;
  byName.delete(name);
  if (byName.size === 0) directories.get(vms)?.delete(service);
}
