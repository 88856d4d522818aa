import { z } from 'zod';
import { InputError, diagnosticAt, formatDiagnostic, type Diagnostic } from '../common/index.js';
import type { NetworkPlan } from '../ipam/index.js';
import { planEraSchema } from './network-schema.js';
import { UNREADABLE_FILE_RULE, readInputFile } from './input-file.js';
import { networkPlanFromXml } from './network-xml.js';
import { networkPlanFromYaml } from './network-yaml.js';
import { findPlaceholders } from './plan-placeholders.js';
import { parseYamlDocument, positionOf, rootKindOf, validateYaml } from './yaml-source.js';

/** A network plan read for `check`/`free`, with the era the file asks to be judged by (YAML `era:`). */
export interface LoadedNetworkPlan {
  plan: NetworkPlan;
  /** `2012`, `2014` or a month `YYYY-MM`. */
  era: string | undefined;
}

/** Code of a diagnostic for a file that cannot be read at all. */
export const UNREADABLE_PLAN_RULE = UNREADABLE_FILE_RULE;
/** Code of a diagnostic for a YAML file that is empty or not a mapping, so it holds no plan at all. */
export const NOT_A_PLAN_RULE = 'not-a-plan';

/**
 * Reads a plan file: a NetworkConfig.xml (text starting with `<`) or a scenario YAML, of which only `era` and
 * `network` are read (the scenario loader validates the other sections; unknown top-level keys are refused here).
 * Throws InputError for unreadable, empty, malformed or schema-violating input.
 */
export async function loadNetworkPlan(file: string): Promise<LoadedNetworkPlan> {
  return parseNetworkPlan(await readInputFile(file, 'plan'), file);
}

/**
 * Parses plan text (XML or YAML, told apart by the first non-blank character) the way loadNetworkPlan does. A plan
 * that still holds documentation placeholders is refused at each of them.
 */
export function parseNetworkPlan(text: string, file: string): LoadedNetworkPlan {
  const loaded = parsePlanText(text, file);
  const placeholders = findPlaceholders(loaded.plan);
  if (placeholders.length > 0) throw new InputError(placeholders);
  return loaded;
}

function parsePlanText(text: string, file: string): LoadedNetworkPlan {
  // A UTF-8 byte order mark is common in files saved by Windows tools such as the classic portal export.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trimStart().startsWith('<')) return { plan: networkPlanFromXml(body, file), era: undefined };
  refuseCliJsonForm(body, file);
  const source = parseYamlDocument(body, file, PLAN_SECTIONS);
  const rootKind = rootKindOf(source);
  if (rootKind !== 'mapping') {
    const what = rootKind === 'empty' ? 'is empty' : 'is not a YAML mapping';
    throw new InputError([
      diagnosticAt(
        positionOf(source, []),
        NOT_A_PLAN_RULE,
        'error',
        `the file ${what}; a plan is a scenario YAML with a network: section (or an exported NetworkConfig.xml)`,
      ),
    ]);
  }
  let problems: Diagnostic[] = [];
  let era: string | undefined;
  let plan: NetworkPlan | undefined;
  try {
    // every scenario key is known here, so a misspelt `netwrok:` is an error rather than an empty plan
    era = validateYaml(source, planFileSchema).era;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // concat, not push(...spread): a damaged file can produce more diagnostics than a call takes arguments
    problems = problems.concat(error.diagnostics);
  }
  try {
    plan = networkPlanFromYaml(source);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems = problems.concat(error.diagnostics);
  }
  if (plan === undefined || problems.length > 0) throw new InputError(uniqueDiagnostics(problems));
  return { plan, era };
}

/**
 * The Azure CLI 1.0 printed the network configuration as JSON (`{"VirtualNetworkConfiguration": {"Dns": "", …}}`,
 * azure-classic.md §1.3); YAML would read it as a mapping with one unknown key, which says nothing useful.
 */
function refuseCliJsonForm(body: string, file: string): void {
  const match = /^\s*\{\s*"(VirtualNetworkConfiguration|NetworkConfiguration)"/.exec(body);
  if (match === null) return;
  const offset = body.indexOf('"');
  const line = body.slice(0, offset).split('\n').length;
  const column = offset - body.lastIndexOf('\n', offset);
  throw new InputError([
    diagnosticAt(
      { file, line, column },
      NOT_A_PLAN_RULE,
      'error',
      'this is the Azure CLI\'s JSON form of the network configuration (azure network export), which vnetsim does ' +
        'not read; export the XML form instead (Get-AzureVNetConfig -ExportToFile FILE) and check that file',
    ),
  ]);
}

/**
 * Every top-level key of a scenario file, in the order of the scenario schema (src/scenario, which a test holds equal
 * to this list): the plan loader knows them without loading that schema and with it the whole engine.
 */
export const SCENARIO_KEYS = [
  'name', 'description', 'seed', 'era', 'network', 'compute', 'devices', 'profile', 'limits', 'until', 'timeline', 'expect',
] as const;

/** The sections a plan is read from: a scenario's compute section, timeline and expectations are only keys here. */
const PLAN_SECTIONS: ReadonlySet<string> = new Set(['era', 'network']);

/**
 * The top level of a plan file as `check` reads it: `era` validated, `network` left to its own loader, the other
 * scenario keys accepted as they are (`vnetsim run` validates them), and anything else refused.
 */
const planFileSchema = z.strictObject({
  ...Object.fromEntries(SCENARIO_KEYS.map((key) => [key, z.unknown().optional()])),
  era: planEraSchema.optional(),
});

/** Drops repeats (both passes over one document report the same alias bomb), keeping the first of each. */
function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
