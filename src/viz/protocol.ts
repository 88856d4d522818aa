import type { VizEvent } from './event-fields.js';
import type { DiffMessage, MatrixMessage } from './panel-protocol.js';
import type { View } from './view-model.js';

/**
 * The wire protocol between `vnetsim serve` and its page, shared by both sides. Bump PROTOCOL_VERSION on any change a
 * page of the previous version would misread; the page refuses a hello of another version instead of drawing garbage.
 *
 * Flow: the page opens `/events?lastSeq=N` (N = last event it holds; omitted on a first visit that only wants the
 * present). The server answers `hello`, then `events` batches. If the page's N is still in the log the hello carries no
 * snapshot and the batches start at N+1, so a reconnect loses no event and repeats none; otherwise the hello carries a
 * fresh snapshot. A page that falls too far behind gets a new hello with a snapshot instead of an ever-growing buffer.
 */
export const PROTOCOL_VERSION = 1;

/** Path of the WebSocket endpoint on the viz server. */
export const EVENTS_PATH = '/events';

/** The simulated clock as the server drives it: a real-time multiple, paused or playing. */
export interface PlaybackState {
  playing: boolean;
  /** Simulated milliseconds per real millisecond. */
  speed: number;
  timeMs: number;
  /** When the next timer or timeline step is due, `null` when the scenario has nothing left to do. */
  nextEventMs: number | null;
}

/** First message on every connection, and again whenever the server resynchronises a client. */
export interface HelloMessage {
  type: 'hello';
  protocolVersion: number;
  /** The view to start from, or `null` when the client's own view at `lastSeq` is still valid. */
  snapshot: View | null;
  /** Events that follow this message start right after this seq. */
  lastSeq: number;
  playback: PlaybackState;
}

/** A batch of consecutive events, oldest first. */
export interface EventsMessage {
  type: 'events';
  events: VizEvent[];
}

/** The playback state after a change (play, pause, speed, or the scenario running out of events). */
export interface PlaybackMessage {
  type: 'playback';
  playback: PlaybackState;
}

/** One hop of a reach trace, named by graph node id (`vm:svc/web1`, `gateway:HubVNet`, `site:OnPrem`). */
export interface ReachHop {
  nodeId: string;
  label: string;
}

/** Something that stops traffic (an ACL rule, a disconnected tunnel, a missing route), at a node when known. */
export interface ReachBlocker {
  nodeId: string | null;
  code: string;
  message: string;
}

/** The topology engine's answer to "can A reach B": a verdict, the disposition, the path taken, and every blocker. */
export interface ReachAnswer {
  verdict: 'reachable' | 'unreachable';
  disposition: string;
  hops: ReachHop[];
  blockers: ReachBlocker[];
  /** What `vnetsim reach` prints for the same question at the same moment, line for line (both directions, every hop). */
  text: string;
}

/** A reach answer and the moment it was computed for: the last event seq then shown, and its simulated time. */
export interface ReachReply {
  atSeq: number;
  atMs: number;
  answer: ReachAnswer;
}

/** Reply to a reach query, matched by `requestId`. */
export interface ReachMessage extends ReachReply {
  type: 'reach';
  requestId: string;
}

/** One scenario expectation as checked while the world ran: the moment (time and last event then), the verdict, both sides. */
export interface ExpectationMark {
  atMs: number;
  /** The last event logged when it was checked (−1 before any): clicking its marker shows the world right there. */
  atSeq: number;
  status: 'held' | 'failed';
  description: string;
  expected: string;
  actual: string;
  /** Where the scenario file states it, `file:line`. */
  at: string;
}

/**
 * The expectations checked so far, from the `from`-th on (0 after every hello, so a page that reconnects or resyncs
 * gets the whole list again); a page keeps the first `from` it holds and replaces the rest.
 */
export interface ExpectationsMessage {
  type: 'expectations';
  from: number;
  marks: ExpectationMark[];
}

/**
 * Stable error codes: `bad-json` (not JSON), `bad-message` (fails the schema; `message` lists path: problem),
 * `reach-unavailable` (no topology engine wired in to answer reach, diff or matrix queries), `unknown-node` (a reach endpoint names no node),
 * `world-error` (the engine threw while advancing, or while answering a query; the server stays up, and pauses in the
 * first case).
 */
export type ErrorCode = 'bad-json' | 'bad-message' | 'reach-unavailable' | 'unknown-node' | 'world-error';

/** A refused or failed client message; the connection stays open. */
export interface ErrorMessage {
  type: 'error';
  code: ErrorCode;
  message: string;
  requestId: string | null;
}

/** Everything the server sends. */
export type ServerMessage =
  | HelloMessage | EventsMessage | PlaybackMessage | ReachMessage | DiffMessage | MatrixMessage | ExpectationsMessage | ErrorMessage;

/** Highest playback speed accepted: a week of simulated time per real second. */
export const MAX_SPEED = 604_800_000 / 1000;

/**
 * Everything a page may send. Validated on the server by client-message-schema.ts (zod, kept out of the page bundle,
 * with a compile-time check that the schema and these types agree).
 */
export type ClientMessage =
  | { type: 'play'; speed?: number | undefined }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'seek'; timeMs: number }
  | { type: 'reach'; requestId: string; from: string; to: string; atSeq?: number | undefined }
  | { type: 'diff'; requestId: string; fromSeq: number; toSeq: number }
  | { type: 'matrix'; requestId: string; atSeq?: number | undefined };

/** Builds an error reply. */
export function errorMessage(code: ErrorCode, message: string, requestId: string | null = null): ErrorMessage {
  return { type: 'error', code, message, requestId };
}

/** Reads the resume point from the socket URL's `lastSeq` query: a seq, `null` when absent or not a whole number ≥ −1. */
export function readResumeSeq(search: string): number | null {
  const text = new URLSearchParams(search).get('lastSeq');
  if (text === null || !/^-?\d{1,15}$/.test(text)) return null;
  const seq = Number(text);
  return seq >= -1 ? seq : null;
}
