// Input reading lives in src/input (so `check` loads no engine); the scenario face offers it too, as before.
export {
  parseYamlDocument, validateYaml, positionOf, keyPositionOf, hasNodeAt, type YamlSource, type YamlPath,
  YAML_SYNTAX_RULE, UNKNOWN_KEY_RULE, INVALID_VALUE_RULE, networkSectionSchema, eraSchema, type NetworkSection,
  type Era, readInputFile, INPUT_LIMIT_RULE, networkPlanFromYaml, networkPlanFromXml, NETCFG_NAMESPACE,
  NETCFG_SCHEMA_RULE, parseXmlDocument, XML_SYNTAX_RULE, type XmlElement, type XmlAttribute, loadNetworkPlan,
  parseNetworkPlan, UNREADABLE_PLAN_RULE, type LoadedNetworkPlan, UNREADABLE_FILE_RULE, parseDuration, formatDuration,
  formatClock, isWithinTimeLimit, DURATION_PATTERN, MAX_DURATION_TEXT,
} from '../input/index.js';
export { loadScenarioFile, parseScenario, VM_SOURCE_RULE } from './load-scenario.js';
export { UNDEFINED_REFERENCE_RULE } from './reference-check.js';
export { FEATURE_ERA_RULE } from './command-era-check.js';
export type { Scenario, ScheduledCommand, ScheduledExpectation } from './scenario.js';
export { scenarioSchema, type ScenarioFile } from './scenario-schema.js';
export { commandParameterSchemas, COMMAND_NAMES, type CommandName } from './command-schemas.js';
export {
  runScenario, runScenarioToWorld, runScenarioForWorld, findScenarioEndMs, checkExpectation, toRefusal, type RunOptions, type ScenarioWorld,
} from './run-scenario.js';
export { hasRunPassed, type RunReport, type ExpectationResult, type ExpectationStatus, type RefusedCommand, type PendingTimers } from './run-report.js';
export { formatRunReport, runReportText, formatVerdict, type ReportFormatOptions } from './format-report.js';
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
export { writeNetworkConfigXml, NETCFG_LINE_END } from './network-xml-write.js';
export { networkPlanOfWorld } from './network-at.js';
export { writePlanScenarioYaml } from './plan-yaml-write.js';
export { scenarioFromPlan, isPlanOnlyText, PLAN_AFFINITY_GROUP_REGION } from './plan-scenario.js';
