import { describe, expect, it } from 'vitest';
import { loadExportedPlan } from '../../src/cli/export.js';
import { writeNetworkConfigXml } from '../../src/scenario/index.js';

const SCENARIO = 'scenarios/05-site-to-site-shared-key.yaml';

describe('vnetsim export', () => {
  it('exports a scenario world at a time with the same configuration its plan declares when the timeline changes no network', async () => {
    const atStart = writeNetworkConfigXml(await loadExportedPlan(SCENARIO, undefined));
    const later = writeNetworkConfigXml(await loadExportedPlan(SCENARIO, 30 * 60_000));
    expect(later).toBe(atStart);
    expect(later).toContain('<LocalNetworkSiteRef name="HQ">');
  });

  it('exports the same bytes for the YAML and the XML form of one plan', async () => {
    const yaml = writeNetworkConfigXml(await loadExportedPlan('scenarios/plan-hybrid-multisite.yaml', undefined));
    const xml = writeNetworkConfigXml(await loadExportedPlan('scenarios/multi-site.netcfg.xml', undefined));
    expect(yaml).toBe(xml);
  });
});
