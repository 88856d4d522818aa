import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/api/index.js';
import { callApi, siteToSiteConfig, startTestEmulator } from './emulator-helpers.js';

let emulator: Emulator;
beforeEach(async () => {
  emulator = await startTestEmulator({ paused: true });
});
afterEach(async () => {
  await emulator.close();
});

const ERROR = (code: string, message: string): string =>
  `<Error xmlns="http://schemas.microsoft.com/windowsazure" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Code>${code}</Code><Message>${message}</Message></Error>`;

describe('the API request pipeline', () => {
  it('answers every response with a 32-hex x-ms-request-id and no-cache', async () => {
    const answers = [await callApi(emulator, 'GET', '/locations'), await callApi(emulator, 'GET', '/nowhere'), await callApi(emulator, 'GET', '/locations', { version: null })];
    for (const answer of answers) {
      expect(answer.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f]{32}$/);
      expect(answer.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it.each([
    ['missing', null],
    ['older than 2012-03-01', '2011-10-01'],
    ['not a date', 'latest'],
  ])('refuses an x-ms-version %s with 400 MissingOrIncorrectVersionHeader', async (_what, version) => {
    const answer = await callApi(emulator, 'GET', '/locations', { version });
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(ERROR('MissingOrIncorrectVersionHeader', 'The versioning header is not specified or was specified incorrectly.'));
  });

  it.each(['2012-03-01', '2014-10-01', '2017-01-01'])('accepts x-ms-version %s', async (version) => {
    expect((await callApi(emulator, 'GET', '/locations', { version })).status).toBe(200);
  });

  it('answers an unknown path with 404 ResourceNotFound, and an empty segment too', async () => {
    for (const path of ['/services/nothing', '/services/networking//gateway']) {
      const answer = await callApi(emulator, 'GET', path);
      expect(answer.status).toBe(404);
      expect(answer.text).toBe(ERROR('ResourceNotFound', 'The requested URI does not represent any resource on the server.'));
    }
  });

  it('answers a known path with the wrong method with 400 InvalidHttpVerb', async () => {
    const answer = await callApi(emulator, 'DELETE', '/locations');
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('<Code>InvalidHttpVerb</Code>');
  });

  it('matches literal path segments case-insensitively', async () => {
    expect((await callApi(emulator, 'GET', '/Services/Networking/VirtualNetwork')).status).toBe(200);
  });

  it('answers another subscription id with 404', async () => {
    const response = await fetch(`${emulator.apiUrl}/11111111-2222-3333-4444-555555555555/locations`, { headers: { 'x-ms-version': '2014-10-01' } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('The subscription 11111111-2222-3333-4444-555555555555 could not be found.');
  });

  it.each([
    ['malformed', '<CreateAffinityGroup><Name>ag1</CreateAffinityGroup>'],
    ['empty', ''],
    ['the wrong root', '<CreateHostedService><ServiceName>x</ServiceName></CreateHostedService>'],
  ])('refuses a %s body with 400 InvalidXmlRequest and changes nothing', async (_what, body) => {
    const answer = await callApi(emulator, 'POST', '/affinitygroups', { body, version: '2014-10-01' });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('<Code>InvalidXmlRequest</Code>');
    expect(emulator.engine.state.world.affinityGroups).toEqual({});
  });

  it('refuses a body over the size limit with 400 InvalidXmlRequest', async () => {
    const answer = await callApi(emulator, 'PUT', '/services/networking/media', { body: `<NetworkConfiguration>${' '.repeat(5 * 1024 * 1024)}</NetworkConfiguration>` });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('<Code>InvalidXmlRequest</Code>');
    expect(emulator.engine.state.network).toBeUndefined();
  });

  it('answers an accepted upload with an empty 202: Content-Length 0 and no Content-Type', async () => {
    const answer = await callApi(emulator, 'PUT', '/services/networking/media', { body: siteToSiteConfig() });
    expect(answer.status).toBe(202);
    expect(answer.headers.get('content-length')).toBe('0');
    expect(answer.headers.get('content-type')).toBeNull();
    expect(answer.text).toBe('');
  });

  it('leaves paths that are not the API to the live page', async () => {
    const response = await fetch(`${emulator.apiUrl}/no-such-page-file.js`);
    expect(response.headers.get('x-ms-request-id')).toBeNull();
  });
});
