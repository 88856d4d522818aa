import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initScenarioText } from '../../src/cli/init.js';
import { InputError } from '../../src/common/index.js';
import type { NetworkPlan } from '../../src/ipam/index.js';
import { hasRunPassed, isPlanOnlyText, loadScenarioFile, parseScenario, runScenario } from '../../src/scenario/index.js';

/* The round trip's other half: init --from a NetworkConfig.xml, and run & co. taking plans directly. */

const GOLDEN = 'test/golden/init/multi-site.yaml';
const isUpdating = process.env['UPDATE_GOLDEN'] === '1';

function contentOf(plan: NetworkPlan): unknown {
  return JSON.parse(JSON.stringify(plan, (key, value: unknown) => (key === 'at' || key === 'file' ? undefined : value)));
}

describe('vnetsim init --from', () => {
  it('writes the golden scenario for the multi-site export', async () => {
    const text = await initScenarioText('scenarios/multi-site.netcfg.xml');
    if (isUpdating || !existsSync(GOLDEN)) {
      mkdirSync('test/golden/init', { recursive: true });
      writeFileSync(GOLDEN, text);
    }
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it.each(['scenarios/multi-site.netcfg.xml', 'test/fixtures/netcfg/p2s-regional.netcfg.xml', 'test/fixtures/netcfg/seven-identical-vnets.netcfg.xml'])(
    '%s becomes a scenario with the same plan, seed 0 and the era its features date it to, that runs',
    async (file) => {
      const scenario = parseScenario(await initScenarioText(file), 'init.yaml');
      const direct = await loadScenarioFile(file);
      expect(contentOf(scenario.plan)).toEqual(contentOf(direct.plan));
      expect([scenario.seed, scenario.eraMonth]).toEqual([0, direct.eraMonth]);
      expect(hasRunPassed(runScenario(scenario))).toBe(true);
    },
  );
});

describe('run, serve, matrix, reach and status take a plan directly', () => {
  it.each([
    ['scenarios/multi-site.netcfg.xml', '2014-05', '2014'],
    ['test/fixtures/netcfg/p2s-regional.netcfg.xml', '2014-05', '2014'],
    ['test/fixtures/netcfg/seven-identical-vnets.netcfg.xml', '2012-06', '2012'],
    ['scenarios/plan-hybrid-multisite.yaml', '2014', '2014'],
  ])('%s loads as a scenario: seed 0, era %s (engine era %s)', async (file, eraMonth, era) => {
    const scenario = await loadScenarioFile(file);
    expect([scenario.seed, scenario.eraMonth.startsWith(eraMonth), scenario.era]).toEqual([0, true, era]);
    const report = runScenario(scenario);
    expect([...report.events].filter((e) => e.type === 'vnet.defined')).toHaveLength(scenario.plan.vnets.length);
  });

  it('still refuses a scenario that has a timeline but no seed', async () => {
    const text = 'name: x\nera: 2014\ntimeline:\n  - { at: 1m, createAffinityGroup: { name: AG, region: West US } }\n';
    expect(isPlanOnlyText(text, 'x.yaml')).toBe(false);
    expect(() => parseScenario(text, 'x.yaml')).toThrow(InputError);
    expect(isPlanOnlyText('era: 2014\nnetwork: {}\n', 'p.yaml')).toBe(true);
  });
});
