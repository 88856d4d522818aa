import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { applyEvents, createScriptedWorld, createView, EventStream, type ServerMessage } from '../../src/viz/index.js';
import { largeWorldEvents } from './fixtures.js';

/** A socket whose send buffer fills by the bytes sent and drains only when the test says so. */
class FakeSocket extends EventEmitter {
  bufferedAmount = 0;
  sent: ServerMessage[] = [];
  constructor(private readonly drainsAtOnce = false) {
    super();
  }
  send(text: string): void {
    if (!this.drainsAtOnce) this.bufferedAmount += text.length;
    this.sent.push(JSON.parse(text) as ServerMessage);
  }
  drain(): void {
    this.bufferedAmount = 0;
  }
}

const idle = { playing: false, speed: 60, timeMs: 0, nextEventMs: null };

describe('EventStream', () => {
  it('shares one serialised frame between clients at the same position and batches by size', () => {
    const world = createScriptedWorld(largeWorldEvents(1, 1, 5, 30));
    const stream = new EventStream(world, { maxBatchEvents: 10, playback: () => idle });
    const a = new FakeSocket();
    const b = new FakeSocket();
    stream.addClient(a as unknown as WebSocket, -1);
    stream.addClient(b as unknown as WebSocket, -1);
    world.advanceTo(1000);
    stream.flush();
    const batches = a.sent.filter((m) => m.type === 'events');
    expect(batches.map((m) => m.type === 'events' && m.events.length)).toEqual([10, 10, 10, 10, 4]);
    expect(b.sent).toEqual(a.sent);
    stream.dispose();
  });

  it('stops queueing for a client over its buffered-bytes limit and later switches it to a fresh snapshot', async () => {
    const events = largeWorldEvents(2, 2, 10, 2000);
    const world = createScriptedWorld(events);
    const stream = new EventStream(world, { maxBatchEvents: 100, maxBufferedBytes: 20_000, playback: () => idle });
    const slow = new FakeSocket();
    const fast = new FakeSocket(true);
    stream.addClient(slow as unknown as WebSocket, -1);
    stream.addClient(fast as unknown as WebSocket, -1);
    world.advanceTo(500);
    stream.flush();
    const slowFrames = slow.sent.length;
    world.advanceTo(5000);
    stream.flush();
    // The slow client got nothing more while its buffer stayed over the limit: memory does not grow with the backlog.
    expect(slow.sent).toHaveLength(slowFrames);
    expect(slow.bufferedAmount).toBeLessThan(20_000 + 100 * 200);
    slow.drain();
    await new Promise((resolve) => setTimeout(resolve, 120));
    const resync = slow.sent[slow.sent.length - 1];
    expect(resync).toMatchObject({ type: 'hello', snapshot: { seq: events[events.length - 1]!.seq }, lastSeq: events[events.length - 1]!.seq });
    expect(resync?.type === 'hello' && resync.snapshot).toEqual(applyEvents(createView(), events));
    const fastSeqs = fast.sent.flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.seq) : []));
    expect(fastSeqs).toEqual(events.map((e) => e.seq));
    stream.dispose();
  });

  it('answers a resume point the log no longer matches with a snapshot', () => {
    const world = createScriptedWorld(largeWorldEvents(1, 1, 2, 0));
    world.advanceTo(0);
    const stream = new EventStream(world, { playback: () => idle });
    const ahead = new FakeSocket();
    stream.addClient(ahead as unknown as WebSocket, 999);
    expect(ahead.sent[0]).toMatchObject({ type: 'hello', lastSeq: world.events.length - 1 });
    expect(ahead.sent[0]?.type === 'hello' && ahead.sent[0].snapshot).not.toBeNull();
    stream.dispose();
  });
});
