import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import type { Emulator } from '../../src/api/index.js';
import { callApi, siteToSiteConfig, startTestEmulator } from '../api/emulator-helpers.js';
import { launchChromium } from './browser.js';

const ARTIFACTS = resolve('test-artifacts');
let browser: Browser;
let emulator: Emulator;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const webRoot = await buildWeb(join(ARTIFACTS, 'emulate-web'));
  browser = await launchChromium();
  // A slow clock, so the page is seen while the gateway is still Provisioning.
  emulator = await startTestEmulator({ webRoot, speed: 600 });
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
});

describe('the emulator\'s live page', () => {
  it('shows what API clients change, as they change it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(emulator.pageUrl);
    await page.waitForSelector('#status[data-state="live"]');
    expect(await page.locator('[data-id="subnet:vnet1/Subnet-1"]').count()).toBe(0);

    expect((await callApi(emulator, 'PUT', '/services/networking/media', { body: siteToSiteConfig() })).status).toBe(202);
    await page.waitForSelector('[data-id="subnet:vnet1/GatewaySubnet"]');
    await page.waitForSelector('[data-id="site:site1"]');

    expect((await callApi(emulator, 'POST', '/services/networking/vnet1/gateway', {
      body: '<CreateGatewayParameters xmlns="http://schemas.microsoft.com/windowsazure"><gatewayType>DynamicRouting</gatewayType></CreateGatewayParameters>',
    })).status).toBe(201);
    await page.waitForSelector('[data-id="gateway:vnet1"]');
    await page.screenshot({ path: join(ARTIFACTS, 'emulate-live-view.png') });

    // A later upload that drops an unused subnet: the page removes it.
    const withoutSubnet = siteToSiteConfig().replace(/<Subnet name="Subnet-1">.*?<\/Subnet>/s, '');
    expect((await callApi(emulator, 'PUT', '/services/networking/media', { body: withoutSubnet })).status).toBe(202);
    await page.waitForSelector('[data-id="subnet:vnet1/Subnet-1"]', { state: 'detached' });
    expect(errors).toEqual([]);
  }, 60_000);
});
