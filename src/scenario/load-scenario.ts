import { InputError, diagnosticAt, type Diagnostic } from '../common/index.js';
import {
  INVALID_VALUE_RULE, findPlaceholders, keyPositionOf, networkPlanFromYaml, parseDuration, parseYamlDocument, positionOf, readInputFile, validateYaml,
  type YamlPath, type YamlSource,
} from '../input/index.js';
import { DEFAULT_ERA, checkPlan, featureAvailable, parseEra, type NetworkPlan } from '../ipam/index.js';
import { formatInstanceName, type Command, type DeviceSpec } from '../sim/index.js';
import { COMMAND_NAMES, buildCommand, isCommandName, type NetworkConfigSource } from './command-schemas.js';
import { buildComputeCommands } from './compute-commands.js';
import { ComputeVmList } from './compute-vm-list.js';
import { actionOf } from './entry-schema.js';
import { EXPECTATION_KINDS } from './expectations/registry.js';
import { findWindowBeyond } from './expectations/time-window.js';
import { readRelatedFile, resolveNetworkConfig, type RelatedFileReader } from './network-config-source.js';
import { isPlanOnlySource, isPlanOnlyText, parsePlanScenario } from './plan-scenario.js';
import { referencesOfCommand } from './object-reference.js';
import { checkReferences, createDeclarations, type Declarations, type PlacedReference } from './reference-check.js';
import type { ScheduledCommand, ScheduledExpectation, Scenario } from './scenario.js';
import { scenarioSchema, type ScenarioFile } from './scenario-schema.js';
import { profileFromFile, limitsFromFile } from './settings.js';
import { vnetAffinityGroupReferences } from './vnet-binding-check.js';
import { checkCommandEras } from './command-era-check.js';

/** Code of a diagnostic for a VM that names neither or both of `image` and `disk`. */
export const VM_SOURCE_RULE = 'vm-source';

/**
 * Reads and validates a scenario file — or a NetworkConfig.xml or plan-only YAML, run as a scenario of its plan
 * (seed 0, era from the features it uses); any problem is an InputError with file:line:column, and nothing runs.
 */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  const text = await readInputFile(path, 'scenario');
  if (text.startsWith('\uFEFF') || text.trimStart().startsWith('<')) {
    return isPlanOnlyText(text, path) ? parsePlanScenario(text, path) : parseScenario(text, path);
  }
  // One parse serves the plan-or-scenario question and the scenario loader: a 200k-VM file takes seconds to read.
  const vms = new ComputeVmList(path);
  let source: YamlSource;
  try {
    source = parseYamlDocument(text, path, undefined, [vms.list]);
  } catch {
    return parseScenario(text, path);
  }
  return isPlanOnlySource(source) ? parsePlanScenario(text, path) : parseScenarioTaking(text, source, vms, readRelatedFile);
}

/** How parseScenario reads the compute section's VMs. */
export interface ScenarioReading {
  /**
   * `flat` (the default): a VM list written flat goes straight from the text to its commands, the general path taking
   * over for anything else and for every diagnostic; `general`: every VM through the plain data and zod (the oracle
   * the flat path is tested against).
   */
  vms: 'flat' | 'general';
}

/**
 * Validates scenario text (named `file` in diagnostics) and converts it into timed commands and expectations.
 * Throws one InputError listing every problem: YAML syntax, schema (unknown keys, wrong types, bad durations),
 * plan errors from checkPlan, and names that nothing declares.
 */
export function parseScenario(
  text: string, file: string, readRelated: RelatedFileReader = readRelatedFile, reading: ScenarioReading = { vms: 'flat' },
): Scenario {
  if (reading.vms === 'general') return parseScenarioSource(parseYamlDocument(text, file), readRelated);
  const vms = new ComputeVmList(file);
  return parseScenarioTaking(text, parseYamlDocument(text, file, undefined, [vms.list]), vms, readRelated);
}

/**
 * {@link parseScenario} of a document read with the VM list handed to `vms`. A scenario with any problem at all is read
 * again by the general path, which says what and where (a command taken from the text knows only its entry's place).
 */
function parseScenarioTaking(text: string, source: YamlSource, vms: ComputeVmList, readRelated: RelatedFileReader): Scenario {
  if (!source.takenLists.includes(vms)) return parseScenarioSource(source, readRelated);
  try {
    return parseScenarioSource(source, readRelated, vms);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return parseScenarioSource(parseYamlDocument(text, source.file), readRelated);
  }
}

