import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { MAX_SIM_TIME_MS } from '../../src/common/index.js';
import { createScriptedWorld, startVizServer, type LiveWorld, type VizServer } from '../../src/viz/index.js';
import { hubEvents } from './fixtures.js';
import { openRawWs, sendRawRequest } from './raw-ws.js';
import { connectClient, receivedSeqs, type TestClient } from './ws-client.js';

const originalSend = WebSocket.prototype.send;
const servers: VizServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(world: LiveWorld, extra: Partial<Parameters<typeof startVizServer>[0]> = {}): Promise<VizServer> {
  const webRoot = mkdtempSync(join(tmpdir(), 'vnetsim-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>vnetsim</title>');
  const server = await startVizServer({ world, port: 0, webRoot, ...extra });
  servers.push(server);
  return server;
}

async function connect(port: number, options: Parameters<typeof connectClient>[1] = {}): Promise<TestClient> {
  const client = await connectClient(port, options);
  clients.push(client);
  return client;
}

/** Polls until `condition` holds; the assertion is on the state reached, the wait only bounds the test. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('viz server under abuse', () => {
  it('answers a request target that is not a path with 400, on plain http and on an upgrade, and stays up', async () => {
    const server = await serve(createScriptedWorld(hubEvents()));
    const host = `Host: 127.0.0.1:${server.port}`;
    expect(await sendRawRequest(server.port, `GET //[ HTTP/1.1\r\n${host}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    const upgrade = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13';
    expect(await sendRawRequest(server.port, `GET //[ HTTP/1.1\r\n${host}\r\n${upgrade}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    // The Host check comes before the target is looked at, whatever the target.
    expect(await sendRawRequest(server.port, `GET //[ HTTP/1.1\r\nHost: evil.example\r\n${upgrade}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 421 /);
    expect(await sendRawRequest(server.port, `GET http://[ HTTP/1.1\r\n${host}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(server.url)).status).toBe(200);
    const page = await connect(server.port);
    await page.waitFor((m) => m[0]?.type === 'hello');
  });

  it('drops a client that floods 1-byte frames and never reads the replies; memory stays at the bound', async () => {
    const bound = 64 * 1024;
    const server = await serve(createScriptedWorld(hubEvents()), { maxBufferedBytes: bound });
    const bystander = await connect(server.port, { lastSeq: -1 });
    // Every frame the server queues, with what was already queued for that socket: the peak the bound must cap.
    let peakQueued = 0;
    const send = vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
      peakQueued = Math.max(peakQueued, this.bufferedAmount + String(args[0]).length);
      originalSend.apply(this, args);
    });
    const flooder = await openRawWs(server.port, { neverRead: true });
    let sent = 0;
    // Each 1-byte frame earns a ~150-byte bad-json reply: 200k of them are 30 MB, far beyond any kernel buffer.
    while (sent < 200_000 && !flooder.socket.destroyed) {
      flooder.sendFrame(0x1, 'x');
      sent++;
      if (sent % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await flooder.closed;
    send.mockRestore();
    expect(server.stream.droppedClients).toBe(1);
    await until(() => server.stream.clientCount === 1);
    // One reply past the bound at most: a reply is queued only while the client is under it.
    expect(peakQueued).toBeGreaterThan(0);
    expect(peakQueued).toBeLessThanOrEqual(bound + 1024);
    expect((await fetch(server.url)).status).toBe(200);
    // The page that reads keeps its connection and gets the stream.
    server.playback.seek(1000);
    await bystander.waitFor((m) => receivedSeqs(m).length === hubEvents().filter((e) => e.time <= 1000).length);
  }, 60_000);

  it('drops a client that never reads even when it sends pongs nobody asked for', async () => {
    const server = await serve(createScriptedWorld(hubEvents()), { heartbeatIntervalMs: 30 });
    const faker = await openRawWs(server.port, { neverRead: true });
    const pongs = setInterval(() => faker.sendFrame(0xa, 'alive'), 5);
    await faker.closed;
    clearInterval(pongs);
    await until(() => server.stream.clientCount === 0);
    const page = await connect(server.port);
    await page.waitFor((m) => m[0]?.type === 'hello');
  });

  it.each([Number.MAX_SAFE_INTEGER, MAX_SIM_TIME_MS + 1, 1e300, -1, 1.5])('refuses a seek to %d with an error, the clock where it was', async (timeMs) => {
    const world = createScriptedWorld(hubEvents());
    world.advanceTo(1000);
    const server = await serve(world);
    const seeker = await connect(server.port);
    const other = await connect(server.port);
    seeker.socket.send(JSON.stringify({ type: 'seek', timeMs }));
    await seeker.waitFor((m) => m.some((x) => x.type === 'error'));
    expect(seeker.messages.find((x) => x.type === 'error')).toMatchObject({ code: 'bad-message' });
    expect(world.now()).toBe(1000);
    other.socket.send(JSON.stringify({ type: 'step' }));
    await other.waitFor((m) => m.some((x) => x.type === 'playback'));
    expect(other.messages.some((x) => x.type === 'error')).toBe(false);
  });

  it('stops playing at the end of simulated time however fast it plays', async () => {
    const world: LiveWorld = { ...createScriptedWorld(hubEvents()), nextEventTime: () => MAX_SIM_TIME_MS * 2 };
    const server = await serve(world);
    server.playback.seek(MAX_SIM_TIME_MS);
    expect(world.now()).toBe(MAX_SIM_TIME_MS);
    server.playback.play(604_800);
    await until(() => !server.playback.isPlaying);
    expect(world.now()).toBe(MAX_SIM_TIME_MS);
  });
});
