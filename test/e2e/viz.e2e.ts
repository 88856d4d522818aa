import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, usePageSession } from './browser.js';
import { describe, expect, it } from 'vitest';
import { createScenarioWorld } from '../../src/cli/serve.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { createScriptedWorld, startVizServer, type LiveWorld, type VizServer } from '../../src/viz/index.js';
import { HUB_NODE_COUNT, hubEvents, largeWorldEvents } from '../viz/fixtures.js';

const session = usePageSession('web');

async function serve(world: LiveWorld, speed = 60): Promise<VizServer> {
  const server = await startVizServer({ world, port: 0, webRoot: session.webRoot, speed });
  session.servers.push(server);
  return server;
}

async function openPage(server: VizServer, width = 1400, height = 900): Promise<Page> {
  const page = await session.browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(server.url);
  await page.waitForSelector('#status[data-state="live"]');
  expect(errors).toEqual([]);
  return page;
}

interface PageStats {
  lastSeq: number;
  firstSeq: number;
  cursor: number | null;
  eventSeqs: number[];
  duplicates: number;
  snapshots: number;
  hellos: number;
  nodeCount: number;
  drawnExtent: { width: number; height: number; panelWidth: number; panelHeight: number };
}

/** The page's automation hook (`window.vnetsim`), typed for the evaluate callbacks that run in the session.browser. */
interface PageHook {
  vnetsim: { inspect(): PageStats; dropConnection(): void; exportSvg(): string };
}

function inspect(page: Page): Promise<PageStats> {
  return page.evaluate(() => (globalThis as unknown as PageHook).vnetsim.inspect());
}

