import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EMULATOR_SEED, EMULATOR_SCENARIO_NAME, formatRecordedScenario, type Emulator } from '../../src/api/index.js';
import { parseScenario, runScenario } from '../../src/scenario/index.js';
import { formatEventLine } from '../../src/sim/index.js';
import { callApi, siteToSiteConfig, startTestEmulator } from './emulator-helpers.js';

let emulator: Emulator;
afterEach(async () => {
  await emulator.close();
});

const MGMT = { version: '2014-10-01' };

describe('--record: a session written as a scenario', () => {
  it('replays with vnetsim run to a byte-identical event log; refused requests stay out of both', async () => {
    emulator = await startTestEmulator({ paused: true });
    const engine = emulator.engine;
    await callApi(emulator, 'POST', '/affinitygroups', { ...MGMT, body: '<CreateAffinityGroup xmlns="http://schemas.microsoft.com/windowsazure"><Name>ag1</Name><Label>YWcx</Label><Location>West US</Location></CreateAffinityGroup>' });
    engine.advanceTo(12_345);
    await callApi(emulator, 'PUT', '/services/networking/media', { body: siteToSiteConfig() });
    engine.advanceTo(90_000);
    await callApi(emulator, 'POST', '/services/networking/vnet1/gateway', { body: '<CreateGatewayParameters xmlns="http://schemas.microsoft.com/windowsazure"><gatewayType>DynamicRouting</gatewayType></CreateGatewayParameters>' });
    engine.advanceTo(45 * 60_000);
    await callApi(emulator, 'POST', '/services/networking/vnet1/gateway/connection/site1/sharedkey', { body: '<SharedKey xmlns="http://schemas.microsoft.com/windowsazure"><Value>s3cret</Value></SharedKey>' });
    engine.advanceTo(50 * 60_000);
    // Refused by the engine (VNet in use by its gateway): not in the log, not recorded.
    await callApi(emulator, 'PUT', '/services/networking/media', { body: siteToSiteConfig({ vnetPrefix: '10.9.0.0/16' }) });
    engine.advanceTo(51 * 60_000);
    await callApi(emulator, 'PUT', '/services/networking/media', { body: siteToSiteConfig({ sitePrefix: '192.168.10.0/24' }) });
    engine.advanceTo(60 * 60_000 + 700);

    const text = formatRecordedScenario({ name: EMULATOR_SCENARIO_NAME, seed: DEFAULT_EMULATOR_SEED, era: '2014' }, engine.accepted, engine.sim.clock.now());
    expect(text).toContain('at: 12s\n');
    expect(text).toContain('until: 1h\n');
    const report = runScenario(parseScenario(text, 'recorded.yaml'));
    const live = [...engine.events].map(formatEventLine);
    expect([...report.events].map(formatEventLine)).toEqual(live);
    expect(live.some((line) => line.includes('"type":"command.refused"'))).toBe(false);
    expect(engine.accepted.map((a) => a.command.type)).toEqual(['createAffinityGroup', 'setNetworkConfig', 'createGateway', 'setSharedKey', 'setNetworkConfig']);
  });
});
