import type { Vm } from './model.js';

/**
 * The VMs of a world by service, then by name, kept beside `ComputeWorld.vms` (never in it: the record stays plain
 * JSON). Looking a VM up in the record needs its key `service/name`, a new string each time that the engine must
 * hash and intern before it can probe a 200k-entry record; the command's own name strings, already hashed, find it
 * here through two small maps. New-AzureVM and the fold ask this several times per VM.
 *
 * A VM's events come in a run (created, DIP, endpoints, state), so the VM last stored or found is remembered with its
 * record key: asking for it again costs two string comparisons, and the fold names it as a DIP's owner with the key
 * it stored the VM under instead of building the string again.
 *
 * New-AzureVM first asks for the VM it is about to create (the name must be free), then the fold stores it: the miss
 * remembers where the VM's service sits in the directory, so storing that very VM next skips the look-ups.
 *
 * A follow-up that will ask for one VM (its boot or transition completing, minutes later and in no particular order)
 * carries a link to the record it will find: the fold sets it when it stores the VM New-AzureVM just decided. A cold
 * directory look-up cost more than anything else a VM's boot completion does; the link is trusted only for the same
 * record and while no VM was removed anywhere since it was made, else the directory answers.
 *
 * A record without a directory (a trial run's structuredClone, a world built by hand) gets one on first use; the
 * fold, the only writer of the record, keeps an existing one in step.
 */
type Directory = Map<string, Map<string, Vm>>;

const directories = new WeakMap<Readonly<Record<string, Vm>>, Directory>();

/** The VM last stored or found: its record, names, the VM, and its record key once known. */
const recent: { vms: Readonly<Record<string, Vm>> | undefined; service: string; name: string; vm: Vm | undefined; key: string | undefined } = {
  vms: undefined, service: '', name: '', vm: undefined, key: undefined,
};

/** The VM last asked for and not found: its record, names, the directory and its service's VMs there (if any). */
const missed: { vms: Readonly<Record<string, Vm>> | undefined; service: string; name: string; directory: Directory | undefined; byName: Map<string, Vm> | undefined } = {
  vms: undefined, service: '', name: '', directory: undefined, byName: undefined,
};

/** Where a follow-up's VM is stored; unset (or stale) links make the look-up ask the directory. */
export interface VmLink {
  service: string;
  vm: string;
  linkedVm: Vm | undefined;
  linkedIn: Readonly<Record<string, Vm>> | undefined;
  /** {@link removals} when the link was made. */
  linkedAtRemovals: number;
}

/** VMs removed from any record so far: a link made before a removal may point at a VM that is gone. */
let removals = 0;

/** The follow-up of the VM New-AzureVM just decided, linked by the fold when it stores that VM. */
let awaitingStore: VmLink | undefined;

function remember(vms: Readonly<Record<string, Vm>>, vm: Vm, key: string | undefined): void {
  recent.vms = vms;
  recent.service = vm.service;
  recent.name = vm.name;
  recent.vm = vm;
  recent.key = key;
}

function isRecent(vms: Readonly<Record<string, Vm>>, service: string, name: string): boolean {
  return recent.vms === vms && recent.name === name && recent.service === service;
}

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

/** Key of a VM in `ComputeWorld.vms` (VM names are unique within a service only). */
export function vmKey(service: string, name: string): string {
  return `${service}/${name}`;
}

/** The VM `name` of `service` in a world's VM record. */
export function lookUpVmRecord(vms: Readonly<Record<string, Vm>>, service: string, name: string): Vm | undefined {
  if (isRecent(vms, service, name)) return recent.vm;
  const directory = directoryOf(vms);
  const byName = directory.get(service);
  const vm = byName?.get(name);
  if (vm !== undefined) remember(vms, vm, undefined);
  else {
    missed.vms = vms;
    missed.service = service;
    missed.name = name;
    missed.directory = directory;
    missed.byName = byName;
  }
  return vm;
}

/**
 * The key `vm` is stored under in `vms` (`service/name`): the very string the fold stored it with while it is the VM
 * last stored or found, a new one otherwise.
 */
export function vmRecordKey(vms: Readonly<Record<string, Vm>>, vm: Vm): string {
  if (recent.vm === vm && recent.vms === vms && recent.key !== undefined) return recent.key;
  return vmKey(vm.service, vm.name);
}

/** How many VMs were removed from any record so far (a link records it when made). */
export function vmRemovalCount(): number {
  return removals;
}

/** Links `link` to `vm`, stored in `vms`. */
function linkVm(link: VmLink, vms: Readonly<Record<string, Vm>>, vm: Vm): void {
  link.linkedVm = vm;
  link.linkedIn = vms;
  link.linkedAtRemovals = removals;
}

/** Asks the fold to link `link` to its VM when it stores it next (New-AzureVM decides the follow-up before the VM exists). */
export function linkWhenStored(link: VmLink): void {
  awaitingStore = link;
}

/** The VM a follow-up names in `vms`: through its link while the link holds, else through the directory. */
export function lookUpLinkedVm(vms: Readonly<Record<string, Vm>>, link: VmLink): Vm | undefined {
  const vm = link.linkedVm;
  if (vm === undefined || link.linkedIn !== vms || link.linkedAtRemovals !== removals) return lookUpVmRecord(vms, link.service, link.vm);
  remember(vms, vm, undefined);
  return vm;
}

/** Fold hook: `vm` was stored in the record under `key`. */
export function noteVmStored(vms: Readonly<Record<string, Vm>>, vm: Vm, key: string): void {
  if (awaitingStore !== undefined && awaitingStore.vm === vm.name && awaitingStore.service === vm.service) {
    linkVm(awaitingStore, vms, vm);
    awaitingStore = undefined;
  }
  if (missed.vms === vms && missed.name === vm.name && missed.service === vm.service) {
    if (missed.byName !== undefined) missed.byName.set(vm.name, vm);
    else if (missed.directory !== undefined) add(missed.directory, vm);
    forgetMiss();
  } else {
    const directory = directories.get(vms);
    if (directory !== undefined) add(directory, vm);
  }
  remember(vms, vm, key);
}

function forgetMiss(): void {
  missed.vms = undefined;
  missed.directory = undefined;
  missed.byName = undefined;
}

/** Fold hook: the VM `name` of `service` left the record. */
export function noteVmRemoved(vms: Readonly<Record<string, Vm>>, service: string, name: string): void {
  // The service's map leaves the directory with its last VM: a miss that points at it must not be used.
  forgetMiss();
  removals++;
  if (isRecent(vms, service, name)) {
    recent.vms = undefined;
    recent.vm = undefined;
  }
  const byName = directories.get(vms)?.get(service);
  if (byName === undefined) return;
  byName.delete(name);
  if (byName.size === 0) directories.get(vms)?.delete(service);
}
