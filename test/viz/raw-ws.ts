import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** A WebSocket client written by hand on a TCP socket, so a test can misbehave as no library lets it. */
export interface RawWsClient {
  socket: Socket;
  /** Sends one masked frame: `opcode` 0x1 text, 0xA pong. */
  sendFrame(opcode: number, payload: Buffer | string): boolean;
  /** Resolves when the server closes or resets the connection. */
  closed: Promise<void>;
}

/** Sends raw bytes to `port` and resolves with everything the server answered until it closed the connection. */
export function sendRawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/**
 * Opens `/events` with a hand-made handshake and, when `neverRead` is set, stops reading right after the 101 answer:
 * everything the server sends then piles up in the kernel's buffers and, once they are full, in the server's.
 */
export function openRawWs(port: number, options: { neverRead?: boolean } = {}): Promise<RawWsClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write(
        `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    const onData = (chunk: Buffer): void => {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n\r\n')) return;
      if (!answer.startsWith('HTTP/1.1 101')) {
        reject(new Error(`handshake refused: ${answer.split('\r\n')[0]}`));
        return;
      }
      if (options.neverRead === true) {
        socket.off('data', onData);
        socket.pause();
      }
      resolve({ socket, sendFrame: (opcode, payload) => socket.write(maskedFrame(opcode, Buffer.from(payload))), closed });
    };
    socket.on('data', onData);
  });
}

/** A client-to-server frame (clients must mask) with a payload under 126 bytes. */
function maskedFrame(opcode: number, payload: Buffer): Buffer {
  if (payload.length > 125) throw new RangeError('raw test frames carry at most 125 bytes');
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]);
}
