import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { platformErrors, type PlatformError } from '../asm/index.js';
import { matchRoute, type ApiResponse, type Route } from './dispatch.js';
import type { LiveEngine } from './live-engine.js';
import { parseRequestXml } from './xml-reader.js';
import { textElement, writeResponseXml } from './xml-writer.js';

/** Largest request body accepted: a NetworkConfig.xml of hundreds of VNets fits; anything bigger is InvalidXmlRequest. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The oldest x-ms-version the platform accepted (ee460801); any later version is fine (clients send 2014-2017). */
export const MIN_API_VERSION = '2012-03-01';

/** Options of the API request pipeline. */
export interface ApiPipelineOptions {
  engine: LiveEngine;
  routes: readonly Route[];
  subscriptionId: string;
  /** Checks the caller (https: the client certificate's thumbprint); `false` answers 403. */
  authenticate?: ((request: IncomingMessage) => boolean) | undefined;
  maxBodyBytes?: number | undefined;
  /** Where an unexpected failure is reported (the client only sees 500 InternalError). */
  onInternalError?: ((error: unknown) => void) | undefined;
}

/** Handles one request if it is an API request; returns false to let the page server answer it. */
export type ApiRequestHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

const GUID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one pipeline every API request goes through (as Azurite's): request id → is it an API path → authentication →
 * x-ms-version → route → body (size limit, XML by name) → handler → serializer. Errors at any step are the platform's
 * `<Error>` body; nothing else (no stack trace) ever reaches the client.
 */
export function createApiHandler(options: ApiPipelineOptions): ApiRequestHandler {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (request, response) => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      // a target that is not a URL path (`//[`) would throw out of the request handler and end the process
      return false;
    }
    const segments = url.pathname.split('/').slice(1).map(decodeSegment);
    const first = segments[0] ?? '';
    const isApi = first.toLowerCase() === options.subscriptionId.toLowerCase() || GUID_SEGMENT.test(first) || request.headers['x-ms-version'] !== undefined;
    if (!isApi) return false;
    const requestId = randomBytes(16).toString('hex');
    const send = (answer: ApiResponse): void => writeAnswer(response, requestId, answer);
    const refuse = (error: PlatformError): void => send(errorResponse(error));
    try {
      if (options.authenticate !== undefined && !options.authenticate(request)) return refuse(platformErrors.authenticationFailed()), true;
      if (!isSupportedVersion(request.headers['x-ms-version'])) return refuse(platformErrors.missingVersionHeader()), true;
      if (first.toLowerCase() !== options.subscriptionId.toLowerCase()) return refuse(platformErrors.unknownSubscription(first)), true;
      const match = matchRoute(options.routes, request.method ?? 'GET', segments.slice(1), url.searchParams);
      if (match.kind === 'unknown-path') return refuse(platformErrors.unknownResource()), true;
      if (match.kind === 'wrong-method') return refuse(platformErrors.invalidVerb(request.method ?? '')), true;
      readBody(request, maxBodyBytes, (text) => {
        if (text === undefined) return refuse(platformErrors.invalidXml(`The body is larger than ${maxBodyBytes} bytes.`));
        const root = match.route.body;
        let body;
        if (root !== undefined) {
          body = parseRequestXml(text);
          if (body === undefined) return refuse(platformErrors.invalidXml('The body is not well-formed XML.'));
          if (body.name.toLowerCase() !== root.toLowerCase()) return refuse(platformErrors.invalidXml(`The root element is ${body.name}; expected ${root}.`));
        }
        try {
          send(match.route.handle({
            state: options.engine.state, engine: options.engine, params: match.params, query: url.searchParams, body, rawBody: text, requestId,
            origin: `${isTls(request) ? 'https' : 'http'}://${request.headers.host ?? 'localhost'}`,
          }));
        } catch (error) {
          options.onInternalError?.(error);
          refuse(platformErrors.internal());
        }
      });
    } catch (error) {
      options.onInternalError?.(error);
      refuse(platformErrors.internal());
    }
    return true;
  };
}

/** The `<Error>` response of a platform error. */
export function errorResponse(error: PlatformError): ApiResponse {
  return { status: error.status, body: { name: 'Error', children: [textElement('Code', error.code), textElement('Message', error.message)] } };
}

function isSupportedVersion(header: string | string[] | undefined): boolean {
  const version = Array.isArray(header) ? header[0] : header;
  return version !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= MIN_API_VERSION;
}

function isTls(request: IncomingMessage): boolean {
  return (request.socket as { encrypted?: boolean }).encrypted === true;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// Reads the whole body, or reports `undefined` once it passes the limit (the rest is drained, not buffered).
function readBody(request: IncomingMessage, maxBytes: number, done: (text: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let isTooLarge = false;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) isTooLarge = true;
    else chunks.push(chunk);
  });
  request.on('end', () => done(isTooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
  request.on('error', () => done(undefined));
}

// Every response carries x-ms-request-id (32 lowercase hex) and Cache-Control: no-cache; an empty 201/202 has
// Content-Length 0 and no Content-Type (asm-recorded.md §1.2).
function writeAnswer(response: ServerResponse, requestId: string, answer: ApiResponse): void {
  if (response.headersSent) return;
  const headers: Record<string, string> = { 'x-ms-request-id': requestId, 'cache-control': 'no-cache', ...answer.headers };
  let payload = '';
  if (answer.body !== undefined) {
    payload = writeResponseXml(answer.body);
    headers['content-type'] = 'application/xml; charset=utf-8';
  } else if (answer.raw !== undefined) {
    payload = answer.raw.text;
    headers['content-type'] = answer.raw.contentType;
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  response.writeHead(answer.status, headers).end(payload);
}
