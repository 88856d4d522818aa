import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, usePageSession } from './browser.js';
import { describe, expect, it } from 'vitest';
import { createScenarioWorld } from '../../src/cli/serve.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { createScriptedWorld, startVizServer, type LiveWorld } from '../../src/viz/index.js';
import { largeWorldEvents } from '../viz/fixtures.js';

/**
 * The graph, the scrubber and the header in Chromium (#13 items 2, 4, 5, 9): a failing tunnel says why, a refused
 * command is marked where it happened, names appear as you zoom in, the scrubber is scaled by time with ✓/✗ markers
 * that jump to their moment, the header says "live" only when it is, and an 800×600 window leaves the graph its width.
 */
const SHARED_KEY_SCENARIO = 'scenarios/05-site-to-site-shared-key.yaml';
const MINUTE_MS = 60_000;
const session = usePageSession('web-graph');

/** The shared-key story (05) played to `atMs` before the page opens: the tunnel fails AUTHENTICATION_FAILED from 0:17 to 0:40. */
async function sharedKeyWorld(atMs: number): Promise<LiveWorld> {
  const world = createScenarioWorld(await loadScenarioFile(SHARED_KEY_SCENARIO));
  world.advanceTo(atMs);
  return world;
}

async function openPage(world: LiveWorld, query = '', width = 1400, height = 900): Promise<Page> {
  const server = await startVizServer({ world, port: 0, webRoot: session.webRoot, speed: 600 });
  session.servers.push(server);
  const page = await session.browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}${query}`);
  await page.waitForSelector('#status[data-state="live"]');
  await expect.poll(() => inspect(page).then((s) => s.lastSeq)).toBe(world.events.at(-1)!.seq);
  expect(errors).toEqual([]);
  return page;
}

interface PageStats {
  lastSeq: number;
  cursor: number | null;
  captions: { zoomScale: number; canvasVmNames: number | null };
  expectations: { atMs: number; atSeq: number; status: string; description: string }[];
}

function inspect(page: Page): Promise<PageStats> {
  return page.evaluate(() => (globalThis as unknown as { vnetsim: { inspect(): PageStats } }).vnetsim.inspect());
}

const attached = { state: 'attached' } as const;

describe('the graph shows failures, names and time (Chromium)', () => {
  it('draws a failing tunnel with its reason and since when, the gateway with type, SKU, VIP and state, the site with its prefixes', async () => {
    const page = await openPage(await sharedKeyWorld(30 * MINUTE_MS));
    const tunnel = page.locator('path.link.tunnel[data-id="tunnel:CorpVNet/HQ"]');
    await tunnel.waitFor(attached);
    expect(await tunnel.getAttribute('data-condition')).toBe('failing');
    expect(await tunnel.locator('title').textContent()).toMatch(/^tunnel CorpVNet ↔ HQ: failing(, retrying)?: AUTHENTICATION_FAILED since 00:\d\d:\d\d\n/);
    expect(await page.locator('text.tunnel-label[data-id="tunnel:CorpVNet/HQ"]').textContent()).toContain('✗ AUTHENTICATION_FAILED');
    const gateway = page.locator('g.node[data-id="gateway:CorpVNet"] text.caption');
    expect(await gateway.textContent()).toMatch(/^gateway {2}StaticRouting DefaultProvisioned · VIP \d+\.\d+\.\d+\.\d+$/);
    expect(await page.locator('g.node[data-id="site:HQ"] text.caption').textContent()).toContain('192.168.0.0/16');
    await page.screenshot({ path: join(ARTIFACTS, 'viz-graph-failing-1400x900.png') });
    await page.close();
  });

  it('marks a refused command on the gateway it named and on the timeline, and draws the tunnel up once the keys match', async () => {
    const page = await openPage(await sharedKeyWorld(46 * MINUTE_MS));
    await page.locator('path.link.tunnel[data-condition="connected"]').waitFor(attached);
    const gateway = page.locator('g.node[data-id="gateway:CorpVNet"]');
    expect(await gateway.getAttribute('data-refused')).toBe('gateway-exists');
    expect(await gateway.locator('text.badge').textContent()).toBe('⊘');
    expect(await gateway.locator('title').textContent()).toContain('refused createGateway at 00:45:00: gateway-exists');
    expect(await page.locator('#scrubber .marker.refused').count()).toBe(1);
    await page.close();
  });

  it('scales the scrubber by time, and a ✓ marker jumps to its moment and shows the expectation', async () => {
    const world = await sharedKeyWorld(46 * MINUTE_MS);
    const page = await openPage(world);
    const { expectations } = await inspect(page);
    expect(expectations.map((e) => e.status)).toEqual(Array(7).fill('held'));
    // 0:10, 0:17, two at 0:30, two at 0:41, 0:45: one marker per moment.
    expect(await page.locator('#scrubber .expectation-markers .marker.held').count()).toBe(5);
    const clock = page.locator('#clock');
    expect(await clock.getAttribute('data-mode')).toBe('ended');

    // The third marker: at 0:30:00 the tunnel is NotConnected with AUTHENTICATION_FAILED, and web1 cannot reach HQ.
    const authFailed = expectations.findIndex((e) => e.description.includes('AUTHENTICATION_FAILED'));
    await page.locator('#scrubber .expectation-markers .marker').nth(2).click();
    await expect.poll(() => inspect(page).then((s) => s.cursor)).toBe(expectations[authFailed]!.atSeq);
    // The cursor moves on the click; the views (the detail among them) are drawn on the next animation frame.
    await expect.poll(() => page.textContent('#expectation-detail')).toBe([
      '✓ 00:30:00  tunnel CorpVNet ↔ HQ NotConnected, reason AUTHENTICATION_FAILED  (scenarios/05-site-to-site-shared-key.yaml:58)',
      '✓ 00:30:00  no reach web1 → 192.168.1.10 tcp/3389 (tunnel-not-connected)  (scenarios/05-site-to-site-shared-key.yaml:60)',
    ].join('\n'));
    expect(await clock.getAttribute('data-mode')).toBe('past');
    expect(await clock.textContent()).toMatch(/^at t = 00:(2\d|30):\d\d · event #\d+ of #\d+$/);
    await page.locator('path.link.tunnel[data-condition="failing"]').waitFor(attached);

    // Position ∝ simulated time: the thumb sits at the shown event's share of the run's time, not of its event count.
    const events = [...world.events];
    const shown = events.find((e) => e.seq === expectations[authFailed]!.atSeq)!;
    const endMs = world.now();
    const byTime = shown.time / endMs;
    const byCount = events.indexOf(shown) / (events.length - 1);
    const fraction = Number(await page.getAttribute('#scrubber', 'data-fraction'));
    expect(Math.abs(fraction - byTime)).toBeLessThan(0.001);
    expect(Math.abs(byCount - byTime)).toBeGreaterThan(0.05);
    // The thumb is drawn there too.
    const track = (await page.locator('#scrubber').boundingBox())!;
    const thumb = (await page.locator('#scrubber .thumb').boundingBox())!;
    expect(Math.abs(thumb.x + thumb.width / 2 - (track.x + byTime * track.width))).toBeLessThan(3);

    // Clicking the track at 3/4 of its width shows the last event at or before 3/4 of the run's time.
    await page.mouse.click(track.x + 0.75 * track.width, track.y + track.height / 2);
    const quarterToEnd = 0.75 * endMs;
    const expected = events.filter((e) => e.time <= quarterToEnd).pop()!.seq;
    await expect.poll(() => inspect(page).then((s) => s.cursor)).toBe(expected);
    await expect.poll(() => page.locator('#expectation-detail').isVisible()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-graph-scrubbed-1400x900.png') });
    await page.keyboard.press('End');
    await expect.poll(() => clock.getAttribute('data-mode')).toBe('ended');
    await page.close();
  });

  it('says "live" only while the clock runs at the newest event', async () => {
    const page = await openPage(await sharedKeyWorld(0));
    await page.click('#play');
    await expect.poll(() => page.getAttribute('#clock', 'data-mode')).toBe('live');
    expect(await page.textContent('#clock')).toMatch(/^● live · t = /);
    await page.click('#pause');
    await expect.poll(() => page.getAttribute('#clock', 'data-mode')).not.toBe('live');
    await page.close();
  });

  it.each([['svg'], ['canvas']])('shows VM names as you zoom in above 150 VMs (%s renderer)', async (renderer) => {
    // 4 VNets × 2 subnets × 25 VMs = 200 VMs: the compact grid, names hidden when fitted.
    const page = await openPage(createScriptedWorldAt(largeWorldEvents(4, 2, 25, 0)), `?renderer=${renderer}`);
    // SVG: VM captions the stylesheet lets show; canvas: the names the last frame drew.
    const names = async (): Promise<number> => (renderer === 'canvas' ? (await inspect(page)).captions.canvasVmNames ?? -1
      : page.$$eval('g.node.vm text.caption', (texts) => texts.filter((t) => t.textContent !== ''
        && (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(t).display !== 'none').length));
    expect(await names()).toBe(0);
    const panel = (await page.locator('#topology').boundingBox())!;
    await page.mouse.move(panel.x + panel.width / 2, panel.y + panel.height / 2);
    for (let i = 0; i < 8 && (await inspect(page)).captions.zoomScale < 2; i++) await page.mouse.wheel(0, -400);
    expect((await inspect(page)).captions.zoomScale).toBeGreaterThanOrEqual(1.75);
    await expect.poll(names).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, `viz-graph-zoomed-names-${renderer}.png`) });
    await page.close();
  });

  it('gives the graph the window\'s width at 800×600, with the side panel one click away', async () => {
    const page = await openPage(await sharedKeyWorld(30 * MINUTE_MS), '', 800, 600);
    const graph = (await page.locator('#topology').boundingBox())!;
    expect(graph.width).toBeGreaterThanOrEqual(780);
    expect(graph.height).toBeGreaterThanOrEqual(300);
    expect(await page.locator('#side-panel').isVisible()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-graph-800x600.png') });
    await page.click('#toggle-panel');
    expect(await page.locator('#reach-panel').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-graph-800x600-panel.png') });
    await page.close();
  });
});

/** A scripted world with every event already played, as a recorded log served after the fact. */
function createScriptedWorldAt(events: ReturnType<typeof largeWorldEvents>): LiveWorld {
  const world = createScriptedWorld(events);
  world.advanceTo(events[events.length - 1]!.time);
  return world;
}
