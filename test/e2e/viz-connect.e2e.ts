import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, usePageSession } from './browser.js';
import { describe, expect, it } from 'vitest';
import { createScenarioWorld } from '../../src/cli/serve.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { startVizServer } from '../../src/viz/index.js';

/** Windows Azure Connect on the page (#16): its own box apart from the networks, the relay, groups and policy links. */
const MINUTE_MS = 60_000;
const session = usePageSession('web-connect');

/** Scenario 15 at 0:40 on 2012-06-01: both machines activated, both groups set and linked. */
async function openConnectPage(query: string): Promise<Page> {
  const world = createScenarioWorld(await loadScenarioFile('scenarios/15-azure-connect-2012.yaml'));
  world.advanceTo(40 * MINUTE_MS);
  const server = await startVizServer({ world, port: 0, webRoot: session.webRoot, speed: 600 });
  session.servers.push(server);
  const page = await session.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}${query}`);
  await page.waitForSelector('#status[data-state="live"]');
  expect(errors).toEqual([]);
  return page;
}

describe('Azure Connect on the page (Chromium)', () => {
  it('draws the relay, the endpoint groups, relay links and dashed policy links in the SVG renderer', async () => {
    const page = await openConnectPage('?renderer=svg');
    await page.locator('g.node[data-id="relay:Azure Connect"]').waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('path.link.policy').count()).toBe(3);
    expect(await page.locator('path.link.relay').count()).toBe(3);
    expect(await page.locator('rect.box.endpointGroup').count()).toBe(2);
    expect(await page.locator('g.node[data-id="endpoint:lnx1"]').getAttribute('class')).toContain('refused');
    expect(await page.locator('path.link.policy').first().getAttribute('style')).toMatch(/stroke-dasharray: 8(px)?,? 4/);
    expect(await page.locator('#legend').textContent()).toContain('Connect policy link');
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-connect-svg.png') });
    await page.close();
  });

  it('draws the same world on the canvas without a page error', async () => {
    const page = await openConnectPage('?renderer=canvas');
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-connect-canvas.png') });
    await page.close();
  });
});
