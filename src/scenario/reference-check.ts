import { diagnosticAt, findNearestNames, type Diagnostic, type SourceRef } from '../common/index.js';
import { subnetKey, vmKey, type ObjectKind, type ObjectReference } from './object-reference.js';
import { PairNames, SecondNames } from './pair-names.js';
import type { Command } from '../sim/index.js';

/** Code of a diagnostic for a name that nothing in the scenario declares. */
export const UNDEFINED_REFERENCE_RULE = 'undefined-reference';

/** Everything a scenario declares, by kind (VMs by `service/vm` and by bare name, subnets by `vnet/subnet`). */
export type Declarations = Record<Exclude<ObjectKind, 'vm' | 'subnet' | 'vmName'>, Set<string>> &
  Record<'vm' | 'subnet', PairNames> & { vmName: SecondNames };

/** An empty set of declarations to fill from the scenario's sections (declaring a VM declares its bare name too). */
export function createDeclarations(): Declarations {
  const vm = new PairNames(vmKey);
  return {
    affinityGroup: new Set(),
    service: new Set(),
    image: new Set(),
    disk: new Set(),
    vm,
    vmName: new SecondNames(vm),
    vnet: new Set(),
    subnet: new PairNames(subnetKey),
    site: new Set(),
  };
}

/** Where each kind of object can be declared, for the fix in the message. */
const HOW_TO_DECLARE: Record<ObjectKind, string> = {
  affinityGroup: 'compute.affinityGroups or a createAffinityGroup entry',
  service: 'compute.services or a createService entry',
  image: 'compute.images or an addImage entry',
  disk: 'compute.disks or an addDisk entry',
  vm: 'compute.vms or a createVm entry',
  vmName: 'compute.vms or a createVm entry',
  vnet: 'network.virtualNetworkSites',
  subnet: "the VNet's subnets in network.virtualNetworkSites",
  site: 'network.localNetworkSites or an addSite entry',
};

/** A reference and where its name was written. */
export interface PlacedReference {
  reference: ObjectReference;
  at: SourceRef;
}

/**
 * One diagnostic per reference to a name the scenario never declares, at the place it was written: the nearest
 * declared names first ("did you mean"), then the declared ones, then where to declare it.
 */
export function checkReferences(declarations: Declarations, references: Iterable<PlacedReference>): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const { reference, at } of references) {
    if (!isSatisfied(declarations, reference)) problems.push(undeclaredReference(declarations, reference, at));
  }
  return problems;
}

/**
 * Whether a reference names something declared, or is moot: a subnet of an undeclared VNet is already reported
 * through the VNet (one problem, one diagnostic). Loaders that make references by the hundred thousand ask this
 * first and look up where a reference was written only when it is not.
 */
export function isSatisfied(declarations: Declarations, reference: ObjectReference): boolean {
  return isDeclared(declarations, reference) || (reference.kind === 'subnet' && !declarations.vnet.has(reference.vnet));
}

/**
 * Whether every reference of a createVm command is satisfied, as {@link isSatisfied} of each of
 * referencesOfCommand's would say, without building them: the compute section of a large estate makes one per VM.
 */
export function areVmReferencesSatisfied(declarations: Declarations, command: Extract<Command, { type: 'createVm' }>): boolean {
  const { service, image, disk, vnet, subnet } = command;
  if (!declarations.service.has(service)) return false;
  if (image !== undefined && !declarations.image.has(image)) return false;
  if (disk !== undefined && !declarations.disk.has(disk)) return false;
  if (vnet === undefined) return true;
  if (!declarations.vnet.has(vnet)) return false;
  return subnet === undefined || declarations.subnet.has(vnet, subnet);
}

/** The diagnostic for a reference that {@link isSatisfied} refused, at the place it was written. */
export function undeclaredReference(declarations: Declarations, reference: ObjectReference, at: SourceRef): Diagnostic {
  const key = keyOf(reference);
  return diagnosticAt(at, UNDEFINED_REFERENCE_RULE, 'error', describeUndeclared(reference.kind, key, declarations), [
    `${reference.kind === 'vmName' ? 'vm' : reference.kind}:${key}`,
  ]);
}

/** What is wrong with an undeclared name and what to write instead. */
function describeUndeclared(kind: ObjectKind, key: string, declarations: Declarations): string {
  const label = `${LABELS[kind]} "${key}"`;
  // `reach: { from: HQ }` means the site: a bare name there is read as a VM, the site is written site:HQ.
  const site = kind === 'vmName' ? [...declarations.site].find((name) => name.toLowerCase() === key.toLowerCase()) : undefined;
  if (site !== undefined) return `${label} is not declared: ${site} is a local network site; write it as site:${site}`;
  const known = declarations[kind];
  const near = findNearestNames(key, known);
  const guess = near.length === 0 ? '' : `; did you mean ${near.map((name) => `"${name}"`).join(' or ')}?`;
  const choices = known.size === 0 ? 'none is declared' : `declared: ${[...known].sort().slice(0, MAX_LISTED).join(', ')}${known.size > MAX_LISTED ? ` and ${known.size - MAX_LISTED} more` : ''}`;
  return `${label} is not declared${guess} (${choices}); fix the name or declare it in ${HOW_TO_DECLARE[kind]}`;
}

/** Most declared names one diagnostic lists, so a scenario with thousands of VMs still gets a readable line. */
const MAX_LISTED = 20;

/** How a message names each kind. */
const LABELS: Record<ObjectKind, string> = {
  affinityGroup: 'affinityGroup', service: 'service', image: 'image', disk: 'disk', vm: 'vm', vmName: 'vm', vnet: 'vnet', subnet: 'subnet', site: 'site',
};

function isDeclared(declarations: Declarations, reference: ObjectReference): boolean {
  switch (reference.kind) {
    case 'vm':
      return declarations.vm.has(reference.service, reference.name);
    case 'subnet':
      return declarations.subnet.has(reference.vnet, reference.name);
    default:
      return declarations[reference.kind].has(reference.name);
  }
}

function keyOf(reference: ObjectReference): string {
  switch (reference.kind) {
    case 'vm':
      return vmKey(reference.service, reference.name);
    case 'subnet':
      return subnetKey(reference.vnet, reference.name);
    default:
      return reference.name;
  }
}
