import { z } from 'zod';
import { scenarioSchema } from './scenario-schema.js';

/** Where editors find the schema (yaml-language-server: `# yaml-language-server: $schema=…`). */
export const SCENARIO_SCHEMA_ID = 'https://vnetsim.invalid/schema/scenario.schema.json';

/**
 * The scenario format as a JSON Schema (draft 2020-12), generated from the same zod schema the loader validates
 * with, so editor completion can never drift from what `vnetsim run` accepts. `io: 'input'` describes what a user
 * writes (defaults make keys optional).
 */
export function buildScenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    ...generated,
    $id: SCENARIO_SCHEMA_ID,
    title: 'vnetsim scenario',
    description: 'A vnetsim scenario: network plan, compute, devices, profile, limits, timeline and expectations.',
  };
}

/** The schema as the committed file holds it: two-space JSON with a final newline. */
export function formatScenarioJsonSchema(): string {
  return `${JSON.stringify(buildScenarioJsonSchema(), null, 2)}\n`;
}
