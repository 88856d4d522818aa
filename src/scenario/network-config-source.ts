import { dirname, resolve } from 'node:path';
import { InputError, diagnosticAt, type Diagnostic } from '../common/index.js';
import type { NetworkPlan } from '../ipam/index.js';
import { networkPlanFromYaml, parseNetworkPlan, positionOf, readInputFileSync, type YamlPath, type YamlSource } from '../input/index.js';
import type { NetworkConfigSource } from './command-schemas.js';

/** Code of a diagnostic for a setNetworkConfig `file:` that cannot be read. */
export const NETWORK_CONFIG_FILE_RULE = 'network-config-file';

/** Reads a file a scenario names, by its resolved path (tests give the text directly). */
export type RelatedFileReader = (path: string) => string;

/** The default reader: the file system, with the input-file limits. */
export const readRelatedFile: RelatedFileReader = (path) => readInputFileSync(path, 'network configuration');

/**
 * The document a timeline's setNetworkConfig uploads. Inline XML is already parsed; an inline `network:` mapping is
 * read with the scenario's own positions; a `file:` is resolved against the scenario's folder and read as a
 * NetworkConfig.xml or plan YAML, whose problems point into that file. A file that cannot be read points at the
 * `file:` value in the scenario.
 */
export function resolveNetworkConfig(
  source: YamlSource, entryPath: YamlPath, parameters: NetworkConfigSource, readRelated: RelatedFileReader,
): { plan: NetworkPlan } | { problems: readonly Diagnostic[] } {
  if (parameters.kind === 'plan') return { plan: parameters.plan };
  try {
    if (parameters.kind === 'network') return { plan: networkPlanFromYaml(source, [...entryPath, 'network']) };
    const path = resolve(dirname(source.file), parameters.path);
    let text: string;
    try {
      text = readRelated(path);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const reason = error.diagnostics.map((d) => d.message).join('; ');
      return {
        problems: [diagnosticAt(positionOf(source, [...entryPath, 'file']), NETWORK_CONFIG_FILE_RULE, 'error',
          `setNetworkConfig file ${parameters.path} (${path}): ${reason}; the path is relative to the scenario file`)],
      };
    }
    return { plan: parseNetworkPlan(text, path).plan };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { problems: error.diagnostics };
  }
}
