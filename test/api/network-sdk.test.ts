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

  it('refuses a gateway on a VNet whose configuration has no Gateway block (J-GWEMPTY)', async () => {
    emulator = await startTestEmulator();
    const config = siteToSiteConfig().replace(/<Gateway>.*<\/Gateway>/s, '');
    await callApi(emulator, 'PUT', '/services/networking/media', { body: config });
    const answer = await callApi(emulator, 'POST', '/services/networking/vnet1/gateway', { body: '<CreateGatewayParameters xmlns="http://schemas.microsoft.com/windowsazure" />' });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('A gateway is not specified in the network configuration file for the specified virtual network name: vnet1.');
  });
});
