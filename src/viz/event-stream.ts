import type { WebSocket } from 'ws';
import { countEventsThroughSeq, eventLogWindow } from '../sim/index.js';
import type { LiveWorld } from './live-world.js';
import { PROTOCOL_VERSION, type PlaybackState, type ServerMessage } from './protocol.js';
import { applyEvents, createView, type View } from './view-model.js';

/** Most events in one `events` frame: big enough to amortise framing, small enough to keep frames under ~200 KB. */
export const DEFAULT_MAX_BATCH_EVENTS = 1000;

/** Bytes a client may have queued in its socket before it is treated as slow and switched to a snapshot. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** How often a slow client's buffer is checked for having drained. */
const RESYNC_CHECK_MS = 50;

/** Limits of an event stream. */
export interface EventStreamOptions {
  maxBatchEvents?: number | undefined;
  maxBufferedBytes?: number | undefined;
  playback: () => PlaybackState;
}

interface Client {
  socket: WebSocket;
  /** Seq of the last event this client has been sent (or holds from its snapshot). */
  sentSeq: number;
  /** Over the buffered-bytes limit: nothing more is queued until it drains, then it gets a fresh snapshot. */
  isSlow: boolean;
}

/**
 * Streams one world's event log to many sockets. Each client has its own position in the log, so a resumed client gets
 * exactly the events after its `lastSeq`; frames with the same range are serialised once and shared. Memory per client
 * is bounded by `maxBufferedBytes`: a client that cannot keep up is paused, then resynchronised with a snapshot.
 */
export class EventStream {
  private readonly world: LiveWorld;
  private readonly maxBatchEvents: number;
  private readonly maxBufferedBytes: number;
  private readonly playback: () => PlaybackState;
  private readonly clients = new Map<WebSocket, Client>();
  private view: View = createView();
  private foldedCount = 0;
  private droppedCount = 0;
  private flushScheduled = false;
  private resyncTimer: ReturnType<typeof setInterval> | undefined;
  private readonly unsubscribe: () => void;

  /** Starts listening to the world; events are flushed to clients once per macrotask. */
  constructor(world: LiveWorld, options: EventStreamOptions) {
    this.world = world;
    this.maxBatchEvents = options.maxBatchEvents ?? DEFAULT_MAX_BATCH_EVENTS;
    this.maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.playback = options.playback;
    this.unsubscribe = world.subscribe(() => this.scheduleFlush());
  }

  /** Number of connected clients. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** Clients disconnected so far for asking faster than they read. */
  get droppedClients(): number {
    return this.droppedCount;
  }

  /** Bytes queued in the server for every client together: what the buffered-bytes bound keeps in check. */
  get queuedBytes(): number {
    let total = 0;
    for (const socket of this.clients.keys()) total += socket.bufferedAmount;
    return total;
  }

  /** The view after every event so far (what a new client's hello snapshot holds). */
  currentView(): View {
    this.foldLog();
    return this.view;
  }

  /** Adds a client that holds the log up to `resumeSeq` (or nothing, `null`); sends its hello and what it misses. */
  addClient(socket: WebSocket, resumeSeq: number | null): void {
    const client: Client = { socket, sentSeq: -1, isSlow: false };
    this.clients.set(socket, client);
    socket.on('close', () => this.clients.delete(socket));
    if (resumeSeq !== null && this.canResumeFrom(resumeSeq)) {
      client.sentSeq = resumeSeq;
      const hello: ServerMessage = { type: 'hello', protocolVersion: PROTOCOL_VERSION, snapshot: null, lastSeq: resumeSeq, playback: this.playback() };
      if (this.deliver(client, JSON.stringify(hello), 'pause')) this.flushClient(client, new Map());
    } else {
      this.sendSnapshot(client);
    }
  }

  /** Sends a message to every connected client that is keeping up. */
  broadcast(message: ServerMessage): void {
    const text = JSON.stringify(message);
    for (const client of this.clients.values()) if (!client.isSlow) this.deliver(client, text, 'pause');
  }

