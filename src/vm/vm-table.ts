import type { Vm, VmTable } from './model.js';

/**
 * The world's VMs (ComputeWorld.vms): each filed under its service's name, then its own, and all of them in creation
 * order. The names are the ones every command and event already carries, so filing or finding a VM builds no
 * `service/name` string and interns nothing; a table keyed by that string made each new VM a fresh key of a 200k-entry
 * record (issue #10). The fold (fold-vm.ts) is the only writer.
 *
 * A follow-up that will ask for one VM (its boot or transition completing, minutes later and in no particular order)
 * carries a link to the record it will find: the fold sets it when it stores the VM New-AzureVM just decided. The link
 * is trusted only for the same table and while no VM was removed from it since the link was made, else the table
 * answers.
 */

/** An empty VM table. */
export function createVmTable(): VmTable {
  const table: VmTable = { byService: new Map(), inCreationOrder: new Set(), removals: 0 };
  remember(table, undefined);
  return table;
}

/** Sets the table's memo, kept out of snapshots and copies (a copy made by structuredClone has none until now). */
function remember(table: VmTable, vm: Vm | undefined): void {
  if ('recent' in table) table.recent = vm;
  else Object.defineProperty(table, 'recent', { value: vm, writable: true, enumerable: false });
}

/** Key of a VM where one string must name it (`service/name`: VM names are unique within a service only). */
export function vmKey(service: string, name: string): string {
  return `${service}/${name}`;
}

/** The VM `name` of `service`, or undefined. */
export function lookUpVmRecord(table: VmTable, service: string, name: string): Vm | undefined {
  const recent = table.recent;
  if (recent !== undefined && recent.name === name && recent.service === service) return recent;
  const vm = table.byService.get(service)?.get(name);
  if (vm !== undefined) remember(table, vm);
  return vm;
}

/** Files a new VM (the fold's vm.created). */
export function storeVm(table: VmTable, vm: Vm): void {
  const byName = table.byService.get(vm.service);
  if (byName === undefined) table.byService.set(vm.service, new Map([[vm.name, vm]]));
  else byName.set(vm.name, vm);
  table.inCreationOrder.add(vm);
  remember(table, vm);
  if (awaitingStore !== undefined && awaitingStore.vm === vm.name && awaitingStore.service === vm.service) {
    linkVm(awaitingStore, table, vm);
    awaitingStore = undefined;
  }
}

/** Removes the VM `name` of `service` (the fold's vm.deleted); returns it, or undefined when it was not filed. */
export function removeVm(table: VmTable, service: string, name: string): Vm | undefined {
  const byName = table.byService.get(service);
  const vm = byName?.get(name);
  if (byName === undefined || vm === undefined) return undefined;
  byName.delete(name);
  if (byName.size === 0) table.byService.delete(service);
  table.inCreationOrder.delete(vm);
  table.removals++;
  if (table.recent === vm) remember(table, undefined);
  return vm;
}

/** Where a follow-up's VM is stored; unset (or stale) links make the look-up ask the table. */
export interface VmLink {
  service: string;
  vm: string;
  linkedVm: Vm | undefined;
  linkedIn: VmTable | undefined;
  /** The table's removal count when the link was made. */
  linkedAtRemovals: number;
}

/** The follow-up of the VM New-AzureVM just decided, linked by the fold when it stores that VM. */
let awaitingStore: VmLink | undefined;

/** Links `link` to `vm`, filed in `table`. */
function linkVm(link: VmLink, table: VmTable, vm: Vm): void {
  link.linkedVm = vm;
  link.linkedIn = table;
  link.linkedAtRemovals = table.removals;
}

/** Asks the fold to link `link` to its VM when it stores it next (New-AzureVM decides the follow-up before the VM exists). */
export function linkWhenStored(link: VmLink): void {
  awaitingStore = link;
}

/** The VM a follow-up names in `table`: through its link while the link holds, else through the table. */
export function lookUpLinkedVm(table: VmTable, link: VmLink): Vm | undefined {
  const vm = link.linkedVm;
  if (vm === undefined || link.linkedIn !== table || link.linkedAtRemovals !== table.removals) return lookUpVmRecord(table, link.service, link.vm);
  remember(table, vm);
  return vm;
}
