// Reading input files: YAML with positions (a fast reader for the plain subset, the `yaml` library for the rest),
// NetworkConfig.xml, their size and depth limits, zod validation with file:line:column, and the address plan they
// hold. Kept apart from src/scenario so `vnetsim check` loads this and not the engine behind the scenario runner.
export { parseYamlDocument, validateYaml, positionOf, keyPositionOf, hasNodeAt, hasValueAt, rootKindOf, rootKeysOf, type YamlSource, type YamlPath } from './yaml-source.js';
export { YAML_SYNTAX_RULE, UNKNOWN_KEY_RULE, INVALID_VALUE_RULE } from './yaml-source.js';
export { networkSectionSchema, eraSchema, planEraSchema, type NetworkSection, type Era } from './network-schema.js';
export { readInputFile, readInputFileSync, UNREADABLE_FILE_RULE } from './input-file.js';
export { INPUT_LIMIT_RULE } from './input-bounds.js';
export { networkPlanFromYaml } from './network-yaml.js';
export { networkPlanFromXml, NETCFG_NAMESPACE, NETCFG_SCHEMA_RULE } from './network-xml.js';
export { parseXmlDocument, XML_SYNTAX_RULE, type XmlElement, type XmlAttribute } from './network-xml-source.js';
export { findPlaceholders, isPlaceholder, PLACEHOLDER_RULE } from './plan-placeholders.js';
export { loadNetworkPlan, parseNetworkPlan, SCENARIO_KEYS, NOT_A_PLAN_RULE, UNREADABLE_PLAN_RULE, type LoadedNetworkPlan } from './network-load.js';
export { parseDuration, formatDuration, formatClock, isWithinTimeLimit, DURATION_PATTERN, MAX_DURATION_TEXT } from './duration.js';
export { explainUnionIssue } from './union-issues.js';
export { entryShapeOf, acceptsAsIs, type EntryShape } from './list-validation.js';
export type { FlatList } from './plain-yaml-reader.js';
export type { FlatListSink } from './plain-yaml-flat-list.js';
