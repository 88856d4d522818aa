import { describe, expect, it } from 'vitest';
import { InputError, MAX_SIM_TIME_MS, type Diagnostic } from '../../src/common/index.js';
import { findScenarioEndMs, parseScenario, type Scenario } from '../../src/scenario/index.js';
import { SimClock } from '../../src/sim/index.js';

const FILE = 'story.yaml';
const HEADER = 'name: t\nseed: 1\nera: 2014\n';

function refusalsOf(text: string): Diagnostic[] {
  try {
    parseScenario(text, FILE);
  } catch (error) {
    if (error instanceof InputError) return [...error.diagnostics];
    throw error;
  }
  throw new Error('the scenario was accepted');
}

describe('every time a scenario gives is bounded (400 days)', () => {
  it.each([
    ['until', `${HEADER}until: ${'9'.repeat(400)}d\n`, 4, 8],
    ['until just past the limit', `${HEADER}until: 400d1s\n`, 4, 8],
    ['a timeline at', `${HEADER}timeline:\n  - at: 2147483648h30m\n    note: far\n    createAffinityGroup: { name: ag, region: West US }\n`, 5, 9],
    ['an expectation at', `${HEADER}expect:\n  - at: 401d\n    commandRefused: { command: createVm, code: disk-leased }\n`, 5, 9],
    ['a profile duration', `${HEADER}profile:\n  resetFailover: 99999999d\n`, 5, 18],
  ])('refuses %s beyond the limit at its line and column', (_what, text, line, column) => {
    const [problem, ...others] = refusalsOf(text);
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ file: FILE, line, column, rule: 'invalid-value' });
    expect(problem?.message).toContain('too long: simulated time ends at 400d');
  });

  it('accepts exactly 400 days', () => {
    expect(parseScenario(`${HEADER}until: 400d\n`, FILE).untilMs).toBe(MAX_SIM_TIME_MS);
  });

  it.each([
    ['roundTrip', '0s', 'at least 1s'],
    ['policyBased: { ikeSaLifetime', '59s }', 'at least 1m'],
    ['routeBased: { childSaLifetime', '1m }', 'at least 2m'],
    ['dpdDelay', '9s', 'at least 10s'],
  ])('refuses a profile %s of %s, which would re-arm a timer too fast', (key, value, minimum) => {
    const [problem] = refusalsOf(`${HEADER}profile:\n  ${key}: ${value}\n`);
    expect(problem?.message).toContain(minimum);
  });

  it.each([['retransmitBase: 0.5'], ['retransmitTries: 1000000'], ['ingressBytesPerSecond: 1e300']])('refuses a runaway profile number (%s)', (line) => {
    expect(refusalsOf(`${HEADER}profile:\n  ${line}\n`)).toHaveLength(1);
  });
});

describe('findScenarioEndMs', () => {
  it('finds the last time of a timeline too long to spread as call arguments', () => {
    const commands = Array.from({ length: 300_000 }, (_, i) => ({ atMs: i }));
    const scenario = { untilMs: undefined, commands, expectations: [{ atMs: 5 }] } as unknown as Scenario;
    expect(findScenarioEndMs(scenario)).toBe(299_999);
  });
});

describe('SimClock.advanceTo with a budget', () => {
  it('stops at the last timer fired when told to, so a timer that re-arms at once cannot hold the clock for ever', () => {
    const clock = new SimClock();
    let fired = 0;
    const rearm = (): void => {
      fired++;
      clock.setTimeout(rearm, 0);
    };
    clock.setTimeout(rearm, 10);
    expect(clock.advanceTo(1000, () => fired < 1000)).toBe(false);
    expect(fired).toBe(1000);
    expect(clock.now()).toBe(10);
  });
});
