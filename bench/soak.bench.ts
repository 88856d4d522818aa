/**
 * Soak and abuse of `vnetsim serve` (issue #14). Run: `npm run bench -- soak` (SOAK_EVENTS=200000 for a shorter soak).
 * 1. Soak: a long log (SOAK_EVENTS VM state changes, default 1,000,000) streamed to 5 clients that each drop their
 *    connection at random moments and reconnect from the last event they hold; every event is checked to arrive once,
 *    in seq order: lost, duplicated and reordered events are counted, RSS is sampled. Baseline: RSS after the world is
 *    built and the server listens, before any client connects.
 * 2. Abuse: a never-reading client flooding 1-byte frames, never-reading clients sending unsolicited pongs, bad
 *    request targets, and seeks to 2^53 ms, against a server that a well-behaved page keeps using. Asserts the server
 *    stays up (HTTP answers, the page keeps its stream), the abusers are dropped, and no client ever has more than
 *    the 4 MiB bound queued; RSS before and after. Exits 1 if an assertion fails.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createScriptedWorld, DEFAULT_MAX_BUFFERED_BYTES, startVizServer, type ServerMessage, type VizServer } from '../src/viz/index.js';
import { createRng } from '../test/fuzz/mutator.js';
import { openRawWs, sendRawRequest } from '../test/viz/raw-ws.js';
import { largeWorldEvents } from '../test/viz/fixtures.js';

const SOAK_EVENTS = Number(process.env['SOAK_EVENTS'] ?? 1_000_000);
const SOAK_CLIENTS = 5;
/** Events handed to the world per step of the producer. */
const PRODUCE_CHUNK_EVENTS = 2_000;
/** How far the producer may run ahead of the slowest client: well under the 4 MiB bound, so nobody is resynchronised. */
const PRODUCER_LEAD_EVENTS = 20_000;
/** Each client drops its connection after a random number of messages up to this. */
const MAX_MESSAGES_PER_CONNECTION = 20;
const RSS_SAMPLE_MS = 100;
const MB = 1024 * 1024;

interface SoakClient {
  lastSeq: number;
  lost: number;
  duplicated: number;
  reordered: number;
  reconnects: number;
  snapshots: number;
  received: number;
  stop(): void;
}

