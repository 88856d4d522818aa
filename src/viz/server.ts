import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type ServerOptions as TlsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { DEFAULT_MAX_BATCH_EVENTS, DEFAULT_MAX_BUFFERED_BYTES, EventStream } from './event-stream.js';
import { buildGraph } from './graph-model.js';
import type { LiveWorld } from './live-world.js';
import { Playback } from './playback.js';
import { parseClientMessage } from './client-message-schema.js';
import { EVENTS_PATH, errorMessage, readResumeSeq, type ClientMessage } from './protocol.js';
import { isAllowedHost, isAllowedOrigin, readRequestTarget } from './request-guard.js';
import { DEFAULT_WEB_ROOT, servePageFile } from './static-files.js';

/** Largest frame a page may send: client messages are small commands, so anything bigger is refused by ws (code 1009). */
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024;

/** Interval of the ping/terminate heartbeat: a client that missed the previous ping is dropped. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 30_000;

/** Default bind address: loopback only, so nothing off this machine can see the simulation. */
export const DEFAULT_HOST = '127.0.0.1';

/** Options of the viz server; every limit has a default. */
export interface VizServerOptions {
  world: LiveWorld;
  host?: string | undefined;
  /** 0 picks a free port (tests always do). */
  port?: number | undefined;
  speed?: number | undefined;
  /** Starts the clock: when the server listens (`true`), when the first page connects (`'first-page'`), or never. */
  autoplay?: boolean | 'first-page' | undefined;
  /** Folder holding the built page (index.html, app.js, app.css). */
  webRoot?: string | undefined;
  maxPayloadBytes?: number | undefined;
  maxBufferedBytes?: number | undefined;
  maxBatchEvents?: number | undefined;
  heartbeatIntervalMs?: number | undefined;
  /** Answers requests that are not the page's first (the API emulator); returns false to leave one to the page. */
  handleRequest?: ((request: IncomingMessage, response: ServerResponse) => boolean) | undefined;
  /** Serves https with these TLS options instead of http. */
  tls?: TlsServerOptions | undefined;
  /** Where to report a world that threw (the page also gets a `world-error`). */
  onWorldError?: ((error: unknown) => void) | undefined;
}

/** A running viz server. */
export interface VizServer {
  /** `http://host:port/` to open in a browser. */
  url: string;
  port: number;
  playback: Playback;
  stream: EventStream;
  /** Closes every socket and the listener. */
  close(): Promise<void>;
}

