export { parseYamlDocument, validateYaml, positionOf, keyPositionOf, hasNodeAt, type YamlSource, type YamlPath } from './yaml-source.js';
export { YAML_SYNTAX_RULE, UNKNOWN_KEY_RULE, INVALID_VALUE_RULE } from './yaml-source.js';
export { networkSectionSchema, eraSchema, type NetworkSection, type Era } from './network-schema.js';