/** A client that checks exactly-once, in-order delivery across reconnects, resuming from the last seq it holds. */
function startSoakClient(port: number, random: () => number): SoakClient {
  const client: SoakClient = { lastSeq: -1, lost: 0, duplicated: 0, reordered: 0, reconnects: -1, snapshots: 0, received: 0, stop: () => undefined };
  let stopped = false;
  const connect = (): void => {
    if (stopped) return;
    client.reconnects++;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/events?lastSeq=${client.lastSeq}`);
    let budget = 1 + Math.floor(random() * MAX_MESSAGES_PER_CONNECTION);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'hello' && message.snapshot !== null) {
        // a snapshot stands in for the events before it: not lost, but counted, and the position moves to it
        client.snapshots++;
        client.lastSeq = message.lastSeq;
      }
      if (message.type === 'events') {
        for (const event of message.events) {
          client.received++;
          if (event.seq === client.lastSeq + 1) client.lastSeq = event.seq;
          else if (event.seq <= client.lastSeq) client[event.seq === client.lastSeq ? 'duplicated' : 'reordered']++;
          else {
            client.lost += event.seq - client.lastSeq - 1;
            client.lastSeq = event.seq;
          }
        }
      }
      if (--budget === 0) socket.terminate();
    });
    socket.on('close', () => setImmediate(connect));
    socket.on('error', () => undefined);
    client.stop = () => {
      stopped = true;
      socket.terminate();
    };
  };
  connect();
  return client;
}

/** Samples this process's RSS until stopped. */
function sampleRss(): { stop(): { startMb: number; peakMb: number; endMb: number } } {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), RSS_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      const end = process.memoryUsage.rss();
      return { startMb: Math.round(start / MB), peakMb: Math.round(Math.max(peak, end) / MB), endMb: Math.round(end / MB) };
    },
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function soak(): Promise<boolean> {
  const events = largeWorldEvents(10, 10, 10, SOAK_EVENTS);
  const world = createScriptedWorld(events);
  const server = await startVizServer({ world, port: 0 });
  global.gc?.();
  const rss = sampleRss();
  const started = performance.now();
  // seeded, so two runs reconnect at the same moments
  const rng = createRng(14);
  const random = (): number => rng.next();
  const clients = Array.from({ length: SOAK_CLIENTS }, () => startSoakClient(server.port, random));
  const lastSeq = events[events.length - 1]!.seq;
  for (let time = 0; time <= events[events.length - 1]!.time; time += PRODUCE_CHUNK_EVENTS) {
    world.advanceTo(time);
    while (Math.min(...clients.map((c) => c.lastSeq)) < world.events.length - PRODUCER_LEAD_EVENTS) await pause(5);
  }
  world.advanceTo(Number.MAX_SAFE_INTEGER);
  while (clients.some((c) => c.lastSeq < lastSeq)) await pause(20);
  const seconds = (performance.now() - started) / 1000;
  for (const client of clients) client.stop();
  const memory = rss.stop();
  await server.close();
  const total = (key: keyof Pick<SoakClient, 'lost' | 'duplicated' | 'reordered' | 'reconnects' | 'snapshots' | 'received'>): number =>
    clients.reduce((sum, c) => sum + c[key], 0);
  process.stdout.write(
    `soak: ${events.length} events × ${SOAK_CLIENTS} clients in ${seconds.toFixed(1)} s (${Math.round(total('received') / seconds)} events/s delivered), ` +
      `${total('reconnects')} reconnects, ${total('snapshots')} snapshot resyncs\n` +
      `  lost ${total('lost')}, duplicated ${total('duplicated')}, reordered ${total('reordered')}\n` +
      `  RSS ${memory.startMb} MB at the start (baseline: world built, server listening), peak ${memory.peakMb} MB ` +
      `(${(memory.peakMb / memory.startMb).toFixed(2)}× baseline), ${memory.endMb} MB at the end\n`,
  );
  return total('lost') + total('duplicated') + total('reordered') === 0;
}

async function abuse(): Promise<boolean> {
  const world = createScriptedWorld(largeWorldEvents(4, 4, 4, 10_000));
  const server: VizServer = await startVizServer({ world, port: 0, heartbeatIntervalMs: 5_000 });
  global.gc?.();
  const rss = sampleRss();
  // The peak of every socket's queue at each send: the one send path must keep it at the bound plus one frame.
  let peakQueued = 0;
  const originalSend = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: unknown, ...rest: unknown[]) {
    peakQueued = Math.max(peakQueued, this.bufferedAmount + String(data).length);
    (originalSend as (...args: unknown[]) => void).call(this, data, ...rest);
  } as WebSocket['send'];
  const page = new WebSocket(`ws://127.0.0.1:${server.port}/events?lastSeq=-1`);
  let pageEvents = 0;
  page.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    if (message.type === 'events') pageEvents += message.events.length;
  });
  await new Promise((resolve) => page.once('open', resolve));

  const flooder = await openRawWs(server.port, { neverRead: true });
  const ponger = await openRawWs(server.port, { neverRead: true });
  const pongs = setInterval(() => ponger.sendFrame(0xa, 'alive'), 10);
  let floodFrames = 0;
  while (!flooder.socket.destroyed && floodFrames < 500_000) {
    flooder.sendFrame(0x1, 'x');
    if (++floodFrames % 2000 === 0) await pause(0);
  }
  await ponger.closed;
  clearInterval(pongs);
  let refusedTargets = 0;
  for (const target of ['//[', 'http://[', '//', '/%', '/\u0000', '/events?lastSeq=99999999999999999999', '*']) {
    for (let n = 0; n < 100; n++) {
      const answer = await sendRawRequest(server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`);
      if (/^HTTP\/1\.1 4\d\d /.test(answer)) refusedTargets++;
    }
  }
  let seekErrors = 0;
  page.on('message', (data) => {
    if ((JSON.parse(String(data)) as ServerMessage).type === 'error') seekErrors++;
  });
  for (let n = 0; n < 1000; n++) page.send(JSON.stringify({ type: 'seek', timeMs: Number.MAX_SAFE_INTEGER }));
  world.advanceTo(Number.MAX_SAFE_INTEGER);
  const expectedEvents = world.events.length;
  const deadline = Date.now() + 30_000;
  while ((seekErrors < 1000 || pageEvents < expectedEvents) && Date.now() < deadline) await pause(20);
  const httpStatus = (await fetch(`http://127.0.0.1:${server.port}/`)).status;
  WebSocket.prototype.send = originalSend;
  const memory = rss.stop();
  const dropped = server.stream.droppedClients;
  const heartbeatDropped = ponger.socket.destroyed ? 1 : 0;
  page.terminate();
  await server.close();
  const checks = {
    'flooder dropped': flooder.socket.destroyed,
    'pong-faker dropped': heartbeatDropped === 1,
    'queue never over the bound': peakQueued <= DEFAULT_MAX_BUFFERED_BYTES + 64 * 1024,
    'every bad target refused with 4xx': refusedTargets === 700,
    'every huge seek answered with an error': seekErrors === 1000,
    'the page got every event': pageEvents === expectedEvents,
    'http still answers': httpStatus === 200 || httpStatus === 503,
  };
  process.stdout.write(
    `abuse: ${floodFrames} 1-byte frames from a never-reading client before it was dropped (${dropped} dropped by the send bound); peak queued ${(peakQueued / MB).toFixed(2)} MiB ` +
      `(bound ${DEFAULT_MAX_BUFFERED_BYTES / MB} MiB); ${refusedTargets}/700 bad targets refused; ${seekErrors}/1000 huge seeks refused; ` +
      `page got ${pageEvents}/${expectedEvents} events; HTTP ${httpStatus} after\n` +
      `  RSS ${memory.startMb} MB before, peak ${memory.peakMb} MB (${(memory.peakMb / memory.startMb).toFixed(2)}× before), ${memory.endMb} MB after\n` +
      Object.entries(checks).map(([name, ok]) => `  ${ok ? 'ok  ' : 'FAIL'} ${name}\n`).join(''),
  );
  return Object.values(checks).every(Boolean);
}

const soakPassed = await soak();
const abusePassed = await abuse();
process.exitCode = soakPassed && abusePassed ? 0 : 1;
