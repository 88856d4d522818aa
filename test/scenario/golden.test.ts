import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRunReport, hasRunPassed, parseScenario, runScenario } from '../../src/scenario/index.js';

/*
 * Golden outputs of the story scenarios: the text timeline and verdicts `vnetsim run` prints. Review a change by
 * reading the diff; regenerate with `UPDATE_GOLDEN=1 npx vitest run --project unit test/scenario/golden.test.ts`.
 */

const SCENARIO_DIR = 'scenarios';
const GOLDEN_DIR = join('test', 'golden', 'run');
const isUpdating = process.env['UPDATE_GOLDEN'] === '1';

// plan-*.yaml files are network plans for `vnetsim check`, not stories.
const stories = readdirSync(SCENARIO_DIR)
  .filter((name) => name.endsWith('.yaml') && !name.startsWith('plan-'))
  .sort();

describe('story scenarios match their golden output', () => {
  it('has the four stories of the seed', () => {
    expect(stories.length).toBeGreaterThanOrEqual(4);
  });

  it.each(stories)('%s', (name) => {
    const path = `${SCENARIO_DIR}/${name}`;
    const report = runScenario(parseScenario(readFileSync(path, 'utf8'), path));
    const actual = `${formatRunReport(report).join('\n')}\n`;
    const goldenPath = join(GOLDEN_DIR, `${basename(name, '.yaml')}.txt`);
    if (isUpdating || !existsSync(goldenPath)) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(goldenPath, actual);
    }
    // toBe on strings prints a line diff on mismatch.
    expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
    expect(hasRunPassed(report)).toBe(true);
    expect(report.unexpectedRefusals).toEqual([]);
  });
});
