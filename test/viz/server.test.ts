import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { applyEvents, createScriptedWorld, createView, startVizServer, PROTOCOL_VERSION, type LiveWorld, type VizServer } from '../../src/viz/index.js';
import { hubEvents } from './fixtures.js';
import { connectClient, receivedSeqs, type TestClient } from './ws-client.js';

const servers: VizServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(world: LiveWorld = createScriptedWorld(hubEvents()), extra: Partial<Parameters<typeof startVizServer>[0]> = {}): Promise<VizServer> {
  const webRoot = mkdtempSync(join(tmpdir(), 'vnetsim-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>vnetsim</title>');
  const server = await startVizServer({ world, port: 0, webRoot, ...extra });
  servers.push(server);
  return server;
}

async function connect(...args: Parameters<typeof connectClient>): Promise<TestClient> {
  const client = await connectClient(...args);
  clients.push(client);
  return client;
}

function refusalOf(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/events`, { headers });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => reject(new Error('connection was accepted')));
    socket.on('error', () => undefined);
  });
}

describe('viz server', () => {
  it('listens on loopback and greets a first visit with the current snapshot', async () => {
    const world = createScriptedWorld(hubEvents());
    world.advanceTo(3000);
    const server = await serve(world);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const client = await connect(server.port);
    await client.waitFor((m) => m.length >= 1);
    const hello = client.messages[0];
    expect(hello).toMatchObject({ type: 'hello', protocolVersion: PROTOCOL_VERSION, lastSeq: 14 });
    expect(hello?.type === 'hello' && hello.snapshot).toEqual(applyEvents(createView(), hubEvents().filter((e) => e.time <= 3000)));
  });

  it('sends the whole log to a page that starts from the empty world, then streams what stepping produces', async () => {
    const world = createScriptedWorld(hubEvents());
    world.advanceTo(1000);
    const server = await serve(world);
    const client = await connect(server.port, { lastSeq: -1 });
    await client.waitFor((m) => receivedSeqs(m).length === 9);
    expect(client.messages[0]).toMatchObject({ type: 'hello', snapshot: null, lastSeq: -1 });
    client.socket.send(JSON.stringify({ type: 'step' }));
    await client.waitFor((m) => m.some((x) => x.type === 'playback'));
    await client.waitFor((m) => receivedSeqs(m).length === 11);
    expect(receivedSeqs(client.messages)).toEqual(hubEvents().slice(0, 11).map((e) => e.seq));
  });

  it('resumes a reconnecting page from its lastSeq: no event lost, none twice', async () => {
    const events = hubEvents();
    const world = createScriptedWorld(events);
    const server = await serve(world);
    const received: number[] = [];
    let lastSeq = -1;
    for (const cutMs of [0, 1000, 3000, 5 * 60_000, 22 * 60_000, 23 * 60_000]) {
      const client = await connect(server.port, { lastSeq });
      world.advanceTo(cutMs);
      const expected = events.filter((e) => e.time <= cutMs).length;
      await client.waitFor((m) => received.length + receivedSeqs(m).length === expected);
      received.push(...receivedSeqs(client.messages));
      lastSeq = received[received.length - 1] ?? -1;
      await client.close();
    }
    expect(received).toEqual(events.map((e) => e.seq));
  });

  it('refuses a WebSocket from a page on another site, and a Host it does not answer to', async () => {
    const server = await serve();
    expect(await refusalOf(server.port, { origin: 'http://evil.example' })).toBe(403);
    expect(await refusalOf(server.port, { host: `evil.example:${server.port}` })).toBe(421);
    const page = await connect(server.port, { headers: { origin: `http://127.0.0.1:${server.port}` } });
    await page.waitFor((m) => m[0]?.type === 'hello');
  });

  it('serves the page with a content security policy, and only the page', async () => {
    const server = await serve();
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect((await fetch(`${server.url}../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${server.url}app.js`)).status).toBe(503);
  });

  it('answers a bad message with an error and keeps serving the same socket', async () => {
    const world = createScriptedWorld(hubEvents());
    const server = await serve(world);
    const client = await connect(server.port, { lastSeq: -1 });
    client.socket.send('{"type":"play","speed":"warp"}');
    client.socket.send('nonsense');
    await client.waitFor((m) => m.filter((x) => x.type === 'error').length === 2);
    expect(client.messages.filter((x) => x.type === 'error').map((x) => x.type === 'error' && x.code)).toEqual(['bad-message', 'bad-json']);
    world.advanceTo(0);
    await client.waitFor((m) => receivedSeqs(m).length === 4);
  });

  it('closes a socket that sends an oversized frame and keeps accepting others', async () => {
    const server = await serve(undefined, { maxPayloadBytes: 1024 });
    const client = await connect(server.port);
    const code = await new Promise<number>((resolve) => {
      client.socket.on('close', (c) => resolve(c));
      client.socket.send(JSON.stringify({ type: 'pause', pad: 'x'.repeat(4096) }));
    });
    expect(code).toBe(1009);
    const next = await connect(server.port);
    await next.waitFor((m) => m[0]?.type === 'hello');
  });

  it('drops a client that stops answering pings', async () => {
    const server = await serve(undefined, { heartbeatIntervalMs: 40 });
    const silent = await connect(server.port, { autoPong: false });
    const healthy = await connect(server.port);
    await new Promise<void>((resolve) => silent.socket.on('close', () => resolve()));
    expect(healthy.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('answers reach queries with the topology answer, or says why it cannot', async () => {
    const answer = { verdict: 'reachable' as const, disposition: 'accepted', hops: [{ nodeId: 'vm:web/web1', label: 'web1' }], blockers: [], text: 'web1\n' };
    const asked: (number | undefined)[] = [];
    const withReach = {
      ...createScriptedWorld(hubEvents()),
      reach: (_from: string, _to: string, atSeq?: number) => {
        asked.push(atSeq);
        return { atSeq: atSeq ?? 9, atMs: 60_000, answer };
      },
    };
    withReach.advanceTo(60_000);
    const server = await serve(withReach);
    const client = await connect(server.port);
    client.socket.send(JSON.stringify({ type: 'reach', requestId: 'a', from: 'vm:web/web1', to: 'vm:db/sql1' }));
    client.socket.send(JSON.stringify({ type: 'reach', requestId: 'b', from: 'vm:web/web1', to: 'vm:nope/x' }));
    client.socket.send(JSON.stringify({ type: 'reach', requestId: 'd', from: 'vm:web/web1', to: 'vm:db/sql1', atSeq: 3 }));
    await client.waitFor((m) => m.length >= 4);
    expect(client.messages[1]).toEqual({ type: 'reach', requestId: 'a', atSeq: 9, atMs: 60_000, answer });
    expect(client.messages[2]).toMatchObject({ type: 'error', code: 'unknown-node', requestId: 'b' });
    // The moment asked about reaches the answerer and is echoed back.
    expect(client.messages[3]).toEqual({ type: 'reach', requestId: 'd', atSeq: 3, atMs: 60_000, answer });
    expect(asked).toEqual([undefined, 3]);

    const plain = await serve();
    const other = await connect(plain.port);
    other.socket.send(JSON.stringify({ type: 'reach', requestId: 'c', from: 'vm:web/web1', to: 'vm:db/sql1' }));
    await other.waitFor((m) => m.length >= 2);
    expect(other.messages[1]).toMatchObject({ type: 'error', code: 'reach-unavailable', requestId: 'c' });
  });

  it('plays the scenario at a real-time multiple and pauses when it has played out', async () => {
    const server = await serve(undefined, { speed: 600_000 });
    const client = await connect(server.port, { lastSeq: -1 });
    client.socket.send(JSON.stringify({ type: 'play' }));
    await client.waitFor((m) => receivedSeqs(m).length === hubEvents().length, 10_000);
    await client.waitFor((m) => m.some((x) => x.type === 'playback' && !x.playback.playing && x.playback.nextEventMs === null));
    expect(server.playback.isPlaying).toBe(false);
  });

  it('waits for the first page before it starts the clock, so nobody lands mid-story', async () => {
    const server = await serve(undefined, { speed: 600_000, autoplay: 'first-page' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.playback.isPlaying).toBe(false);
    expect(server.playback.state().timeMs).toBe(0);
    const client = await connect(server.port, { lastSeq: -1 });
    await client.waitFor((m) => receivedSeqs(m).length === hubEvents().length, 10_000);
    expect(receivedSeqs(client.messages)).toEqual(hubEvents().map((e) => e.seq));
  });
});
