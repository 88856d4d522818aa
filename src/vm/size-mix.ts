import type { VmSize } from './commands.js';
import { findVm, type CloudService, type ComputeWorld, type Deployment } from './model.js';
import { isComputeIntensiveSize } from './sizes.js';

/**
 * How many deployed sizes of each kind an affinity group holds: A8/A9 (RDMA stamps) and the others, which never mix
 * in one group. Every New-AzureVM into a group asks; scanning every service of the group for it made a group of
 * thousands of services quadratic. Counted as the scan counts: each VM listed by a deployment, and each PaaS role once.
 *
 * The counts live beside `ComputeWorld.services` (the records stay plain JSON); a copied world builds its own from its
 * records on first use, and the fold keeps existing counts in step through {@link noteSizeDeployed}.
 */
export interface SizeMix {
  intensive: number;
  other: number;
}

const indexes = new WeakMap<ComputeWorld['services'], Map<string, SizeMix>>();

/** The sizes deployed in a service (its VMs and roles, both slots), in the order the isolation refusal names them. */
export function listDeployedSizes(world: ComputeWorld, service: CloudService): VmSize[] {
  const sizes: VmSize[] = [];
  for (const d of [service.deployments.production, service.deployments.staging]) if (d !== null) addDeploymentSizes(world, service.name, d, sizes);
  return sizes;
}

function addDeploymentSizes(world: ComputeWorld, serviceName: string, d: Deployment, sizes: VmSize[]): void {
  for (const name of d.vms) {
    const vm = findVm(world, serviceName, name);
    if (vm !== undefined) sizes.push(vm.size);
  }
  for (const role in d.roles) sizes.push(d.roles[role]!.size);
}

/** The size mix of an affinity group, counted from the records when the world has none yet. */
export function sizeMixOf(world: ComputeWorld, affinityGroup: string): SizeMix {
  return mixesOf(world).get(affinityGroup) ?? { intensive: 0, other: 0 };
}

function mixesOf(world: ComputeWorld): Map<string, SizeMix> {
  const known = indexes.get(world.services);
  if (known !== undefined) return known;
  const built = new Map<string, SizeMix>();
  for (const name in world.services) {
    const service = world.services[name]!;
    if (service.affinityGroup === null) continue;
    for (const size of listDeployedSizes(world, service)) count(built, service.affinityGroup, size, 1);
  }
  indexes.set(world.services, built);
  return built;
}

function count(mixes: Map<string, SizeMix>, affinityGroup: string, size: VmSize, delta: 1 | -1): void {
  let mix = mixes.get(affinityGroup);
  if (mix === undefined) mixes.set(affinityGroup, (mix = { intensive: 0, other: 0 }));
  if (isComputeIntensiveSize(size)) mix.intensive += delta;
  else mix.other += delta;
}

/** Fold hook: a VM or role of `size` joined (+1) or left (−1) a deployment of `service`. */
export function noteSizeDeployed(world: ComputeWorld, service: CloudService | undefined, size: VmSize, delta: 1 | -1): void {
  // The caller holds the service record already; a service outside any affinity group (the usual case) counts nowhere.
  const affinityGroup = service?.affinityGroup;
  if (affinityGroup == null) return;
  const mixes = indexes.get(world.services);
  if (mixes !== undefined) count(mixes, affinityGroup, size, delta);
}

/** Fold hook: every size a deployment still lists leaves with it. */
export function noteDeploymentSizesGone(world: ComputeWorld, serviceName: string, d: Deployment): void {
  if (indexes.get(world.services) === undefined) return;
  const sizes: VmSize[] = [];
  addDeploymentSizes(world, serviceName, d, sizes);
  const service = world.services[serviceName];
  for (const size of sizes) noteSizeDeployed(world, service, size, -1);
}
