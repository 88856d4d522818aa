import { InputError, type Diagnostic, type SourceRef } from '../common/index.js';
import { findPlaceholders, parseNetworkPlan, parseYamlDocument, rootKeysOf, type YamlSource } from '../input/index.js';
import { checkPlan, featureAvailable, inferPlanEra, parseEra, type NetworkPlan } from '../ipam/index.js';
import type { ScheduledCommand, Scenario } from './scenario.js';

/*
 * A NetworkConfig.xml or a plan-only YAML run as a scenario: seed 0, the era its features date it to (or its own
 * `era:`), an affinity group created at 0s for each one a VNet names, nothing else on the timeline.
 */

/** The region given to an affinity group that a plan names but cannot place (NetworkConfig.xml has no region for it). */
export const PLAN_AFFINITY_GROUP_REGION = 'West US';

/** The top-level keys a plan-only YAML may hold; any other (seed, timeline, compute …) makes it a scenario. */
const PLAN_ONLY_KEYS = new Set(['name', 'description', 'era', 'network']);

/** Whether text is a plan to run as a scenario: a NetworkConfig.xml, or YAML with only plan keys (no seed). */
export function isPlanOnlyText(text: string, file: string): boolean {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trimStart().startsWith('<')) return true;
  let source: YamlSource;
  try {
    source = parseYamlDocument(body, file);
  } catch {
    // not readable YAML: the scenario loader reports why, with its position
    return false;
  }
  return isPlanOnlySource(source);
}

/** Whether a parsed YAML document holds only plan keys (a mapping that cannot be read is left to the scenario loader). */
export function isPlanOnlySource(source: YamlSource): boolean {
  const keys = rootKeysOf(source);
  return keys !== undefined && keys.length > 0 && keys.every((key) => PLAN_ONLY_KEYS.has(key));
}

/** Reads plan text (XML or plan-only YAML) as a runnable scenario; plan errors and placeholders are an InputError. */
export function parsePlanScenario(text: string, file: string): Scenario {
  const { plan, era } = parseNetworkPlan(text, file);
  return scenarioFromPlan(plan, era);
}

/** The scenario that plays a plan: seed 0, its era (`eraText`, or inferred from the features it uses). */
export function scenarioFromPlan(plan: NetworkPlan, eraText?: string): Scenario {
  const eraMonth = (eraText === undefined ? undefined : parseEra(eraText)) ?? inferPlanEra(plan);
  const findings = checkPlan(plan, { era: eraMonth });
  const problems: Diagnostic[] = [...findPlaceholders(plan), ...findings.filter((d) => d.severity === 'error')];
  if (problems.length > 0) throw new InputError(problems);
  return {
    file: plan.file,
    name: plan.file.replace(/^.*[\\/]/, ''),
    description: undefined,
    seed: 0,
    era: featureAvailable('regional-vnet', eraMonth) ? '2014' : '2012',
    eraMonth,
    plan,
    devices: [],
    profile: {},
    limits: {},
    untilMs: undefined,
    commands: affinityGroupCommands(plan),
    expectations: [],
    warnings: findings.filter((d) => d.severity !== 'error'),
  };
}

/** One createAffinityGroup at 0s per affinity group the VNets name, at the first VNet naming it. */
function affinityGroupCommands(plan: NetworkPlan): ScheduledCommand[] {
  const seen = new Map<string, SourceRef>();
  for (const vnet of plan.vnets) {
    if (vnet.affinityGroup !== undefined && !seen.has(vnet.affinityGroup.value)) seen.set(vnet.affinityGroup.value, vnet.affinityGroup.at);
  }
  return [...seen].map(([name, at]) => ({
    atMs: 0,
    command: { type: 'createAffinityGroup', name, region: PLAN_AFFINITY_GROUP_REGION },
    at,
    origin: 'compute',
  }));
}
