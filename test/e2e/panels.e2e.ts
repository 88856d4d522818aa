import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, usePageSession } from './browser.js';
import { describe, expect, it } from 'vitest';
import { formatPrefix, parsePrefix4, splitPrefix, type Prefix4 } from '../../src/ipam/index.js';
import { createScenarioWorld } from '../../src/cli/serve.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { formatClock, startVizServer, type LiveWorld } from '../../src/viz/index.js';
import { runVnetsim } from '../cli/run-cli.js';

/* The page's diff, prefix tree and matrix panels against the CLI commands they show, in real Chromium. */

const STORY = 'scenarios/reach-hybrid.yaml';
const HUB = 'test/e2e/fixtures/hub-tunnel.yaml';
const MINUTE_MS = 60_000;
const session = usePageSession('web-panels');

/** The page's automation hook, typed for the evaluate callbacks that run in the session.browser. */
interface PageHook {
  vnetsim: { showSeq(seq: number): void; inspect(): { cursor: number | null; lastSeq: number } };
}

async function playedTo(file: string, minutes: number): Promise<LiveWorld> {
  const world = createScenarioWorld(await loadScenarioFile(file));
  world.advanceTo(minutes * MINUTE_MS);
  return world;
}

async function openPage(world: LiveWorld, width = 1400, height = 900): Promise<Page> {
  const server = await startVizServer({ world, port: 0, webRoot: session.webRoot });
  session.servers.push(server);
  const page = await session.browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url);
  await page.waitForSelector('#status[data-state="live"]');
  await page.locator('#event-list li').first().waitFor({ state: 'attached' });
  await openSidePanel(page);
  expect(errors).toEqual([]);
  return page;
}

/** Below 1000 px the side panel opens over the graph from the header's button (#13 item 9). */
async function openSidePanel(page: Page): Promise<void> {
  if (await page.locator('#toggle-panel').isVisible() && !(await page.locator('#side-panel').isVisible())) await page.click('#toggle-panel');
}

async function showSeq(page: Page, seq: number): Promise<void> {
  await page.evaluate((s) => (globalThis as unknown as PageHook).vnetsim.showSeq(s), seq);
  await expect.poll(() => shownSeq(page)).toBe(seq);
}

/** The last event the page shows: its cursor, or the newest event held when it follows the live end. */
function shownSeq(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { cursor, lastSeq } = (globalThis as unknown as PageHook).vnetsim.inspect();
    return cursor ?? lastSeq;
  });
}

/** The seq of the last event at or before `ms`: the page's moment that is the CLI's moment at that time. */
function lastSeqBy(world: LiveWorld, ms: number): number {
  return [...world.events].findLast((e) => e.time <= ms)!.seq;
}

interface CliFlow {
  from: string;
  to: string;
  port: string;
  before: string;
  after: string;
  causes: { seq: number; time: number; type: string; object: string; detail: string }[];
}

