import type { AsmState } from '../asm/index.js';
import type { LiveEngine } from './live-engine.js';
import type { RequestElement } from './xml-reader.js';
import type { XmlNode } from './xml-writer.js';

/** What a route handler gets: the subscription's state, the engine, the path parameters, query and parsed body. */
export interface ApiContext {
  state: AsmState;
  engine: LiveEngine;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed body of a route that declares `body`; `undefined` otherwise. */
  body: RequestElement | undefined;
  /** The body text as received (PUT media keeps the document). */
  rawBody: string;
  /** This request's x-ms-request-id (32 lowercase hex): pattern-A operations are polled by it. */
  requestId: string;
  /** Scheme, host and port this request reached, for Location headers. */
  origin: string;
}

/** A response: status, an XML body (or raw text with its content type), extra headers. */
export interface ApiResponse {
  status: number;
  body?: XmlNode | undefined;
  raw?: { contentType: string; text: string } | undefined;
  headers?: Record<string, string> | undefined;
}

/** One operation's wire shape: method, path under `/<subscription>/`, an optional query discriminator and body root. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Segments; `{name}` captures one segment. Literal segments match case-insensitively (asm-recorded.md §1.7). */
  path: string;
  /** Query parameters that must be present with these values (case-insensitive), e.g. `op=checkavailability`. */
  query?: Record<string, string> | undefined;
  /** Required request root element (local name, case-insensitive); the text stays in `rawBody` too. */
  body?: string | undefined;
  handle(context: ApiContext): ApiResponse;
}

/** The route that serves a request, or why none does: no path matches (404) or the method is wrong (400). */
export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'unknown-path' }
  | { kind: 'wrong-method' };

/**
 * Finds the route for a method and the path segments after the subscription id. Routes with more literal segments win
 * over parameter captures (`networking/media` before `networking/{vnet}`), then those with a query discriminator.
 */
export function matchRoute(routes: readonly Route[], method: string, segments: readonly string[], query: URLSearchParams): RouteMatch {
  let pathMatched = false;
  let best: { route: Route; params: Record<string, string>; score: number } | undefined;
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (params === undefined || !matchQuery(route.query, query)) continue;
    pathMatched = true;
    if (route.method !== method.toUpperCase()) continue;
    const score = route.path.split('/').filter((s) => !s.startsWith('{')).length * 10 + Object.keys(route.query ?? {}).length;
    if (best === undefined || score > best.score) best = { route, params, score };
  }
  if (best !== undefined) return { kind: 'route', route: best.route, params: best.params };
  return pathMatched ? { kind: 'wrong-method' } : { kind: 'unknown-path' };
}

function matchPath(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  // '' is the subscription itself (GET /<subscription-id>, Get Subscription).
  const parts = pattern === '' ? [] : pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const segment = segments[i] ?? '';
    // An empty segment (`networking//gateway`) matches nothing: the platform answered an IIS 404 (§1.5).
    if (segment === '') return undefined;
    if (part.startsWith('{')) params[part.slice(1, -1)] = segment;
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return params;
}

function matchQuery(wanted: Record<string, string> | undefined, query: URLSearchParams): boolean {
  if (wanted === undefined) return true;
  return Object.entries(wanted).every(([name, value]) => {
    for (const [key, actual] of query) if (key.toLowerCase() === name.toLowerCase() && actual.toLowerCase() === value) return true;
    return false;
  });
}
