/**
 * Live view at scale (issue 6). Two parts, each beside a baseline measured in the same run:
 * 1. Streaming: the viz server plays a ~204k-event world (2,036 nodes, 200k VM state flips) to 5 `ws` clients that
 *    check every event arrives exactly once in seq order, while a 6th client reads nothing; events/s delivered to all
 *    5, CPU time, peak heap and RSS growth, and what became of the stalled client. Baseline: a bare `ws` server sending
 *    the same frames (pre-serialised) to 5 identical clients, no protocol.
 * 2. Rendering: headless Chromium shows 500- and 2,000-node worlds taking ~3,000 events/s (≈ 50 recolours per 60 Hz
 *    frame), drawn on canvas and on SVG; frame times measured in the page with requestAnimationFrame. Baseline: an
 *    empty page's rAF rate.
 * Run: `npm run bench -- viz`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import WebSocket, { WebSocketServer } from 'ws';
import { buildWeb } from '../scripts/build-web.mjs';
import { createScriptedWorld, DEFAULT_MAX_BATCH_EVENTS, DEFAULT_MAX_BUFFERED_BYTES, startVizServer, type ServerMessage, type TimedEvent } from '../src/viz/index.js';
import { launchChromium } from '../test/e2e/browser.js';
import { largeWorldEvents } from '../test/viz/fixtures.js';

const STREAM_STATE_CHANGES = 200_000;
const STREAM_CLIENTS = 5;
const STREAM_ROUNDS = 2;
/** Events handed to the world per macrotask: a playback tick at speed 40 in this world (1 event per simulated ms). */
const PRODUCE_CHUNK_EVENTS = 2_000;
/**
 * How far the producer may run ahead of the slowest reading client. Well under the stream's 4 MiB slow-client limit
 * (~110 B per event), so readers are never resynchronised and must see every event; a faster producer only turns
 * readers into snapshot-takers, which part 1b measures instead.
 */
const PRODUCER_LEAD_EVENTS = 20_000;
const MEMORY_SAMPLE_MS = 10;

const RENDER_STATE_CHANGES = 60_000;
/** 3 simulated ms per real ms = 3,000 VM state flips a second, ≈ 50 per frame at 60 Hz (the measured load). */
const RENDER_SPEED = 3;
const LAYOUT_SETTLE_MS = 1_500;
const FRAME_SAMPLE_MS = 4_000;
const TARGET_FPS = 30;

const MiB = 1024 * 1024;

function format(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

// ---------------------------------------------------------------- part 1: streaming

/** A reading client's tally: what it got and whether the seqs ran without gap or repeat. */
interface Reader {
  socket: WebSocket;
  nextSeq: number;
  lastSeq: number;
  events: number;
  bytes: number;
  hellos: number;
  snapshots: number;
  snapshotBytes: number;
  outOfOrder: number;
}

const progressWaiters = new Set<() => void>();

function wakeProducer(): void {
  for (const wake of progressWaiters) wake();
  progressWaiters.clear();
}

function nextProgress(): Promise<void> {
  return new Promise((resolve) => progressWaiters.add(resolve));
}

/** Opens a reader: every frame is parsed and its seqs checked, the same work in the protocol run and the baseline. */
async function openReader(url: string, startSeq: number): Promise<Reader> {
  const socket = new WebSocket(url);
  const reader: Reader = { socket, nextSeq: startSeq, lastSeq: startSeq - 1, events: 0, bytes: 0, hellos: 0, snapshots: 0, snapshotBytes: 0, outOfOrder: 0 };
  socket.on('message', (data: Buffer) => {
    reader.bytes += data.length;
    const message = JSON.parse(String(data)) as ServerMessage;
    if (message.type === 'hello') {
      reader.hellos++;
      if (message.snapshot !== null) {
        reader.snapshots++;
        reader.snapshotBytes += data.length;
      }
      reader.nextSeq = message.lastSeq + 1;
      reader.lastSeq = message.lastSeq;
    } else if (message.type === 'events') {
      for (const event of message.events) {
        if (event.seq !== reader.nextSeq) reader.outOfOrder++;
        reader.nextSeq = event.seq + 1;
        reader.lastSeq = event.seq;
        reader.events++;
      }
    }
    wakeProducer();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return reader;
}

/** Peak RSS and heap over a run, sampled on a timer (the server and readers share this process). */
function sampleMemory(): { stop(): { peakRssBytes: number; heapBytes: number } } {
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  }, MEMORY_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return { peakRssBytes: rss, heapBytes: heap - before.heapUsed };
    },
  };
}