describe('live view in a real browser', () => {
  it('loads a scenario and shows every node, with the tunnel Connected after its events', async () => {
    const world = createScriptedWorld(hubEvents());
    world.advanceTo(22 * 60_000 + 3000);
    const server = await serve(world);
    const page = await openPage(server);
    await page.waitForSelector(`#topology[data-node-count="${HUB_NODE_COUNT}"]`);
    expect(await page.locator('#topology svg g.node').count()).toBe(HUB_NODE_COUNT);
    expect(await page.getAttribute('path.link.tunnel', 'data-state')).toBe('Connected');
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-hub.png') });
    await page.close();
  });

  it('plays a real scenario through the engine: nodes appear and the tunnel comes up Connected', async () => {
    const server = await serve(createScenarioWorld(await loadScenarioFile('test/e2e/fixtures/hub-tunnel.yaml')), 3600);
    const page = await openPage(server);
    await page.click('#play');
    // region, VNet, 2 subnets, gateway, site HQ, service web, VM web1
    await page.waitForSelector('#topology[data-node-count="8"]');
    await page.waitForSelector('path.link.tunnel[data-state="Connected"]', { state: 'attached', timeout: 20_000 });
    expect(await page.getAttribute('g.node[data-id="gateway:CorpVNet"]', 'data-state')).toBe('Provisioned');
    // Containment is drawn as boxes (region, VNet, two subnets), the web service as a tint behind its VM and its chip.
    expect(await page.locator('rect.box').count()).toBe(4);
    expect(await page.locator('rect.tint[data-service="web"]').count()).toBe(2);
    // The event list reads like `vnetsim run`; the raw fields are in the line's tooltip.
    const tunnelUp = page.locator('#event-list li', { hasText: /tunnel CorpVNet ↔ HQ\s+Connecting → Connected/ });
    await tunnelUp.waitFor({ state: 'attached' });
    expect(await tunnelUp.getAttribute('title')).toMatch(/^#\d+ connection\.stateChanged vnet=CorpVNet site=HQ from=Connecting to=Connected/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-scenario.png') });
    await page.close();
  });

  /** The hub-tunnel scenario at 0:30, web1 and HQ picked on the page, and the reachable answer shown. */
  async function askWeb1ToHqAtHalfHour(): Promise<Page> {
    const world = createScenarioWorld(await loadScenarioFile('test/e2e/fixtures/hub-tunnel.yaml'));
    world.advanceTo(30 * 60_000);
    const page = await openPage(await serve(world));
    await page.waitForSelector('#topology[data-node-count="8"]');
    await page.click('g.node[data-id="vm:web/web1"] circle');
    await page.click('g.node[data-id="site:HQ"] circle');
    await page.waitForSelector('#reach-result[data-verdict="reachable"]');
    return page;
  }

  it('answers a reach query with the real topology engine: VM to on-premises site through the gateway', async () => {
    const page = await askWeb1ToHqAtHalfHour();
    // The verdict text lands before the graph redraws on its next frame: wait for the highlighted path itself.
    await expect.poll(() => page.locator('g.node.on-path').count()).toBe(4);
    expect(await page.locator('g.node.on-path[data-id="gateway:CorpVNet"]').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-engine-reach.png') });
    await page.close();
  });

  it('answers a reach query for the moment scrubbed to, and again for the live end', async () => {
    const page = await askWeb1ToHqAtHalfHour();
    expect(await page.textContent('#reach-result .reach-text')).toContain('connection:CorpVNet');
    // Back to the moment the gateway started provisioning: that moment's answer, and it says which moment.
    const provisioning = page.locator('#event-list li', { hasText: /gateway CorpVNet\s+NotProvisioned → Provisioning/ });
    await provisioning.click();
    await page.waitForSelector('#reach-result[data-verdict="unreachable"]');
    const seq = await provisioning.getAttribute('data-seq');
    expect(await page.getAttribute('#reach-result', 'data-at-seq')).toBe(seq);
    expect(await page.textContent('#reach-result')).toContain('gateway-not-provisioned');
    await page.click('#live');
    await page.waitForSelector('#reach-result[data-verdict="reachable"]');
    await page.close();
  });

  it('turns the tunnel from Connecting to Connected as the events arrive, and steps back to Connecting', async () => {
    const world = createScriptedWorld(hubEvents());
    world.advanceTo(22 * 60_000);
    const server = await serve(world, 600);
    const page = await openPage(server);
    // A horizontal tunnel path has an empty bounding box, so wait for it to be attached rather than "visible".
    const attached = { state: 'attached' } as const;
    await page.waitForSelector('path.link.tunnel[data-state="Connecting"]', attached);
    await page.click('#play');
    await page.waitForSelector('path.link.tunnel[data-state="Connected"]', attached);
    await page.click('#step-back');
    await page.waitForSelector('path.link.tunnel[data-state="Connecting"]', attached);
    await page.click('#live');
    await page.waitForSelector('path.link.tunnel[data-state="Connected"]', attached);
    await page.close();
  });

  it('steps through time from the keyboard: ← and → one event, Home to the first, End back to live, Space plays', async () => {
    const world = createScriptedWorld(hubEvents());
    world.advanceTo(22 * 60_000);
    const page = await openPage(await serve(world, 600));
    await page.waitForSelector(`#topology[data-node-count="${HUB_NODE_COUNT}"]`);
    const { lastSeq, firstSeq } = await inspect(page);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await inspect(page)).cursor).toBe(lastSeq - 1);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await inspect(page)).cursor).toBe(lastSeq - 1);
    await page.keyboard.press('Home');
    await expect.poll(async () => (await inspect(page)).cursor).toBe(firstSeq);
    await page.keyboard.press('End');
    await expect.poll(async () => (await inspect(page)).cursor).toBe(null);
    // Space plays: the scripted world streams the rest of its events.
    await page.keyboard.press(' ');
    await expect.poll(async () => (await inspect(page)).lastSeq, { timeout: 20_000 }).toBeGreaterThan(lastSeq);
    await page.close();
  });

  it('loses no event and repeats none when the socket is killed mid-run and reconnects', async () => {
    const events = largeWorldEvents(2, 2, 5, 3000);
    const world = createScriptedWorld(events);
    // Half real time: the 3 s of simulated events stream for about 6 s, long enough to cut the socket several times.
    const server = await serve(world, 0.5);
    const page = await openPage(server);
    await page.click('#play');
    const lastSeq = events[events.length - 1]!.seq;
    let drops = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.waitForTimeout(400);
      await page.waitForSelector('#status[data-state="live"]');
      if ((await inspect(page)).lastSeq === lastSeq) break;
      await page.evaluate(() => (globalThis as unknown as PageHook).vnetsim.dropConnection());
      drops++;
    }
    expect(drops).toBeGreaterThanOrEqual(2);
    await page.waitForFunction((last) => (globalThis as unknown as PageHook).vnetsim.inspect().lastSeq === last, lastSeq, { timeout: 20_000 });
    const stats = await inspect(page);
    expect(stats.hellos).toBe(1 + drops);
    expect(stats.snapshots).toBe(0);
    expect(stats.duplicates).toBe(0);
    expect(stats.eventSeqs).toEqual(events.map((e) => e.seq));
    await page.close();
  });

  it('refuses a page from another site', async () => {
    const server = await serve(createScriptedWorld(hubEvents()));
    const foreign: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><script>
        const ws = new WebSocket('ws://127.0.0.1:${server.port}/events');
        ws.onopen = () => { document.title = 'opened'; };
        ws.onmessage = () => { document.title = 'read'; };
        ws.onclose = () => { if (document.title === '') document.title = 'refused'; };
      </script>`);
    });
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
    const page = await session.browser.newPage();
    await page.goto(`http://localhost:${(foreign.address() as AddressInfo).port}/`);
    await page.waitForFunction('document.title !== ""');
    expect(await page.title()).toBe('refused');
    await page.close();
    await new Promise<void>((r) => foreign.close(() => r()));
  });

  it('traces a reach query hop by hop and exports the graph as SVG', async () => {
    const answer = {
      verdict: 'reachable' as const, disposition: 'accepted',
      hops: ['vm:web/web1', 'subnet:HubVNet/FrontEnd', 'vnet:HubVNet', 'subnet:HubVNet/BackEnd', 'vm:db/sql1'].map((nodeId) => ({ nodeId, label: nodeId.split(/[:/]/).pop()! })),
      blockers: [], text: 'web1 → sql1\n',
    };
    const world = { ...createScriptedWorld(hubEvents()), reach: (_from: string, _to: string, atSeq?: number) => ({ atSeq: atSeq ?? 0, atMs: 0, answer }) };
    world.advanceTo(60 * 60_000);
    const server = await serve(world);
    const page = await openPage(server);
    await page.waitForSelector(`#topology[data-node-count="${HUB_NODE_COUNT}"]`);
    await page.waitForTimeout(500);
    // A click inside a box, away from its circle and caption (its right end), picks the box's node.
    const gatewaySubnet = page.locator('rect.box[data-id="subnet:HubVNet/GatewaySubnet"]');
    const extent = (await gatewaySubnet.boundingBox())!;
    await gatewaySubnet.click({ position: { x: extent.width - 6, y: extent.height / 2 } });
    await page.waitForSelector('g.node.selected[data-id="subnet:HubVNet/GatewaySubnet"]', { state: 'attached' });
    await gatewaySubnet.click({ position: { x: extent.width - 6, y: extent.height / 2 } });
    await page.click('g.node[data-id="vm:web/web1"] circle');
    await page.click('g.node[data-id="vm:db/sql1"] circle');
    await page.waitForSelector('#reach-result[data-verdict="reachable"]');
    // The verdict text lands before the graph redraws on its next frame: wait for the highlighted path itself.
    await expect.poll(() => page.locator('g.node.on-path').count()).toBe(5);
    await expect.poll(() => page.locator('path.link.on-path').count()).toBe(4);
    const svg = await page.evaluate(() => (globalThis as unknown as PageHook).vnetsim.exportSvg());
    writeFileSync(join(ARTIFACTS, 'topology.svg'), svg);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/class="node /g)).toHaveLength(HUB_NODE_COUNT);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-reach.png') });
    await page.close();
  });

  it('draws with the renderer the URL asks for, whatever the size', async () => {
    const world = createScriptedWorld(hubEvents());
    world.advanceTo(60 * 60_000);
    const server = await serve(world);
    const page = await session.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}?renderer=canvas`);
    await page.waitForSelector(`#topology[data-renderer="canvas"][data-node-count="${HUB_NODE_COUNT}"]`);
    expect(await page.locator('#topology canvas').count()).toBe(1);
    expect(await page.locator('#topology svg g.node').count()).toBe(0);
    await page.close();
  });

  it('starts with the legend folded in an 800×600 window; opened, it wraps between items, never inside one', async () => {
    const world = createScriptedWorld(hubEvents());
    world.advanceTo(60 * 60_000);
    const page = await openPage(await serve(world), 800, 600);
    // Folded, the legend is one line over the graph's bottom edge (open, its 20 items took three).
    const summary = await page.locator('#legend summary').boundingBox();
    const folded = await page.locator('#legend').boundingBox();
    expect(await page.locator('#legend').getAttribute('open')).toBeNull();
    expect(folded!.height).toBeLessThan(summary!.height * 1.5 + 8);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-800x600.png') });
    await page.locator('#legend summary').click();
    await page.waitForSelector('#legend[open]');
    const items = await page.locator('#legend span').evaluateAll((spans) =>
      spans.map((span) => ({ text: span.textContent, height: span.getBoundingClientRect().height })));
    expect(items.length).toBeGreaterThan(10);
    // Every item is one line tall, the height of the shortest; a split item is about twice that.
    const oneLine = Math.min(...items.map((item) => item.height));
    expect(oneLine).toBeGreaterThan(0);
    expect(items.filter((item) => item.height > oneLine * 1.5)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-800x600-legend.png') });
    await page.close();
  });

  it('shows the legend open in a wide window', async () => {
    const world = createScriptedWorld(hubEvents());
    world.advanceTo(60 * 60_000);
    const page = await openPage(await serve(world), 1400, 900);
    expect(await page.locator('#legend').getAttribute('open')).not.toBeNull();
    expect(await page.locator('#legend span').first().isVisible()).toBe(true);
    await page.close();
  });

  it('draws a 2,000-node world on a canvas', async () => {
    const events = largeWorldEvents(16, 5, 23, 0);
    const world = createScriptedWorld(events);
    world.advanceTo(0);
    const server = await serve(world);
    const page = await openPage(server);
    await page.waitForSelector('#topology[data-renderer="canvas"]');
    const count = Number(await page.getAttribute('#topology', 'data-node-count'));
    expect(count).toBeGreaterThan(2000);
    await page.waitForTimeout(800);
    // Fitted to the panel, the drawing fills it both ways (it used to be a strip ~30 px wide and 600 px tall).
    const { drawnExtent } = await inspect(page);
    expect(Math.max(drawnExtent.width / drawnExtent.panelWidth, drawnExtent.height / drawnExtent.panelHeight)).toBeGreaterThan(0.9);
    expect(Math.min(drawnExtent.width / drawnExtent.panelWidth, drawnExtent.height / drawnExtent.panelHeight)).toBeGreaterThan(0.6);
    await page.screenshot({ path: join(ARTIFACTS, 'viz-large.png') });
    await page.close();
  });
});
