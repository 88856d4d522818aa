import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, EXPECTATION_KINDS, buildScenarioJsonSchema, formatScenarioJsonSchema } from '../../src/scenario/index.js';

const SCHEMA_FILE = 'schema/scenario.schema.json';

describe('the scenario JSON Schema', () => {
  it('is committed up to date (regenerate: UPDATE_GOLDEN=1 or `vnetsim schema > schema/scenario.schema.json`)', () => {
    const generated = formatScenarioJsonSchema();
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(SCHEMA_FILE, generated);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });

  it('offers every command in timeline entries and every expectation kind in expect entries', () => {
    const schema = buildScenarioJsonSchema() as {
      properties: Record<string, { items?: { properties?: Record<string, unknown> } }>;
      additionalProperties: unknown;
    };
    const timelineKeys = Object.keys(schema.properties['timeline']?.items?.properties ?? {});
    const expectKeys = Object.keys(schema.properties['expect']?.items?.properties ?? {});
    expect(timelineKeys).toEqual(['at', 'note', ...COMMAND_NAMES]);
    expect(expectKeys).toEqual(['at', 'note', ...EXPECTATION_KINDS.map((k) => k.key)]);
    expect(schema.additionalProperties).toBe(false);
  });

  it('gives the duration pattern so editors flag `at: 15` and `at: 15 minutes`', () => {
    const schema = buildScenarioJsonSchema() as { properties: { until: { pattern: string } } };
    const pattern = new RegExp(schema.properties.until.pattern);
    expect(['90s', '1h30m', '1d'].every((text) => pattern.test(text))).toBe(true);
    expect(['15', '15 minutes', ''].some((text) => pattern.test(text))).toBe(false);
  });
});