interface StreamRun {
  wallMs: number;
  cpuMs: number;
  /** Highest RSS of the whole process during the run (growth says little once an earlier run has sized the heap). */
  peakRssBytes: number;
  heapBytes: number;
  readers: Reader[];
}

/**
 * Feeds `produceUpTo(count)` chunk by chunk, never more than PRODUCER_LEAD_EVENTS ahead of the slowest reader, and
 * resolves when every reader holds the last seq.
 */
async function pump(readers: Reader[], total: number, lastSeq: number, produceUpTo: (count: number) => void): Promise<StreamRun> {
  collectGarbage();
  const memory = sampleMemory();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let produced = 0;
  const slowestIndex = (): number => Math.min(...readers.map((r) => r.lastSeq)) + 1;
  while (produced < total || readers.some((r) => r.lastSeq < lastSeq)) {
    if (produced < total && produced - slowestIndex() < PRODUCER_LEAD_EVENTS) {
      produced = Math.min(total, produced + PRODUCE_CHUNK_EVENTS);
      produceUpTo(produced);
      await new Promise((resolve) => setImmediate(resolve));
    } else {
      await nextProgress();
    }
  }
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, ...memory.stop(), readers };
}

async function streamThroughServer(script: readonly TimedEvent[]): Promise<{ run: StreamRun; stalled: Reader; resyncMs: number; firstHelloBytes: number }> {
  const world = createScriptedWorld(script);
  const server = await startVizServer({ world, port: 0 });
  const url = `ws://127.0.0.1:${server.port}/events`;
  const readers = await Promise.all(Array.from({ length: STREAM_CLIENTS }, () => openReader(url, 0)));
  const stalled = await openReader(url, 0);
  while (stalled.hellos === 0) await nextProgress();
  const firstHelloBytes = stalled.snapshotBytes;
  // Reads nothing from here on: the server's send queue for it fills until the stream stops feeding it.
  stalled.socket.pause();
  const lastSeq = script[script.length - 1]!.seq;
  const run = await pump(readers, script.length, lastSeq, (count) => world.advanceTo(script[count - 1]!.time));
  const resumedAt = performance.now();
  stalled.socket.resume();
  while (stalled.lastSeq < lastSeq) await nextProgress();
  const resyncMs = performance.now() - resumedAt;
  await Promise.all([...readers, stalled].map((r) => closeSocket(r.socket)));
  await server.close();
  return { run, stalled, resyncMs, firstHelloBytes };
}

/** The same frames the stream would send, serialised up front, pushed by a bare ws server to identical readers. */
async function streamBaseline(script: readonly TimedEvent[]): Promise<StreamRun> {
  const frames: { end: number; text: string }[] = [];
  for (let start = 0; start < script.length; start += DEFAULT_MAX_BATCH_EVENTS) {
    const end = Math.min(script.length, start + DEFAULT_MAX_BATCH_EVENTS);
    frames.push({ end, text: JSON.stringify({ type: 'events', events: script.slice(start, end) }) });
  }
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
  const readers = await Promise.all(Array.from({ length: STREAM_CLIENTS }, () => openReader(url, 0)));
  let sentFrames = 0;
  const run = await pump(readers, script.length, script[script.length - 1]!.seq, (count) => {
    for (; sentFrames < frames.length && frames[sentFrames]!.end <= count; sentFrames++) {
      for (const client of wss.clients) client.send(frames[sentFrames]!.text);
    }
  });
  await Promise.all(readers.map((r) => closeSocket(r.socket)));
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  return run;
}

function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.close();
  });
}

function checkReaders(label: string, readers: readonly Reader[], eventCount: number): void {
  for (const reader of readers) {
    if (reader.events !== eventCount || reader.outOfOrder !== 0 || reader.snapshots > 1) {
      throw new Error(`${label}: a reader got ${reader.events} of ${eventCount} events, ${reader.outOfOrder} out of order, ${reader.snapshots} snapshots`);
    }
  }
}

