import { diagnosticAt, type Diagnostic, type SourceRef } from '../common/index.js';
import { subnetKey, vmKey, type ObjectKind, type ObjectReference } from './object-reference.js';

/** Code of a diagnostic for a name that nothing in the scenario declares. */
export const UNDEFINED_REFERENCE_RULE = 'undefined-reference';

/** Everything a scenario declares, by kind (VMs keyed `service/vm`, subnets `vnet/subnet`). */
export type Declarations = Record<ObjectKind, Set<string>>;

/** An empty set of declarations to fill from the scenario's sections. */
export function createDeclarations(): Declarations {
  return {
    affinityGroup: new Set(),
    service: new Set(),
    image: new Set(),
    disk: new Set(),
    vm: new Set(),
    vnet: new Set(),
    subnet: new Set(),
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
  vnet: 'network.virtualNetworkSites',
  subnet: "the VNet's subnets in network.virtualNetworkSites",
  site: 'network.localNetworkSites or an addSite entry',
};

/** A reference and where its name was written. */
export interface PlacedReference {
  reference: ObjectReference;
  at: SourceRef;
}

/** One diagnostic per reference to a name the scenario never declares, naming the known ones and the fix. */
export function checkReferences(declarations: Declarations, references: readonly PlacedReference[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const { reference, at } of references) {
    const key = keyOf(reference);
    const known = declarations[reference.kind];
    // A subnet of an undeclared VNet is already reported through the VNet; one problem, one diagnostic.
    const isMoot = reference.kind === 'subnet' && !declarations.vnet.has(reference.vnet);
    if (known.has(key) || isMoot) continue;
    const label = `${reference.kind} "${key}"`;
    const choices = known.size === 0 ? 'none is declared' : `declared: ${[...known].sort().join(', ')}`;
    problems.push(
      diagnosticAt(
        at,
        UNDEFINED_REFERENCE_RULE,
        'error',
        `${label} is not declared (${choices}); fix the name or declare it in ${HOW_TO_DECLARE[reference.kind]}`,
        [`${reference.kind}:${key}`],
      ),
    );
  }
  return problems;
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
