import { describe, expect, it } from 'vitest';
import { createScenarioWorld } from '../../src/cli/serve.js';
import { loadScenarioFile } from '../../src/scenario/index.js';

const SCENARIO = 'test/e2e/fixtures/hub-tunnel.yaml';
const MINUTE_MS = 60_000;

describe('the page reach answerer across a growing log', () => {
  it('answers after the clock moved on exactly as a world asked only then', async () => {
    const scenario = await loadScenarioFile(SCENARIO);
    const asked = createScenarioWorld(scenario);
    asked.advanceTo(10 * MINUTE_MS);
    expect(asked.reach!('vm:web/web1', 'site:HQ').answer.disposition).toBe('gateway-not-provisioned');
    for (const minutes of [30, 120]) {
      asked.advanceTo(minutes * MINUTE_MS);
      const fresh = createScenarioWorld(scenario);
      fresh.advanceTo(minutes * MINUTE_MS);
      expect(asked.reach!('vm:web/web1', 'site:HQ')).toEqual(fresh.reach!('vm:web/web1', 'site:HQ'));
    }
    expect(asked.reach!('vm:web/web1', 'site:HQ').answer.verdict).toBe('unreachable');
  });
});