async function benchStreaming(): Promise<void> {
  const script = largeWorldEvents(16, 5, 23, STREAM_STATE_CHANGES);
  const eventCount = script.length;
  // Baseline and server take turns, twice each, and the best of each counts: drift on a shared machine shows as spread.
  const baselines: StreamRun[] = [];
  const served: Awaited<ReturnType<typeof streamThroughServer>>[] = [];
  for (let round = 0; round < STREAM_ROUNDS; round++) {
    baselines.push(await streamBaseline(script));
    served.push(await streamThroughServer(script));
  }
  checkReaders('baseline', baselines.flatMap((b) => b.readers), eventCount);
  checkReaders('server', served.flatMap((s) => s.run.readers), eventCount);
  for (const { stalled } of served) {
    if (stalled.snapshots !== 2 || stalled.outOfOrder !== 0) throw new Error(`the stalled client got ${stalled.snapshots - 1} resync snapshots, ${stalled.outOfOrder} events out of order`);
  }
  const best = (runs: readonly StreamRun[], key: 'wallMs' | 'cpuMs'): number => Math.min(...runs.map((r) => r[key]));
  const runs = served.map((s) => s.run);
  const baselineWallMs = best(baselines, 'wallMs');
  const baselineCpuMs = best(baselines, 'cpuMs');
  const wallMs = best(runs, 'wallMs');
  const cpuMs = best(runs, 'cpuMs');
  const rate = (ms: number): number => eventCount / (ms / 1000);
  const spread = (list: readonly StreamRun[]): string => list.map((r) => format(rate(r.wallMs))).join(', ');
  const { stalled, resyncMs, firstHelloBytes } = served[served.length - 1]!;
  const bytesPerReader = runs[0]!.readers[0]!.bytes;
  const resyncBytes = stalled.snapshotBytes - firstHelloBytes;
  const peak = (list: readonly StreamRun[], key: 'heapBytes' | 'peakRssBytes'): string => format(Math.max(...list.map((r) => r[key])) / MiB, 1);

  console.log(`streaming: ${format(eventCount)} events (2,036 nodes, ${format(STREAM_STATE_CHANGES)} VM state flips), ${STREAM_CLIENTS} reading clients`
    + ` + 1 stalled; server and clients share one Node process; best of ${STREAM_ROUNDS} runs each`);
  console.log(`  baseline  bare ws, pre-serialised frames: ${format(rate(baselineWallMs))} events/s to all ${STREAM_CLIENTS} (runs ${spread(baselines)});`
    + ` CPU ${format(baselineCpuMs)} ms = ${format(rate(baselineCpuMs))} events per CPU-second`);
  console.log(`  server    vnetsim protocol: ${format(rate(wallMs))} events/s to all ${STREAM_CLIENTS} (runs ${spread(runs)};`
    + ` ${format(baselineWallMs / wallMs, 2)}× baseline rate; target ≥ 50,000);`
    + ` CPU ${format(cpuMs)} ms = ${format(rate(cpuMs))} events per CPU-second (${format(baselineCpuMs / cpuMs, 2)}× baseline)`);
  console.log(`  checked   every reader: ${format(eventCount)} events once each in seq order, ${format(bytesPerReader / MiB, 1)} MiB;`
    + ` ${format(STREAM_CLIENTS * eventCount)} deliveries per run`);
  console.log(`  memory    during a run: heap peak growth ${peak(runs, 'heapBytes')} MiB, process RSS peak ${peak(runs, 'peakRssBytes')} MiB`
    + ` (baseline ${peak(baselines, 'heapBytes')} MiB, ${peak(baselines, 'peakRssBytes')} MiB; ${format(DEFAULT_MAX_BUFFERED_BYTES / MiB)} MiB send limit per client)`);
  console.log(`  stalled   got ${format(stalled.events)} events (${format(stalled.events / eventCount * 100, 1)}% of the log) before the server stopped`
    + ` queuing for it at the ${format(DEFAULT_MAX_BUFFERED_BYTES / MiB)} MiB limit, instead of ${format(bytesPerReader / MiB, 1)} MiB unbounded;`
    + ` once reading again it got ${stalled.snapshots - 1} fresh snapshot (${format(resyncBytes / 1024)} KiB) at seq ${format(stalled.lastSeq)} in ${format(resyncMs)} ms`);
}

// ---------------------------------------------------------------- part 2: rendering

// A string, not a function: page.evaluate would serialise a function as tsx compiled it, helpers and all.
const MEASURE_FRAMES = `(durationMs) => new Promise((resolve) => {
  const times = [];
  const step = (t) => {
    times.push(t);
    if (t - times[0] < durationMs) requestAnimationFrame(step);
    else resolve(times);
  };
  requestAnimationFrame(step);
})`;

interface FrameStats {
  fps: number;
  medianMs: number;
  p95Ms: number;
  /** CPU every Chromium process used per wall second: frame rates sag when other work shares the cores, this less so. */
  chromiumCpuMsPerS: number;
}

const CLOCK_TICK_MS = 10;