describe('the live view panels in a real browser', () => {
  it('diffs two moments picked on the scrubber: the same flows as `vnetsim diff`, their ends marked on the graph', async () => {
    const world = await playedTo(STORY, 210);
    const page = await openPage(world);
    await showSeq(page, lastSeqBy(world, 30 * MINUTE_MS));
    await page.click('#diff-set-a');
    await showSeq(page, lastSeqBy(world, 210 * MINUTE_MS));
    await page.click('#diff-set-b');
    await page.waitForSelector('#diff-result[data-lost]');

    const cli = await runVnetsim('diff', STORY, '--from', '30m', '--to', '3h30m', '--format', 'json');
    expect(cli.code).toBe(0);
    const expected = JSON.parse(cli.stdout) as { gained: CliFlow[]; lost: CliFlow[]; classes: { id: string; kind: string; members: string[] }[] };
    const shown = (list: 'gained' | 'lost'): Promise<string[]> => page.$$eval(`.diff-flows.${list} .diff-flow`, (items) =>
      items.map((li) => ['data-from', 'data-to', 'data-port'].map((name) => li.getAttribute(name)).join(' ')));
    const flows = (list: CliFlow[]): string[] => list.map((f) => `${f.from} ${f.to} ${f.port}`);
    expect(await shown('lost')).toEqual(flows(expected.lost));
    expect(await shown('gained')).toEqual(flows(expected.gained));
    expect(expected.lost.length).toBeGreaterThan(0);
    // Each flow reads as the CLI's line does (`before → after`), with the events that caused it.
    const heads = await page.$$eval('.diff-flows.lost .diff-flow-head', (items) => items.map((i) => i.textContent ?? ''));
    expected.lost.forEach((flow, i) => expect(heads[i]).toContain(`${flow.before} → ${flow.after}`));
    // Under the first lost flow, its causes as the CLI's text lists them (the first ones, how many more, the last).
    const causes = expected.lost[0]!.causes.map((c) => `#${c.seq}  ${formatClock(c.time)}  ${c.type}  ${c.object}${c.detail === '' ? '' : `  ${c.detail}`}`);
    const listed = causes.length <= 4 ? causes : [...causes.slice(0, 3), `… ${causes.length - 4} more`, causes.at(-1)];
    expect(await page.locator('.diff-flows.lost .diff-flow').first().locator('.diff-causes li').allTextContents()).toEqual(listed);
    // The ends of every lost flow are ringed on the graph; a click on a flow rings only its own two classes.
    const ends = (flow: CliFlow): Set<string> => new Set([flow.from, flow.to].flatMap((id) => {
      const cls = expected.classes.find((c) => c.id === id)!;
      return cls.members.map((m) => (cls.kind === 'site' ? `site:${m}` : `vm:${m}`));
    }));
    const ringed = (): Promise<string[]> => page.$$eval('#topology g.node.diff-lost', (nodes) => nodes.map((n) => n.getAttribute('data-id') ?? '').sort());
    expect(await ringed()).toEqual([...new Set(expected.lost.flatMap((f) => [...ends(f)]))].sort());
    await page.locator('.diff-flows.lost .diff-flow-head').nth(3).click();
    await expect.poll(ringed).toEqual([...ends(expected.lost[3]!)].sort());
    await page.screenshot({ path: join(ARTIFACTS, 'panels-diff-1400x900.png') });
    // A cause is a link to its moment: the scrubber goes right after that event.
    const cause = page.locator('.diff-causes li[data-seq]').first();
    const seq = await cause.getAttribute('data-seq');
    await cause.click();
    await expect.poll(() => shownSeq(page)).toBe(Number(seq));
    await page.setViewportSize({ width: 800, height: 600 });
    await openSidePanel(page);
    await page.screenshot({ path: join(ARTIFACTS, 'panels-diff-800x600.png') });
    await page.close();
  });

  it('shows the address plan as a prefix tree whose free blocks are what `vnetsim free` hands out', async () => {
    const world = await playedTo(HUB, 30);
    const page = await openPage(world);
    // The tree is drawn at most every 250 ms while events arrive: wait for the world at its end (web1 holds its DIP).
    await page.locator('tr[data-prefix="10.1.1.0/24"]', { hasText: 'FrontEnd: 1 of 251 usable held' }).waitFor();
    const rows = await page.$$eval('table.prefix-tree tr.prefix', (trs) => trs.map((tr) => `${tr.getAttribute('data-kind')} ${tr.getAttribute('data-prefix')}`));
    expect(rows.slice(0, 4)).toEqual(['space 10.1.0.0/16', 'free 10.1.0.0/24', 'subnet 10.1.1.0/24', 'free 10.1.2.0/23']);
    const free = rows.filter((r) => r.startsWith('free ')).map((r) => prefix(r.slice('free '.length)));
    // Asking for every /28 of the /16, the CLI lists those that are free and says the rest are taken (exit 1); every
    // free block of the tree is a /28 or larger, so splitting them into /28s gives the same list, in the same order.
    const cli = await runVnetsim('free', HUB, '--vnet', 'CorpVNet', '--size', '28', '--count', String(2 ** (28 - 16)));
    expect(cli.code).toBe(1);
    expect(free.every((p) => p.length <= 28)).toBe(true);
    expect(free.flatMap((p) => [...splitPrefix(p, 28)]).map(formatPrefix)).toEqual(cli.stdout.trim().split('\n'));
    // A click on a subnet lists its addresses: the reserved ones, web1's DIP, the free run, the broadcast address.
    await page.click('tr[data-prefix="10.1.1.0/24"]');
    const addresses = await page.$$eval('table.prefix-tree tr.address', (trs) => trs.map((tr) => [...tr.children].slice(0, 2).map((td) => td.textContent).join(' ')));
    expect(addresses).toEqual([
      '10.1.1.0 network address (reserved)', '10.1.1.1 default gateway (reserved)', '10.1.1.2 Azure DNS (reserved)', '10.1.1.3 Azure DNS (reserved)',
      '10.1.1.4 web/web1 · ReadyRole', '10.1.1.5 – 10.1.1.254 free', '10.1.1.255 broadcast address (reserved)',
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'panels-prefix-tree-1400x900.png') });
    // The tree follows the scrubber: just before web1 gets its DIP, FrontEnd holds nothing.
    const allocated = [...world.events].find((e) => e.type === 'dip.allocated')!;
    await showSeq(page, allocated.seq - 1);
    await page.locator('tr[data-prefix="10.1.1.0/24"]', { hasText: 'FrontEnd: 0 of 251 usable held' }).waitFor();
    expect(await page.locator('tr.address.held').count()).toBe(0);
    await showSeq(page, world.events.at(-1)!.seq);
    await page.setViewportSize({ width: 800, height: 600 });
    await openSidePanel(page);
    await page.locator('#plan-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'panels-prefix-tree-800x600.png') });
    await page.close();
  });

  it('draws the reachability matrix at the moment shown and explains a clicked cell with the reach answer', async () => {
    const world = await playedTo(STORY, 210);
    const atSeq = lastSeqBy(world, 30 * MINUTE_MS);
    const page = await openPage(world, 800, 600);
    await showSeq(page, atSeq);
    await page.click('#matrix-panel > summary');
    await page.waitForSelector('table.matrix td.reachable');
    const matrix = world.matrix!(atSeq);
    expect(await page.locator('table.matrix tbody tr').count()).toBe(matrix.classes.length);
    expect(await page.locator('table.matrix td.reachable').count()).toBe(matrix.cells.length);
    const cell = page.locator('table.matrix td.unreachable').first();
    const [fromNode, toNode] = [await cell.getAttribute('data-from-node'), await cell.getAttribute('data-to-node')];
    await cell.click();
    await page.waitForSelector('#matrix-explain[data-verdict="unreachable"]');
    expect(await page.textContent('#matrix-explain pre')).toBe(world.reach!(fromNode!, toNode!, atSeq).answer.text);
    await page.locator('#matrix-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'panels-matrix-800x600.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'panels-matrix-1400x900.png') });
    await page.close();
  });
});

function prefix(text: string): Prefix4 {
  const parsed = parsePrefix4(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

