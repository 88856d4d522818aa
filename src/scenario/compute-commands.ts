import type { Command } from '../sim/index.js';
import { referencesOfCommand } from './object-reference.js';
import type { PlacedReference } from './reference-check.js';
import type { ScheduledCommand } from './scenario.js';
import type { ScenarioFile } from './scenario-schema.js';
import { positionOf, type YamlPath, type YamlSource } from '../input/index.js';

/** The compute section as commands at 0s, with the references they make. */
export interface ComputeCommands {
  commands: ScheduledCommand[];
  /**
   * The references the commands make, in command order, produced as they are read: a large estate makes a few
   * hundred thousand, each checked once and placed (its position looked up) only if a diagnostic reports it.
   */
  references: Iterable<PlacedReference>;
}

/**
 * Turns the declarative compute section into commands at 0s, in dependency order: affinity groups before the
 * services placed in them, images and disks before the VMs booted from them, PaaS deployments and then VMs (each
 * followed by its endpoints). Each command points at its own entry, so a refusal names the right line.
 */
export function buildComputeCommands(source: YamlSource, compute: ScenarioFile['compute']): ComputeCommands {
  const commands: ScheduledCommand[] = [];
  const paths: YamlPath[] = [];
  const out: ComputeCommands = { commands, references: placeReferences(source, commands, paths) };
  if (compute === undefined) return out;

  const add = (command: Command, path: YamlPath): void => {
    commands.push({ atMs: 0, command, at: positionOf(source, path), origin: 'compute' });
    paths.push(path);
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
    if (!('endpoints' in vm)) {
      // the common case, without the cost of a rest pattern per VM
      add({ type: 'createVm', ...vm }, path);
      return;
    }
    const { endpoints, ...fields } = vm;
    add({ type: 'createVm', ...fields }, path);
    endpoints?.forEach((endpoint, j) =>
      add({ type: 'addEndpoint', service: fields.service, vm: fields.name, ...endpoint }, [...path, 'endpoints', j]),
    );
  });
  return out;
}

/** The references of each command, placed under the command's path only when a diagnostic asks where it was written. */
function* placeReferences(source: YamlSource, commands: readonly ScheduledCommand[], paths: readonly YamlPath[]): Iterable<PlacedReference> {
  for (const [i, { command }] of commands.entries()) {
    const path = paths[i]!;
    for (const reference of referencesOfCommand(command)) {
      yield { reference, at: () => positionOf(source, [...path, ...reference.path]) };
    }
  }
}