/** Starts the http + WebSocket server for one world and resolves once it listens. */
export async function startVizServer(options: VizServerOptions): Promise<VizServer> {
  const host = options.host ?? '127.0.0.1';
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  let port = 0;
  const stream = new EventStream(options.world, {
    maxBatchEvents: options.maxBatchEvents ?? DEFAULT_MAX_BATCH_EVENTS,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
    playback: () => playback.state(),
  });
  let isWaitingForFirstPage = options.autoplay === 'first-page';
  let expectationsSent = 0;
  const sendNewExpectations = (): void => {
    const marks = options.world.expectations?.() ?? [];
    if (marks.length <= expectationsSent) return;
    stream.broadcast({ type: 'expectations', from: expectationsSent, marks: marks.slice(expectationsSent) });
    expectationsSent = marks.length;
  };
  const playback: Playback = new Playback(options.world, {
    speed: options.speed,
    onChange: (state) => {
      stream.flush();
      sendNewExpectations();
      stream.broadcast({ type: 'playback', playback: state });
    },
    onError: (error) => {
      stream.broadcast(errorMessage('world-error', `the simulation stopped: ${error instanceof Error ? error.message : String(error)}`));
      options.onWorldError?.(error);
    },
  });

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    if (options.handleRequest?.(request, response) === true) return;
    if (!isAllowedHost(request.headers.host, port, host)) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('misdirected request: unknown Host\n');
      return;
    }
    const target = readRequestTarget(request.url);
    if (target === undefined) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request target: ask for a path such as /\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    void servePageFile(webRoot, target.pathname, response);
  };
  const http = options.tls === undefined ? createServer(onRequest) : createTlsServer(options.tls, onRequest);
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES });
  // The payload of the ping each client must echo: a pong that does not carry it (sent unasked) keeps nobody alive.
  const awaitedPong = new WeakMap<WebSocket, string | null>();

  // The Host check comes first: nothing of a request from a name this server does not answer to is even parsed.
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = checkUpgrade(request);
    if (typeof target === 'string') {
      socket.end(`HTTP/1.1 ${target}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      awaitedPong.set(ws, null);
      ws.on('pong', (data) => {
        if (data.toString('hex') === awaitedPong.get(ws)) awaitedPong.set(ws, null);
      });
      ws.on('error', () => ws.terminate());
      ws.on('message', (data, isBinary) => {
        const parsed = isBinary ? { ok: false as const, error: errorMessage('bad-message', 'binary frames are not part of the protocol') }
          : parseClientMessage(String(data));
        if (parsed.ok) handleMessage(ws, parsed.message);
        else stream.reply(ws, parsed.error);
      });
      // Nobody sees what happens before the first page opens, so a waiting clock starts only then (before the
      // page's hello, which then tells it the clock is running).
      if (isWaitingForFirstPage) {
        isWaitingForFirstPage = false;
        playback.play();
      }
      stream.addClient(ws, readResumeSeq(target.search));
      if (options.world.expectations !== undefined) stream.reply(ws, { type: 'expectations', from: 0, marks: [...options.world.expectations()] });
    });
  });

  // A client that has not echoed the previous ping, or holds more than its bound unread, is dropped.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (awaitedPong.get(ws) !== null || stream.isOverBound(ws)) {
        ws.terminate();
        continue;
      }
      const token = randomBytes(8);
      awaitedPong.set(ws, token.toString('hex'));
      ws.ping(token);
    }
  }, options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS);

  // The target of an upgrade to the event stream, or the status line refusing it.
  function checkUpgrade(request: IncomingMessage): { search: string } | string {
    if (!isAllowedHost(request.headers.host, port, host)) return '421 Misdirected Request';
    const target = readRequestTarget(request.url);
    if (target === undefined) return '400 Bad Request';
    if (target.pathname !== EVENTS_PATH) return '404 Not Found';
    return isAllowedOrigin(request.headers.origin, request.headers.host) ? target : '403 Forbidden';
  }

  function handleMessage(ws: WebSocket, message: ClientMessage): void {
    switch (message.type) {
      case 'play':
        playback.play(message.speed);
        return;
      case 'pause':
        playback.pause();
        return;
      case 'step':
        playback.step();
        return;
      case 'seek':
        playback.seek(message.timeMs);
        return;
      case 'reach':
      case 'diff':
      case 'matrix':
        answerQuery(ws, message);
        return;
    }
  }

  /** Answers a question about the world; one whose answer fails gets that as its error, and the server stays up. */
  function answerQuery(ws: WebSocket, message: Extract<ClientMessage, { requestId: string }>): void {
    try {
      if (message.type === 'reach') answerReach(ws, message.requestId, message.from, message.to, message.atSeq);
      else if (message.type === 'diff') answerDiff(ws, message.requestId, message.fromSeq, message.toSeq);
      else answerMatrix(ws, message.requestId, message.atSeq);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      stream.reply(ws, errorMessage('world-error', `the ${message.type} query failed: ${reason}`, message.requestId));
    }
  }

  function answerDiff(ws: WebSocket, requestId: string, fromSeq: number, toSeq: number): void {
    const { diff } = options.world;
    if (diff === undefined) unavailable(ws, requestId, 'diff');
    else stream.reply(ws, { type: 'diff', requestId, ...diff(fromSeq, toSeq) });
  }

  function answerMatrix(ws: WebSocket, requestId: string, atSeq: number | undefined): void {
    const { matrix } = options.world;
    if (matrix === undefined) unavailable(ws, requestId, 'matrix');
    else stream.reply(ws, { type: 'matrix', requestId, ...matrix(atSeq) });
  }

  function unavailable(ws: WebSocket, requestId: string, query: string): void {
    stream.reply(ws, errorMessage('reach-unavailable', `this server has no topology engine to answer ${query} queries`, requestId));
  }

  function answerReach(ws: WebSocket, requestId: string, from: string, to: string, atSeq: number | undefined): void {
    const reach = options.world.reach;
    if (reach === undefined) {
      unavailable(ws, requestId, 'reach');
      return;
    }
    const ids = new Set(buildGraph(stream.currentView()).nodes.map((n) => n.id));
    const unknown = [from, to].filter((id) => !ids.has(id));
    if (unknown.length > 0) {
      stream.reply(ws, errorMessage('unknown-node', `no node ${unknown.join(' or ')} in the current topology`, requestId));
      return;
    }
    stream.reply(ws, { type: 'reach', requestId, ...reach(from, to, atSeq) });
  }

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    // A server that never listened must not leave its heartbeat timer holding the process open.
    clearInterval(heartbeat);
    stream.dispose();
    throw error;
  }
  port = (http.address() as AddressInfo).port;
  if (options.autoplay === true) playback.play();

  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    port,
    playback,
    stream,
    async close() {
      clearInterval(heartbeat);
      playback.dispose();
      stream.dispose();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
