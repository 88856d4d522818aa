import { isIP } from 'node:net';

/**
 * Who may talk to the viz server. A web page on another site can open a WebSocket to 127.0.0.1 (browsers do not apply
 * the same-origin policy to WebSockets) and can reach it by a DNS name that rebinds to 127.0.0.1; so every request must
 * name this server in `Host` — an IP literal or `localhost`, never another DNS name — with the port it listens on, and a
 * browser's `Origin` must be this same host. Clients without `Origin` are not browsers (curl, the ws library) and pass.
 */

/** Whether a `Host` header names this server: `localhost`, an IP literal, or the host it was bound to, on `port`. */
export function isAllowedHost(hostHeader: string | undefined, port: number, boundHost: string): boolean {
  if (hostHeader === undefined) return false;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(hostHeader);
  if (match === null || Number(match[2]) !== port) return false;
  const name = match[1]!.toLowerCase();
  const bare = name.startsWith('[') ? name.slice(1, -1) : name;
  return name === 'localhost' || isIP(bare) !== 0 || name === boundHost.toLowerCase();
}

/** Whether a WebSocket upgrade's `Origin` is absent (not a browser) or this very server as named by `Host`. */
export function isAllowedOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (originHeader === undefined) return true;
  return hostHeader !== undefined && originHeader.toLowerCase() === `http://${hostHeader.toLowerCase()}`;
}

/** Path and query of a request target, or `undefined` when it is not a URL path at all (e.g. `//[`): answer 400. */
export function readRequestTarget(target: string | undefined): { pathname: string; search: string } | undefined {
  // A target starting with `//` names an authority, not a path; `new URL` throws on a malformed one (`//[`).
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    const url = new URL(target, 'http://localhost');
    return { pathname: url.pathname, search: url.search };
  } catch {
    return undefined;
  }
}
