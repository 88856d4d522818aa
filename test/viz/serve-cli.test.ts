import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildWeb } from '../../scripts/build-web.mjs';
import { DEFAULT_WEB_ROOT, PROTOCOL_VERSION, type ServerMessage } from '../../src/viz/index.js';

const SCENARIO = 'test/e2e/fixtures/hub-tunnel.yaml';
/** Each spawn transpiles the whole CLI through tsx; on a shared 2-core machine that takes seconds. */
const SPAWN_TIMEOUT_MS = 60_000;

interface ServeProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the URL the command prints, or rejects if it exits first. */
  url: Promise<string>;
  exitCode: Promise<number | null>;
}

const running: ChildProcess[] = [];

/** Starts the real CLI entry point (through tsx, so no build step is needed) as `vnetsim serve …`. */
function spawnServe(args: string[]): ServeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += String(chunk);
      const match = /(http:\/\/\S+\/) /.exec(stdout);
      if (match !== null) resolve(match[1]!);
    });
    void exitCode.then((code) => reject(new Error(`vnetsim serve exited with ${code} before printing a URL; stderr: ${stderr}`)));
  });
  // Callers that expect an early exit never wait for the URL; its rejection is theirs to ignore.
  url.catch(() => undefined);
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += String(chunk);
  });
  return { child, stdout: () => stdout, stderr: () => stderr, url, exitCode };
}

/** A GET with a Host header of our choosing (fetch will not let a caller set Host). */
function get(url: string, host?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request({ hostname: target.hostname, port: target.port, path: target.pathname, headers: host === undefined ? {} : { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += String(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

/** Opens `/events` and resolves with the first message (the hello). */
function firstMessage(url: string, origin?: string): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http:', 'ws:')}events`, origin === undefined ? {} : { origin });
    socket.once('message', (data) => {
      resolve(JSON.parse(String(data)) as ServerMessage);
      socket.close();
    });
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`refused with ${response.statusCode}`));
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

beforeAll(async () => {
  // The CLI serves the page from dist/web; build it once if no one has (the same as `node scripts/build-web.mjs`).
  if (!existsSync(join(DEFAULT_WEB_ROOT, 'app.js'))) await buildWeb();
}, SPAWN_TIMEOUT_MS);

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('vnetsim serve (the real command)', () => {
  it('prints a loopback URL, serves the page and a WebSocket there, and exits 0 on Ctrl-C', async () => {
    const serve = spawnServe([SCENARIO, '--port', '0']);
    const url = await serve.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(serve.stdout()).toContain(`(${SCENARIO}, speed 60×, the clock starts when the page opens)`);

    const page = await get(url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).toContain('src="/app.js"');

    const hello = await firstMessage(url);
    expect(hello).toMatchObject({ type: 'hello', protocolVersion: PROTOCOL_VERSION, playback: { playing: true, speed: 60 } });

    serve.child.kill('SIGINT');
    expect(await serve.exitCode).toBe(0);
    expect(serve.stderr()).toBe('');
  }, SPAWN_TIMEOUT_MS);

  it('takes --host, --speed and --paused, and still refuses foreign Hosts and Origins', async () => {
    const serve = spawnServe([SCENARIO, '--port', '0', '--host', '127.0.0.1', '--speed', '600', '--paused']);
    const url = await serve.url;
    expect(serve.stdout()).toContain('speed 600×, paused');
    const port = new URL(url).port;

    const hello = await firstMessage(url);
    expect(hello).toMatchObject({ type: 'hello', playback: { playing: false, speed: 600, timeMs: 0 } });
    expect((await get(url, `rebound.example:${port}`)).status).toBe(421);
    expect((await get(url, `localhost:${port}`)).status).toBe(200);
    await expect(firstMessage(url, 'http://evil.example')).rejects.toThrow('refused with 403');

    serve.child.kill('SIGINT');
    expect(await serve.exitCode).toBe(0);
  }, SPAWN_TIMEOUT_MS);

  it('exits 2 with a one-line reason, no stack trace, when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const serve = spawnServe([SCENARIO, '--port', String(port)]);
      expect(await serve.exitCode).toBe(2);
      expect(serve.stderr()).toBe(`error: cannot listen on 127.0.0.1:${port}: the port is in use; pick another --port, or --port 0 for a free one\n`);
      expect(serve.stdout()).toBe('');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, SPAWN_TIMEOUT_MS);

  it.each([
    [['missing-log.jsonl'], /^missing-log\.jsonl:1:1: error unreadable-file: cannot read the event log: ENOENT/],
    [[SCENARIO, '--port', '70000'], /^error: option '--port <n>' argument '70000' is invalid\. a port is a whole number from 0 to 65535/],
    [[SCENARIO, '--speed', '0'], /^error: option '--speed <x>' argument '0' is invalid\. speed is a number above 0/],
  ])('exits 2 on bad input without a stack trace: %j', async (args, message) => {
    const serve = spawnServe(args);
    expect(await serve.exitCode).toBe(2);
    expect(serve.stderr()).toMatch(message);
    expect(serve.stderr()).not.toMatch(/\n\s+at /);
  }, SPAWN_TIMEOUT_MS);
});
