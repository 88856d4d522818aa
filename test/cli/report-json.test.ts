import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportJsonText } from '../../src/cli/report-json.js';
import { parseScenario, runScenario, type RunReport } from '../../src/scenario/index.js';

const STORY = 'scenarios/08-wrong-peer-ip.yaml';

function runStory(untilMs?: number): RunReport {
  return runScenario(parseScenario(readFileSync(STORY, 'utf8'), STORY), untilMs === undefined ? {} : { untilMs });
}

describe('run --format json, streamed', () => {
  it.each([
    ['a whole run', runStory()],
    ['a run cut short, with pending timers', runStory(40 * 60_000)],
  ])('writes %s byte for byte as JSON.stringify(report, null, 2), in chunks of whole events', (_name, report) => {
    const chunks = [...reportJsonText(report)];
    expect(chunks.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(chunks.length).toBeGreaterThan(3);
  });

  it('writes an empty events array and leaves out undefined fields as JSON.stringify does', () => {
    // A field set to undefined, as a report built by spreading could carry one.
    const report = { ...runStory(40 * 60_000), events: [], pendingTimers: undefined } as unknown as RunReport;
    expect([...reportJsonText(report)].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