  /**
   * Sends one client the answer to something it asked (an error or a reach answer). A client over its buffered-bytes
   * bound is asking faster than it reads (a flood of tiny frames it never reads the answers to): it is disconnected,
   * so its queue cannot grow the server without limit. Returns whether the reply was queued.
   */
  reply(socket: WebSocket, message: ServerMessage): boolean {
    const client = this.clients.get(socket);
    return client !== undefined && this.deliver(client, JSON.stringify(message), 'drop');
  }

  /** Whether a client has more than its bound queued (the heartbeat drops such a client instead of pinging it). */
  isOverBound(socket: WebSocket): boolean {
    return socket.bufferedAmount > this.maxBufferedBytes;
  }

  /** Sends every client the events it has not had yet. */
  flush(): void {
    this.flushScheduled = false;
    const shared = new Map<string, string>();
    for (const client of this.clients.values()) this.flushClient(client, shared);
  }

  /** Stops listening to the world. */
  dispose(): void {
    this.unsubscribe();
    if (this.resyncTimer !== undefined) clearInterval(this.resyncTimer);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  // Resuming needs the event right after `seq` still in the log, or `seq` to be the newest event.
  private canResumeFrom(seq: number): boolean {
    const events = this.world.events;
    const last = events.at(-1)?.seq ?? -1;
    if (seq > last) return false;
    if (seq === last) return true;
    const index = this.indexAfter(seq);
    return index === 0 ? seq === -1 || seq === (events.at(0)!.seq - 1) : events.at(index - 1)!.seq === seq;
  }

  // Clients at the same position share each frame's text: JSON.stringify runs once per range, not once per client.
  private flushClient(client: Client, shared: Map<string, string>): void {
    if (client.isSlow) return;
    const events = this.world.events;
    let index = this.indexAfter(client.sentSeq);
    while (index < events.length) {
      const end = Math.min(events.length, index + this.maxBatchEvents);
      const key = `${index}-${end}`;
      let text = shared.get(key);
      if (text === undefined) {
        const message: ServerMessage = { type: 'events', events: events.slice(index, end) };
        text = JSON.stringify(message);
        shared.set(key, text);
      }
      if (!this.deliver(client, text, 'pause')) return;
      client.sentSeq = events.at(end - 1)!.seq;
      index = end;
    }
  }

  private markSlow(client: Client): void {
    client.isSlow = true;
    this.resyncTimer ??= setInterval(() => this.resyncSlowClients(), RESYNC_CHECK_MS);
  }

  private resyncSlowClients(): void {
    let waiting = 0;
    for (const client of this.clients.values()) {
      if (!client.isSlow) continue;
      if (client.socket.bufferedAmount <= this.maxBufferedBytes / 4) this.sendSnapshot(client);
      else waiting++;
    }
    if (waiting === 0 && this.resyncTimer !== undefined) {
      clearInterval(this.resyncTimer);
      this.resyncTimer = undefined;
    }
  }

  private sendSnapshot(client: Client): void {
    const view = this.currentView();
    const hello: ServerMessage = { type: 'hello', protocolVersion: PROTOCOL_VERSION, snapshot: view, lastSeq: view.seq, playback: this.playback() };
    client.isSlow = false;
    if (this.deliver(client, JSON.stringify(hello), 'pause')) client.sentSeq = view.seq;
  }

  /**
   * The one send path after a client's hello: nothing is queued for a client over its buffered-bytes bound. Stream
   * traffic (`pause`) pauses the client until it drains and resynchronises it with a snapshot; a reply to a request
   * (`drop`) disconnects it. Returns whether the text was queued.
   */
  private deliver(client: Client, text: string, whenOver: 'pause' | 'drop'): boolean {
    if (client.socket.bufferedAmount > this.maxBufferedBytes) {
      if (whenOver === 'pause') this.markSlow(client);
      else this.drop(client);
      return false;
    }
    client.socket.send(text);
    return true;
  }

  private drop(client: Client): void {
    this.droppedCount++;
    this.clients.delete(client.socket);
    client.socket.terminate();
  }

  private foldLog(): void {
    const events = this.world.events;
    if (this.foldedCount === events.length) return;
    this.view = applyEvents(this.view, eventLogWindow(events, this.foldedCount));
    this.foldedCount = events.length;
  }

  /** Index of the first logged event with seq > `seq`. */
  private indexAfter(seq: number): number {
    return countEventsThroughSeq(this.world.events, seq);
  }
}
