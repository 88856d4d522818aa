import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateManagementCertificate, generateServerCertificates, type Emulator, type ManagementCertificate } from '../../src/api/index.js';
import { startTestEmulator } from './emulator-helpers.js';
import { runNetworkSession } from './network-session.js';
import { call, callFailing, managementClient, networkClient } from './sdk-clients.js';

let emulator: Emulator;
let management: ManagementCertificate;
let ca: string;

beforeAll(async () => {
  management = generateManagementCertificate();
  const tls = generateServerCertificates();
  ca = tls.ca.certPem;
  emulator = await startTestEmulator({ tls: { keyPem: tls.server.keyPem, certPem: tls.server.certPem, clientThumbprint: management.thumbprint } });
}, 30_000);
afterAll(async () => {
  await emulator.close();
});

describe('the emulator over https with the management certificate', () => {
  it('serves https on 127.0.0.1 with a certificate the generated CA signed', () => {
    expect(emulator.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('runs the whole networking session through the SDK presenting the subscription certificate', async () => {
    await runNetworkSession(emulator, { cert: management.certPem, key: management.keyPem, ca });
  }, 60_000);

  it('runs management calls through azure-asm-mgmt over https', async () => {
    const locations = await call<{ locations: unknown[] }>(managementClient(emulator, { cert: management.certPem, key: management.keyPem, ca })['locations'], 'list');
    expect(locations.locations.length).toBeGreaterThan(0);
  });

  it('answers a certificate of another subscription with 403 and the platform message the CLI prints', async () => {
    const stranger = generateManagementCertificate('someone else');
    const error = await callFailing(networkClient(emulator, { cert: stranger.certPem, key: stranger.keyPem, ca })['networks'], 'list');
    expect(error).toMatchObject({
      statusCode: 403, code: 'ForbiddenError',
      message: 'The server failed to authenticate the request. Verify that the certificate is valid and is associated with this subscription.',
    });
  }, 30_000);

  it('answers a request without a client certificate with 403', async () => {
    const response = await new Promise<number>((resolve, reject) => {
      void import('node:https').then(({ request }) => {
        const req = request(`${emulator.apiUrl}/${emulator.subscriptionId}/locations`, { ca, headers: { 'x-ms-version': '2014-10-01' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    });
    expect(response).toBe(403);
  });
});
