import { isIPv4, isIPv6 } from 'node:net';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_HOST, MAX_SPEED } from '../viz/index.js';

/** Where a server command was told to listen (serve, emulate). */
export interface ListenFlags {
  host: string;
  port: number;
}

/** Whether `host` names this machine only: `localhost`, 127.0.0.0/8, `::1`, or 127.x written as an IPv4-mapped IPv6 address. */
export function isLoopback(host: string): boolean {
  const bare = host.toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  if (isIPv4(bare)) return bare.startsWith('127.');
  return isIPv6(bare) && /^::ffff:127\./.test(bare);
}

/** The URL to open here: a wildcard bind (0.0.0.0, ::) names no host a browser can visit, so loopback stands in. */
export function browsableUrl(url: string, host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}/`;
  if (host === '::') return `http://[::1]:${port}/`;
  return url;
}

/** Says why listening failed and which flag changes it. */
export function describeListenFailure(error: unknown, flags: ListenFlags): string {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${flags.host}:${flags.port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: the port is in use; pick another --port, or --port 0 for a free one`;
    case 'EACCES':
      return `cannot listen on ${where}: ports below 1024 need privileges; pick a --port from 1024 to 65535, or 0 for a free one`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: no network interface of this machine has that address; pass one of its addresses to --host (default ${DEFAULT_HOST})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${where}: the host name does not resolve; pass an IP address or localhost to --host (default ${DEFAULT_HOST})`;
    default:
      return `cannot listen on ${where}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Parses --port: 0 to 65535. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535 (0 picks a free one)');
  return port;
}

/** Parses --speed: above 0, at most MAX_SPEED. */
export function parseSpeed(text: string): number {
  const speed = Number(text);
  if (!(speed > 0 && speed <= MAX_SPEED)) throw new InvalidArgumentError(`speed is a number above 0 and at most ${MAX_SPEED}`);
  return speed;
}
