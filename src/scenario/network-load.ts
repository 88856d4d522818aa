import { readFile } from 'node:fs/promises';
import { InputError, diagnosticAt, type Diagnostic } from '../common/index.js';
import type { NetworkPlan } from '../ipam/index.js';
import { eraSchema, type Era } from './network-schema.js';
import { networkPlanFromXml } from './network-xml.js';
import { networkPlanFromYaml } from './network-yaml.js';
import { parseYamlDocument, validateYaml } from './yaml-source.js';

/** A network plan read for `check`/`free`, with the era the file asks to be judged by (YAML `era:`). */
export interface LoadedNetworkPlan {
  plan: NetworkPlan;
  era: Era | undefined;
}

/** Code of a diagnostic for a file that cannot be read at all. */
export const UNREADABLE_PLAN_RULE = 'unreadable-file';

/**
 * Reads a plan file: a NetworkConfig.xml (text starting with `<`) or a scenario YAML, of which only `era` and
 * `network` are read (the scenario loader validates the other top-level keys). Throws InputError for unreadable,
 * malformed or schema-violating input.
 */
export async function loadNetworkPlan(file: string): Promise<LoadedNetworkPlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError([
      diagnosticAt({ file, line: 1, column: 1 }, UNREADABLE_PLAN_RULE, 'error', `cannot read the plan: ${reason}`),
    ]);
  }
  return parseNetworkPlan(text, file);
}

/** Parses plan text (XML or YAML, told apart by the first non-blank character) the way loadNetworkPlan does. */
export function parseNetworkPlan(text: string, file: string): LoadedNetworkPlan {
  // A UTF-8 byte order mark is common in files saved by Windows tools such as the classic portal export.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trimStart().startsWith('<')) return { plan: networkPlanFromXml(body, file), era: undefined };
  const source = parseYamlDocument(body, file);
  const problems: Diagnostic[] = [];
  let era: Era | undefined;
  let plan: NetworkPlan | undefined;
  try {
    era = validateYaml(source, eraSchema.optional(), ['era']);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.diagnostics);
  }
  try {
    plan = networkPlanFromYaml(source);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.diagnostics);
  }
  if (plan === undefined || problems.length > 0) throw new InputError(problems);
  return { plan, era };
}
