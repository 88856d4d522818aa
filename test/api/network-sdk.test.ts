import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/api/index.js';
import { callApi, siteToSiteConfig, startTestEmulator } from './emulator-helpers.js';
import { runNetworkSession } from './network-session.js';
import { call, callFailing, networkClient } from './sdk-clients.js';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('networking operations through azure-asm-network over http', () => {
  it('configures, lists, checks addresses, creates and drives a gateway, and refuses what the platform refused', async () => {
    emulator = await startTestEmulator();
    await runNetworkSession(emulator);
  }, 60_000);

  it('answers a second upload while one is underway with 409 (NET14)', async () => {
    emulator = await startTestEmulator({ paused: true });
    const networks = networkClient(emulator)['networks'];
    expect(await call(networks, 'beginSettingConfiguration', { configuration: siteToSiteConfig() })).toMatchObject({ statusCode: 202 });
    expect(await callFailing(networks, 'beginSettingConfiguration', { configuration: siteToSiteConfig() })).toMatchObject({
      statusCode: 409, code: 'ConflictError', message: 'An update to your network configuration is currently underway. Please try this operation again later.',
    });
  });

  it('keeps an operation InProgress while the clock is paused, and Successful once simulated time passed', async () => {
    emulator = await startTestEmulator({ paused: true });
    await callApi(emulator, 'PUT', '/services/networking/media', { body: siteToSiteConfig() });
    emulator.engine.advanceTo(60_000);
    const created = await callApi(emulator, 'POST', '/services/networking/vnet1/gateway', {
      body: '<CreateGatewayParameters xmlns="http://schemas.microsoft.com/windowsazure" />',
    });
    expect(created.status).toBe(201);
    const id = /<ID>([0-9a-f-]{36})<\/ID>/.exec(created.text)?.[1];
    const poll = async (): Promise<string> => (await callApi(emulator!, 'GET', `/services/networking/operation/${id}`)).text;
    expect(await poll()).toMatch(/<Data\/><HealthStatus\/><ID>[0-9a-f-]+<\/ID><OperationName>CreateGateway<\/OperationName><OperationStartedTime>2015-01-01T00:01:00.0000000<\/OperationStartedTime><Status>InProgress<\/Status><\/GatewayOperation>$/);
    emulator.engine.advanceTo(60 * 60_000);
    expect(await poll()).toMatch(/<HttpStatusCode>OK<\/HttpStatusCode><ID>[0-9a-f-]+<\/ID><OperationCompletedTime>2015-01-01T00:\d\d:\d\d\.\d{7}<\/OperationCompletedTime><OperationName>CreateGateway<\/OperationName>.*<Status>Successful<\/Status>/);
    // An empty CreateGatewayParameters gives a StaticRouting gateway (N-CUNA), which cannot be resized (N-RESZ).
    const gateway = await callApi(emulator, 'GET', '/services/networking/vnet1/gateway');
    expect(gateway.text).toMatch(/^<Gateway [^>]*><GatewayType>StaticRouting<\/GatewayType><LastEvent><Id>23002<\/Id>.*<\/LastEvent><State>Provisioned<\/State><VIPAddress>[\d.]+<\/VIPAddress><DefaultSites\/><GatewaySize>Default<\/GatewaySize><GatewayId>[0-9a-f-]{36}<\/GatewayId><\/Gateway>$/);
    const resize = await callApi(emulator, 'PATCH', '/services/networking/vnet1/gateway', {
      body: '<UpdateGatewayParameters xmlns="http://schemas.microsoft.com/windowsazure"><GatewaySize>HighPerformance</GatewaySize><Operation>Resize</Operation></UpdateGatewayParameters>',
    });
    expect(resize.text).toContain('<Message>The current operation or request is invalid against Static-Routing gateway.</Message>');
  });

  it('keeps set and reset key InProgress until the engine puts the key in force (7–101 s, SKSET16), default sites the median 33 s', async () => {
    emulator = await startTestEmulator({ paused: true });
    const engine = emulator.engine;
    await callApi(emulator, 'PUT', '/services/networking/media', { body: siteToSiteConfig() });
    engine.advanceTo(60_000);
    await callApi(emulator, 'POST', '/services/networking/vnet1/gateway', {
      body: '<CreateGatewayParameters xmlns="http://schemas.microsoft.com/windowsazure"><gatewayType>DynamicRouting</gatewayType></CreateGatewayParameters>',
    });
    engine.advanceTo(60 * 60_000);
    const secondsUntilDone = async (method: string, path: string, body: string): Promise<number> => {
      const started = engine.now();
      const id = /<ID>([0-9a-f-]{36})<\/ID>/.exec((await callApi(emulator!, method, path, { body })).text)?.[1];
      for (let second = 1; second <= 200; second++) {
        engine.advanceTo(started + second * 1_000);
        if ((await callApi(emulator!, 'GET', `/services/networking/operation/${id}`)).text.includes('<Status>Successful</Status>')) return second;
      }
      throw new Error(`${method} ${path} never completed`);
    };
    const keyPath = '/services/networking/vnet1/gateway/connection/site1/sharedkey';
    const set = await secondsUntilDone('POST', keyPath, '<SharedKey xmlns="http://schemas.microsoft.com/windowsazure"><Value>s3cret</Value></SharedKey>');
    const reset = await secondsUntilDone('PUT', keyPath, '<ResetSharedKey xmlns="http://schemas.microsoft.com/windowsazure"><KeyLength>64</KeyLength></ResetSharedKey>');
    for (const seconds of [set, reset]) {
      expect(seconds).toBeGreaterThanOrEqual(7);
      expect(seconds).toBeLessThanOrEqual(101);
    }
    // Each operation ended when the engine logged its key in force; a GET then reads the reset's 64 characters.
    expect([...engine.events].filter((e) => e.type === 'connection.sharedKeySet' && !e.generated)).toHaveLength(2);
    expect((await callApi(emulator, 'GET', keyPath)).text).toMatch(/<Value>[A-Za-z0-9]{64}<\/Value>/);
    const defaultSites = await secondsUntilDone('POST', '/services/networking/vnet1/gateway/defaultsites',
      '<DefaultSiteList xmlns="http://schemas.microsoft.com/windowsazure"><string>site1</string></DefaultSiteList>');
    expect(defaultSites).toBe(engine.sim.profile.sharedKeySetMs.medianMs / 1_000);
  });

  it('refuses a gateway on a VNet whose configuration has no Gateway block (J-GWEMPTY)', async () => {
    emulator = await startTestEmulator();
    const config = siteToSiteConfig().replace(/<Gateway>.*<\/Gateway>/s, '');
    await callApi(emulator, 'PUT', '/services/networking/media', { body: config });
    const answer = await callApi(emulator, 'POST', '/services/networking/vnet1/gateway', { body: '<CreateGatewayParameters xmlns="http://schemas.microsoft.com/windowsazure" />' });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('A gateway is not specified in the network configuration file for the specified virtual network name: vnet1.');
  });
});
