import type { Diagnostic } from '../common/index.js';
import type { Command } from '../sim/index.js';
import { referencesOfCommand } from './object-reference.js';
import { areVmReferencesSatisfied, isSatisfied, undeclaredReference, type Declarations } from './reference-check.js';
import type { ScheduledCommand } from './scenario.js';
import type { ScenarioFile } from './scenario-schema.js';
import { VmCommands } from './vm-commands.js';
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
  // Where each command was written, as the list, entry and endpoint index its path is made of when a diagnostic asks:
  // three arrays of small values rather than a path array kept per command (200k of them, all promoted by the GC).
  const lists: ComputeList[] = [];
  const entries: number[] = [];
  const endpoints: number[] = [];
  const pathOf = (i: number): YamlPath => {
    const path: YamlPath = ['compute', lists[i]!, entries[i]!];
    return endpoints[i]! < 0 ? path : [...path, 'endpoints', endpoints[i]!];
  };
  const out: ComputeCommands = { commands, checkReferences: (declarations) => checkReferences(source, commands, pathOf, declarations) };
  if (compute === undefined) return out;

  const add = (command: Command, list: ComputeList, entry: number, endpoint = -1): void => {
    lists.push(list);
    entries.push(entry);
    endpoints.push(endpoint);
    commands.push({ atMs: 0, command, at: positionOf(source, pathOf(commands.length)), origin: 'compute' });
  };

  compute.affinityGroups?.forEach((group, i) => add({ type: 'createAffinityGroup', ...group }, 'affinityGroups', i));
  compute.services?.forEach((service, i) => add({ type: 'createService', ...service }, 'services', i));
  compute.images?.forEach((image, i) => add({ type: 'addImage', ...image }, 'images', i));
  compute.disks?.forEach((disk, i) => add({ type: 'addDisk', ...disk }, 'disks', i));
  compute.deployments?.forEach((deployment, i) => add({ type: 'createDeployment', ...deployment }, 'deployments', i));
  const vmCommands = new VmCommands();
  compute.vms?.forEach((vm, i) => {
    if (!('endpoints' in vm)) {
      // the common case, without the cost of a rest pattern per VM
      add(vmCommands.commandOf(vm), 'vms', i);
      return;
    }
    const { endpoints: vmEndpoints, ...fields } = vm;
    add(vmCommands.commandOf(fields), 'vms', i);
    vmEndpoints?.forEach((endpoint, j) => add({ type: 'addEndpoint', service: fields.service, vm: fields.name, ...endpoint }, 'vms', i, j));
  });
  return out;
}

/** The lists of the compute section. */
type ComputeList = keyof NonNullable<ScenarioFile['compute']>;

function checkReferences(source: YamlSource, commands: readonly ScheduledCommand[], pathOf: (i: number) => YamlPath, declarations: Declarations): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (let i = 0; i < commands.length; i++) {
    const { command } = commands[i]!;
    if (command.type === 'createVm' && areVmReferencesSatisfied(declarations, command)) continue;
    for (const reference of referencesOfCommand(command)) {
      if (isSatisfied(declarations, reference)) continue;
      problems.push(undeclaredReference(declarations, reference, positionOf(source, [...pathOf(i), ...reference.path])));
    }
  }
  return problems;
}
