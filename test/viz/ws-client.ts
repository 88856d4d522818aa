import WebSocket from 'ws';
import type { ServerMessage } from '../../src/viz/index.js';

/** A test client that records every server message and can wait for one matching a predicate. */
export interface TestClient {
  socket: WebSocket;
  messages: ServerMessage[];
  waitFor(predicate: (messages: ServerMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens `/events` on a viz server, optionally resuming from `lastSeq`. */
export async function connectClient(port: number, options: { lastSeq?: number; headers?: Record<string, string>; autoPong?: boolean } = {}): Promise<TestClient> {
  const query = options.lastSeq === undefined ? '' : `?lastSeq=${options.lastSeq}`;
  const socket = new WebSocket(`ws://127.0.0.1:${port}/events${query}`, { headers: options.headers ?? {}, autoPong: options.autoPong ?? true });
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as ServerMessage);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    waitFor(predicate, timeoutMs = 5000) {
      if (predicate(messages)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; got ${JSON.stringify(messages.map((m) => m.type))}`));
        }, timeoutMs);
        const check = (): void => {
          if (!predicate(messages)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    close() {
      if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
}

/** Seqs of every event received, in arrival order. */
export function receivedSeqs(messages: readonly ServerMessage[]): number[] {
  return messages.flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.seq) : []));
}
