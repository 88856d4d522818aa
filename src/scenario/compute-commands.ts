import type { Diagnostic } from '../common/index.js';
import type { Command } from '../sim/index.js';
import { referencesOfCommand } from './object-reference.js';
import { isSatisfied, undeclaredReference, type Declarations } from './reference-check.js';
import type { ScheduledCommand } from './scenario.js';
import type { ScenarioFile } from './scenario-schema.js';
import { positionOf, type YamlPath, type YamlSource } from '../input/index.js';

/** The compute section as commands at 0s, and the check of the names they refer to. */
export interface ComputeCommands {
  commands: ScheduledCommand[];
  /**
   * One diagnostic per reference to an undeclared name, in command order. A large estate makes a few hundred
   * thousand references: each is checked as it is made, and placed (its position looked up) only if it is reported.
   */
  checkReferences(declarations: Declarations): Diagnostic[];
}

/**
 * Turns the declarative compute section into commands at 0s, in dependency order: affinity groups before the
 * services placed in them, images and disks before the VMs booted from them, PaaS deployments and then VMs (each
 * followed by its endpoints). Each command points at its own entry, so a refusal names the right line.
 */
export function buildComputeCommands(source: YamlSource, compute: ScenarioFile['compute']): ComputeCommands {
  const commands: ScheduledCommand[] = [];
  const paths: YamlPath[] = [];
  const out: ComputeCommands = { commands, checkReferences: (declarations) => checkReferences(source, commands, paths, declarations) };
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

function checkReferences(source: YamlSource, commands: readonly ScheduledCommand[], paths: readonly YamlPath[], declarations: Declarations): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (let i = 0; i < commands.length; i++) {
    for (const reference of referencesOfCommand(commands[i]!.command)) {
      if (isSatisfied(declarations, reference)) continue;
      problems.push(undeclaredReference(declarations, reference, positionOf(source, [...paths[i]!, ...reference.path])));
    }
  }
  return problems;
}
