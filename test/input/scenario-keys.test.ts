import { describe, expect, it } from 'vitest';
import { SCENARIO_KEYS } from '../../src/input/index.js';
import { scenarioSchema } from '../../src/scenario/index.js';

describe('SCENARIO_KEYS (the plan loader reads scenario files without loading the scenario schema)', () => {
  it('lists exactly the scenario schema\'s top-level keys, in its order', () => {
    expect([...SCENARIO_KEYS]).toEqual(scenarioSchema.keyof().options);
  });
});
