import type { Command } from '../sim/index.js';
import { referencesOfCommand } from './object-reference.js';
import type { PlacedReference } from './reference-check.js';
import type { ScheduledCommand } from './scenario.js';
import type { ScenarioFile } from './scenario-schema.js';
import { positionOf, type YamlPath, type YamlSource } from '../input/index.js';

/** The compute section as commands at 0s, with the references they make. */
export interface ComputeCommands {
  commands: ScheduledCommand[];
  references: PlacedReference[];
}

/**
 * Turns the declarative compute section into commands at 0s, in dependency order: affinity groups before the
 * services placed in them, images and disks before the VMs booted from them, PaaS deployments and then VMs (each
 * followed by its endpoints). Each command points at its own entry, so a refusal names the right line.
 */
export function buildComputeCommands(source: YamlSource, compute: ScenarioFile['compute']): ComputeCommands {
  const out: ComputeCommands = { commands: [], references: [] };
  if (compute === undefined) return out;

  const add = (command: Command, path: YamlPath): void => {
    out.commands.push({ atMs: 0, command, at: positionOf(source, path), origin: 'compute' });
    for (const reference of referencesOfCommand(command)) {
      out.references.push({ reference, at: positionOf(source, [...path, ...reference.path]) });
    }
  };

  compute.affinityGroups?.forEach((group, i) => add({ type: 'createAffinityGroup', ...group }, ['compute', 'affinityGroups', i]));
  compute.services?.forEach((service, i) => add({ type: 'createService', ...service }, ['compute', 'services', i]));
  compute.images?.forEach((image, i) => add({ type: 'addImage', ...image }, ['compute', 'images', i]));
  compute.disks?.forEach((disk, i) => add({ type: 'addDisk', ...disk }, ['compute', 'disks', i]));
  compute.deployments?.forEach((deployment, i) =>
    add({ type: 'createDeployment', ...deployment }, ['compute', 'deployments', i]),
  );
  compute.vms?.forEach((vm, i) => {
    const path: YamlPath = ['compute', 'vms', i];
    const { endpoints, ...fields } = vm;
    add({ type: 'createVm', ...fields }, path);
    endpoints?.forEach((endpoint, j) =>
      add({ type: 'addEndpoint', service: fields.service, vm: fields.name, ...endpoint }, [...path, 'endpoints', j]),
    );
  });
  return out;
}