/** CPU ms used so far by every process descending from this one (Chromium's browser, renderer and GPU processes). */
function childrenCpuMs(): number {
  const processes = new Map<number, { parent: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the `(command)`: state, ppid, …, utime (14th overall), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.set(Number(name), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while the table was being read.
    }
  }
  const family = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, entry] of processes) {
      if (!family.has(pid) && family.has(entry.parent)) {
        family.add(pid);
        grew = true;
      }
    }
  }
  family.delete(process.pid);
  return [...family].reduce((sum, pid) => sum + (processes.get(pid)?.ticks ?? 0), 0) * CLOCK_TICK_MS;
}

async function measureFrames(page: Page): Promise<FrameStats> {
  const cpuBefore = childrenCpuMs();
  const times = await page.evaluate(`(${MEASURE_FRAMES})(${FRAME_SAMPLE_MS})`) as number[];
  const chromiumCpuMsPerS = (childrenCpuMs() - cpuBefore) / (FRAME_SAMPLE_MS / 1000);
  const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  const at = (q: number): number => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))]!;
  return { fps: gaps.length / ((times[times.length - 1]! - times[0]!) / 1000), medianMs: at(0.5), p95Ms: at(0.95), chromiumCpuMsPerS };
}

interface PageCounters {
  renders: number;
  lastSeq: number;
  nodeCount: number;
}

const READ_COUNTERS = '(() => { const s = window.vnetsim.inspect(); return { renders: s.renders, lastSeq: s.lastSeq, nodeCount: s.nodeCount }; })()';

async function measureWorld(browser: Browser, webRoot: string, vnets: number, renderer: 'canvas' | 'svg'): Promise<FrameStats & { nodes: number; rendersPerS: number; eventsPerS: number }> {
  const world = createScriptedWorld(largeWorldEvents(vnets, 5, 23, RENDER_STATE_CHANGES));
  world.advanceTo(0);
  const server = await startVizServer({ world, port: 0, webRoot, speed: RENDER_SPEED });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(`${server.url}?renderer=${renderer}`);
    await page.waitForSelector(`#topology[data-renderer="${renderer}"]`);
    await page.waitForTimeout(LAYOUT_SETTLE_MS);
    server.playback.play();
    await page.waitForTimeout(300);
    const before = await page.evaluate(READ_COUNTERS) as PageCounters;
    const frames = await measureFrames(page);
    const after = await page.evaluate(READ_COUNTERS) as PageCounters;
    const seconds = FRAME_SAMPLE_MS / 1000;
    return { ...frames, nodes: after.nodeCount, rendersPerS: (after.renders - before.renders) / seconds, eventsPerS: (after.lastSeq - before.lastSeq) / seconds };
  } finally {
    server.playback.pause();
    await page.close();
    await server.close();
  }
}

async function benchRendering(): Promise<void> {
  const webRoot = await buildWeb(mkdtempSync(join(tmpdir(), 'vnetsim-bench-web-')));
  const browser = await launchChromium();
  try {
    const empty = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await empty.setContent('<!doctype html><title>empty</title>');
    const baseline = await measureFrames(empty);
    await empty.close();
    console.log(`rendering: headless Chromium (software), 1400×900, ~${format(RENDER_SPEED * 1000)} VM state events/s; frame times from rAF in the page over ${FRAME_SAMPLE_MS / 1000} s`);
    console.log(`  baseline  empty page: ${format(baseline.fps, 1)} fps, median ${format(baseline.medianMs, 1)} ms, p95 ${format(baseline.p95Ms, 1)} ms;`
      + ` Chromium CPU ${format(baseline.chromiumCpuMsPerS)} ms/s`);
    for (const [vnets, renderer] of [[4, 'canvas'], [16, 'canvas'], [4, 'svg'], [16, 'svg']] as const) {
      const result = await measureWorld(browser, webRoot, vnets, renderer);
      const verdict = renderer === 'canvas' && vnets === 16 ? (result.fps >= TARGET_FPS ? ' (target ≥ 30: met)' : ' (target ≥ 30: MISSED)') : '';
      console.log(`  ${renderer.padEnd(6)} ${format(result.nodes).padStart(5)} nodes: ${format(result.fps, 1)} fps (${format(result.fps / baseline.fps, 2)}× baseline)${verdict},`
        + ` median ${format(result.medianMs, 1)} ms, p95 ${format(result.p95Ms, 1)} ms; Chromium CPU ${format(result.chromiumCpuMsPerS)} ms/s`
        + ` (${format(result.chromiumCpuMsPerS / Math.max(baseline.chromiumCpuMsPerS, CLOCK_TICK_MS), 1)}× baseline); ${format(result.rendersPerS, 1)} redraws/s, ${format(result.eventsPerS)} events/s taken in`);
    }
  } finally {
    await browser.close();
    rmSync(webRoot, { recursive: true, force: true });
  }
}

await benchStreaming();
await benchRendering();
