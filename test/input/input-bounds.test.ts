import { readdirSync, readFileSync } from 'node:fs';
import { fc, test as propertyTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError, MAX_LIBRARY_YAML_ENTRIES, MAX_NESTING_DEPTH, type Diagnostic } from '../../src/common/index.js';
import { measureYaml } from '../../src/input/input-bounds.js';
import { parseNetworkPlan, parseScenario, readInputFile } from '../../src/scenario/index.js';

function refusalOf(load: () => unknown): Diagnostic {
  try {
    load();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.diagnostics).toHaveLength(1);
    return error.diagnostics[0]!;
  }
  throw new Error('the input was accepted');
}

const HEADER = 'name: t\nseed: 1\nera: 2014\n';

describe('nesting depth is bounded before parsing', () => {
  it.each([
    ['2,572 flow brackets', `${HEADER}description: ${'['.repeat(2572)}${']'.repeat(2572)}\n`, 4, 13 + MAX_NESTING_DEPTH],
    ['2,126 nested block items', `${HEADER}description:\n${Array.from({ length: 2126 }, (_, i) => `${'  '.repeat(i)}- \n`).join('')}`, 4 + MAX_NESTING_DEPTH, 2 * MAX_NESTING_DEPTH - 1],
    ['3,000 compact items on one line', `${HEADER}description:\n${'- '.repeat(3000)}x\n`, 5, 2 * MAX_NESTING_DEPTH - 1],
    ['flow mappings', `${HEADER}d: ${'{a: '.repeat(500)}1${'}'.repeat(500)}\n`, 4, 4 * MAX_NESTING_DEPTH],
  ])('refuses %s with exit-2 input-limit at the place it goes too deep', (_what, text, line, column) => {
    expect(refusalOf(() => parseScenario(text, 'deep.yaml'))).toMatchObject({ rule: 'input-limit', file: 'deep.yaml', line, column });
    expect(refusalOf(() => parseNetworkPlan(text, 'deep.yaml'))).toMatchObject({ rule: 'input-limit', line });
  });

  it('refuses NetworkConfig.xml nested deeper than the limit at the start tag that goes too deep', () => {
    const xml = `<NetworkConfiguration>\n${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</NetworkConfiguration>`;
    expect(refusalOf(() => parseNetworkPlan(xml, 'deep.xml'))).toMatchObject({ rule: 'input-limit', line: 2, column: 3 * (MAX_NESTING_DEPTH - 1) + 1 });
  });

  it('does not count brackets, quotes or dashes inside scalars, comments or block scalars', () => {
    const text = `a: it's [not a list\nb: "[[[[[[" # [[[[\nc: |\n  [[[[[[[[[[[[\n      - - - - -\nd: '{{{{'\n`;
    expect(measureYaml(text.repeat(40)).tooDeepAt).toBeUndefined();
  });

  it('passes every committed scenario and plan', () => {
    for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.yaml'))) {
      expect(measureYaml(readFileSync(`scenarios/${file}`, 'utf8')).tooDeepAt, file).toBeUndefined();
    }
  });

  /** A value nested `depth` deep: lists and mappings in turn, with scalars that hold YAML's own indicators. */
  const nested = (depth: number, kinds: readonly boolean[], leaf: string): unknown => {
    let value: unknown = leaf;
    for (let level = 0; level < depth; level++) value = kinds[level % kinds.length] ? [value, 'x'] : { k: value, '[': '- y' };
    return value;
  };

  propertyTest.prop([fc.integer({ min: 1, max: 130 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), fc.string({ maxLength: 8 }), fc.boolean()], { numRuns: 200 })(
    'never lets deeper than the limit through, and never refuses a document a third as deep (block and flow styles)',
    (depth, kinds, leaf, flow) => {
      const text = stringify({ root: nested(depth, kinds, leaf) }, flow ? { collectionStyle: 'flow' } : {});
      const refused = measureYaml(text).tooDeepAt !== undefined;
      if (depth + 1 > MAX_NESTING_DEPTH) expect(refused).toBe(true);
      if (depth + 1 <= MAX_NESTING_DEPTH / 3) expect(refused).toBe(false);
    },
  );
});

describe('input size is bounded before parsing', () => {
  it('refuses a million-entry timeline without parsing it', () => {
    const text = `${HEADER}timeline:\n${'  - { at: 1s, note: n }\n'.repeat(1_000_000)}`;
    expect(refusalOf(() => parseScenario(text, 'huge.yaml'))).toMatchObject({ rule: 'input-limit', line: 1, column: 1 });
  });

  it('refuses a file outside the plain subset with more entries than the yaml library reads in bounded memory', () => {
    const entries = Math.ceil(MAX_LIBRARY_YAML_ENTRIES / 3) + 1;
    const text = `${HEADER}timeline:\n${'  - { at: 1s, note: "n" }\n'.repeat(entries)}`;
    const refusal = refusalOf(() => parseScenario(text, 'quoted.yaml'));
    expect(refusal).toMatchObject({ rule: 'input-limit' });
    expect(refusal.message).toContain('plain subset');
  });

  it('refuses a file larger than 64 MiB as it reads it, even one with no end', async () => {
    await expect(readInputFile('/dev/zero', 'scenario')).rejects.toMatchObject({ diagnostics: [{ rule: 'input-limit', line: 1, column: 1 }] });
  });
});