/** The lists a large estate makes long, validated entry by entry (src/input/list-validation.ts). */
const LARGE_LISTS: readonly YamlPath[] = [['compute', 'vms']];

/**
 * {@link parseScenario} of a document already parsed; `vms`, a VM list the reader took, whose commands come after the
 * rest of the compute section's and whose representatives are checked for them all (compute-vm-list.ts).
 */
function parseScenarioSource(source: YamlSource, readRelated: RelatedFileReader, vms?: ComputeVmList): Scenario {
  const { file } = source;
  const data = validateYaml(source, scenarioSchema, [], LARGE_LISTS);
  const plan = networkPlanFromYaml(source, undefined, data.network);
  const eraMonth = parseEra(String(data.era)) ?? DEFAULT_ERA;
  // The engine plays one of two worlds: affinity-group VNets only, or regional VNets too (from May 2014).
  const era: Scenario['era'] = featureAvailable('regional-vnet', eraMonth) ? '2014' : '2012';

  const planFindings = checkPlan(plan, { era: eraMonth });
  const compute = buildComputeCommands(source, data.compute);
  const timeline = buildTimeline(source, data, readRelated);
  const expectations = buildExpectations(source, data);
  const commands = vms === undefined ? [...compute.commands, ...timeline.commands] : [...compute.commands, ...vms.commands, ...timeline.commands];
  const checked = vms === undefined ? commands : [...compute.commands, ...vms.representatives, ...timeline.commands];

  const declarations = declare(plan, commands);
  const problems: Diagnostic[] = [
    ...timeline.problems,
    ...findPlaceholders(plan),
    ...planFindings.filter((d: Diagnostic) => d.severity === 'error'),
    ...checkCommandEras(checked, eraMonth),
    ...expectations.problems,
    ...checkVmSources(checked),
    // in three parts, in this order, so the compute section's references are checked as they are produced
    ...checkReferences(declarations, vnetAffinityGroupReferences(plan)),
    ...compute.checkReferences(declarations),
    ...(vms === undefined ? [] : vms.checkReferences(declarations)),
    ...checkReferences(declarations, [...timeline.references, ...expectations.references, ...deviceReferences(source, data)]),
  ];
  if (problems.length > 0) throw new InputError(problems);

  return {
    file,
    name: data.name,
    description: data.description,
    seed: data.seed,
    era,
    eraMonth,
    plan,
    devices: (data.devices ?? []).map(toDeviceSpec),
    profile: profileFromFile(data.profile),
    limits: limitsFromFile(data.limits),
    untilMs: data.until === undefined ? undefined : durationMs(data.until),
    // Array.prototype.sort is stable: same-time commands keep file order, compute sugar before the timeline.
    commands: commands.sort((a, b) => a.atMs - b.atMs),
    expectations: expectations.scheduled.sort((a, b) => a.atMs - b.atMs),
    warnings: planFindings.filter((d: Diagnostic) => d.severity !== 'error'),
  };
}

function buildTimeline(source: YamlSource, data: ScenarioFile, readRelated: RelatedFileReader) {
  const commands: ScheduledCommand[] = [];
  const references: PlacedReference[] = [];
  let problems: Diagnostic[] = [];
  (data.timeline ?? []).forEach((entry, i) => {
    const action = actionOf(entry, COMMAND_NAMES);
    if (action === undefined || !isCommandName(action.key)) return;
    const path: YamlPath = ['timeline', i, action.key];
    let command: Command;
    if (action.key === 'setNetworkConfig') {
      const resolved = resolveNetworkConfig(source, path, action.parameters as NetworkConfigSource, readRelated);
      if ('problems' in resolved) {
        problems = problems.concat(resolved.problems);
        return;
      }
      command = { type: 'setNetworkConfig', plan: resolved.plan };
    } else {
      command = buildCommand(action.key, action.parameters);
    }
    commands.push({ atMs: durationMs(entry.at), command, at: keyPositionOf(source, path), origin: 'timeline' });
    references.push(...placeReferences(source, path, referencesOfCommand(command)));
  });
  return { commands, references, problems };
}

