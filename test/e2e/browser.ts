import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import type { VizServer } from '../../src/viz/index.js';

/** Where page e2e files put their screenshots and built pages. */
export const ARTIFACTS = resolve('test-artifacts');

/** Debian's chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// Flags verified on this machine (toolchain.md §8): headless without a sandbox or GPU, no background traffic.
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
];

/** Launches headless Chromium, failing loudly (never skipping) when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no browser at ${CHROMIUM_PATH}: install it with `
      + '`apt-get install -y --no-install-recommends chromium fonts-liberation` or set CHROMIUM_PATH');
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** What a page e2e file shares across its tests: the built page, one Chromium, and the servers to close after each test. */
export interface PageSession {
  readonly webRoot: string;
  readonly browser: Browser;
  readonly servers: VizServer[];
}

/** Registers the hooks of a page e2e file: the page built once into test-artifacts/WEBDIR, Chromium launched once, servers closed after each test. */
export function usePageSession(webDir: string): PageSession {
  const session = { webRoot: '', browser: undefined as unknown as Browser, servers: [] as VizServer[] };
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    session.webRoot = await buildWeb(join(ARTIFACTS, webDir));
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
  });
  afterEach(async () => {
    await Promise.all(session.servers.splice(0).map((s) => s.close()));
  });
  return session;
}
