import { EVENTS_PATH, PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from '../protocol.js';

/** First reconnect delay; doubles per failed attempt up to RECONNECT_MAX_MS. */
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 4000;

/** Callbacks of a live connection. */
export interface ConnectionHandlers {
  /** The seq the page holds, sent on every (re)connect so the server sends only what is missing. */
  lastSeq(): number;
  onMessage(message: ServerMessage): void;
  onStatus(status: 'connecting' | 'live' | 'error', detail: string): void;
}

/**
 * The page's socket to the server: reconnects with backoff after a drop, resuming from the last seq the page holds,
 * and refuses a server speaking another protocol version.
 */
export class LiveConnection {
  private socket: WebSocket | undefined;
  private delayMs = RECONNECT_MIN_MS;
  private readonly handlers: ConnectionHandlers;

  /** Connects at once. */
  constructor(handlers: ConnectionHandlers) {
    this.handlers = handlers;
    this.open();
  }

  /** Sends a command; dropped while disconnected (the page's controls show the state). */
  send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Closes the socket abruptly, as a network drop would; the connection then resumes on its own. */
  drop(): void {
    this.socket?.close(4000, 'dropped by the page');
  }

  private open(): void {
    this.handlers.onStatus('connecting', 'connecting…');
    const url = `ws://${location.host}${EVENTS_PATH}?lastSeq=${this.handlers.lastSeq()}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as ServerMessage;
      if (message.type === 'hello') {
        if (message.protocolVersion !== PROTOCOL_VERSION) {
          this.handlers.onStatus('error', `server speaks protocol ${message.protocolVersion}, this page ${PROTOCOL_VERSION}: reload`);
          socket.close();
          return;
        }
        this.delayMs = RECONNECT_MIN_MS;
        // "connected", not "live": the header's moment indicator alone says whether the page shows the live world.
        this.handlers.onStatus('live', 'connected');
      }
      this.handlers.onMessage(message);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.handlers.onStatus('connecting', `disconnected; retrying in ${this.delayMs} ms`);
      setTimeout(() => this.open(), this.delayMs);
      this.delayMs = Math.min(this.delayMs * 2, RECONNECT_MAX_MS);
    });
  }
}