function buildExpectations(source: YamlSource, data: ScenarioFile) {
  const scheduled: ScheduledExpectation[] = [];
  const references: PlacedReference[] = [];
  const problems: Diagnostic[] = [];
  const keys = EXPECTATION_KINDS.map((kind) => kind.key);
  (data.expect ?? []).forEach((entry, i) => {
    const action = actionOf(entry, keys);
    const kind = EXPECTATION_KINDS.find((candidate) => candidate.key === action?.key);
    if (action === undefined || kind === undefined) return;
    const path: YamlPath = ['expect', i, kind.key];
    const expectation = kind.bind(action.parameters);
    const atMs = durationMs(String(entry.at));
    scheduled.push({ atMs, kind: kind.key, expectation, at: keyPositionOf(source, path) });
    references.push(...placeReferences(source, path, expectation.references));
    const beyond = expectation.window === undefined ? undefined : findWindowBeyond(expectation.window, atMs, String(entry.at));
    if (beyond !== undefined) problems.push(diagnosticAt(positionOf(source, [...path, beyond.field]), INVALID_VALUE_RULE, 'error', beyond.message));
  });
  return { scheduled, references, problems };
}

/** Every name the scenario declares: the plan, the compute section, devices, and the timeline's create commands. */
function declare(plan: NetworkPlan, commands: readonly ScheduledCommand[]): Declarations {
  const declared = createDeclarations();
  for (const vnet of plan.vnets) {
    declared.vnet.add(vnet.name);
    for (const subnet of vnet.subnets) declared.subnet.add(vnet.name, subnet.name);
  }
  for (const site of plan.localSites) declared.site.add(site.name);
  for (const { command } of commands) addDeclaration(declared, command);
  return declared;
}

function addDeclaration(declared: Declarations, command: Command): void {
  switch (command.type) {
    case 'createAffinityGroup':
      declared.affinityGroup.add(command.name);
      break;
    case 'createService':
      declared.service.add(command.name);
      break;
    case 'addImage':
      declared.image.add(command.name);
      break;
    case 'addDisk':
      declared.disk.add(command.name);
      break;
    case 'createVm':
      declared.vm.add(command.service, command.name);
      break;
    // Role instances are reached like VMs (by bare name or service:instance), so a deployment declares them.
    case 'createDeployment':
      for (const role of command.roles) {
        for (let index = 0; index < role.instances; index++) {
          declared.vm.add(command.service, formatInstanceName(role.name, index));
        }
      }
      break;
    case 'addSite':
      declared.site.add(command.site);
      break;
    // A network configuration uploaded on the timeline declares its VNets, subnets and sites from then on.
    case 'setNetworkConfig':
      for (const vnet of command.plan.vnets) {
        declared.vnet.add(vnet.name);
        for (const subnet of vnet.subnets) declared.subnet.add(vnet.name, subnet.name);
      }
      for (const site of command.plan.localSites) declared.site.add(site.name);
      break;
    default:
      break;
  }
}

/** New-AzureVMConfig has two parameter sets, -ImageName and -DiskName: a VM boots from exactly one. */
function checkVmSources(commands: readonly ScheduledCommand[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const { command, at } of commands) {
    if (command.type !== 'createVm' || (command.image === undefined) !== (command.disk === undefined)) continue;
    const vm = `${command.service}/${command.name}`;
    problems.push(
      diagnosticAt(
        at,
        VM_SOURCE_RULE,
        'error',
        `VM ${vm} needs exactly one of "image" (a generalized image, provisioned) or "disk" (a specialized OS disk, ` +
          'booted as is)',
        [`vm:${vm}`],
      ),
    );
  }
  return problems;
}

function deviceReferences(source: YamlSource, data: ScenarioFile): PlacedReference[] {
  return (data.devices ?? []).map((device, i) => ({
    reference: { kind: 'site', name: device.site, path: ['site'] },
    at: positionOf(source, ['devices', i, 'site']),
  }));
}

function placeReferences(
  source: YamlSource,
  base: YamlPath,
  references: readonly PlacedReference['reference'][],
): PlacedReference[] {
  return references.map((reference) => ({ reference, at: positionOf(source, [...base, ...reference.path]) }));
}

function toDeviceSpec(device: NonNullable<ScenarioFile['devices']>[number]): DeviceSpec {
  return {
    site: device.site,
    sharedKey: device.sharedKey,
    publicIp: device.publicIp,
    ikeVersions: device.ikeVersions,
    routing: device.routing,
    trafficSelectors: device.trafficSelectors,
    proposals: device.proposals,
    gatewayAddress: device.gatewayAddress,
    up: device.up ?? true,
    reachable: device.reachable ?? true,
  };
}

function durationMs(text: string): number {
  // The schema's pattern already accepted the text, so it parses.
  return parseDuration(text) ?? 0;
}
