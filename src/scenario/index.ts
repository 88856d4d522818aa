export { parseYamlDocument, validateYaml, positionOf, keyPositionOf, hasNodeAt, type YamlSource, type YamlPath } from './yaml-source.js';
export { YAML_SYNTAX_RULE, UNKNOWN_KEY_RULE, INVALID_VALUE_RULE } from './yaml-source.js';
export { networkSectionSchema, eraSchema, type NetworkSection, type Era } from './network-schema.js';
export { parseDuration, formatDuration, formatClock, isWithinTimeLimit, DURATION_PATTERN, MAX_DURATION_TEXT } from './duration.js';
export { loadScenarioFile, parseScenario, UNREADABLE_FILE_RULE, VM_SOURCE_RULE } from './load-scenario.js';
export { readInputFile } from './input-file.js';
export { INPUT_LIMIT_RULE } from './input-bounds.js';
export { UNDEFINED_REFERENCE_RULE } from './reference-check.js';
export { FEATURE_ERA_RULE } from './command-era-check.js';
export type { Scenario, ScheduledCommand, ScheduledExpectation } from './scenario.js';
export { scenarioSchema, type ScenarioFile } from './scenario-schema.js';
export { commandParameterSchemas, COMMAND_NAMES, type CommandName } from './command-schemas.js';
export { runScenario, runScenarioToWorld, findScenarioEndMs, type RunOptions } from './run-scenario.js';
export { hasRunPassed, type RunReport, type ExpectationResult, type ExpectationStatus, type RefusedCommand } from './run-report.js';
export { formatRunReport, formatVerdict } from './format-report.js';
export { buildScenarioJsonSchema, formatScenarioJsonSchema, SCENARIO_SCHEMA_ID } from './scenario-json-schema.js';
export { EXPECTATION_KINDS } from './expectations/registry.js';
export {
  defineExpectationKind,
  type ExpectationKind,
  type ExpectationKindSpec,
  type ExpectationContext,
  type BoundExpectation,
  type Verdict,
} from './expectations/expectation-kind.js';
export type { ObjectReference } from './object-reference.js';
export { networkPlanFromYaml } from './network-yaml.js';
export { networkPlanFromXml, NETCFG_NAMESPACE, NETCFG_SCHEMA_RULE } from './network-xml.js';
export { writeNetworkConfigXml, NETCFG_LINE_END } from './network-xml-write.js';
export { networkPlanOfWorld } from './network-at.js';
export { writePlanScenarioYaml } from './plan-yaml-write.js';
export { scenarioFromPlan, isPlanOnlyText, PLAN_AFFINITY_GROUP_REGION } from './plan-scenario.js';
export { parseXmlDocument, XML_SYNTAX_RULE, type XmlElement, type XmlAttribute } from './network-xml-source.js';
export { loadNetworkPlan, parseNetworkPlan, UNREADABLE_PLAN_RULE, type LoadedNetworkPlan } from './network-load.js';
