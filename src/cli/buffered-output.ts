/** Bytes gathered before each write: few system calls, and a buffer reused for the whole output. */
const BUFFER_BYTES = 1 << 20;
/** The most bytes one UTF-16 code unit becomes in UTF-8 (a lone surrogate or a BMP character above U+07FF). */
const MAX_UTF8_BYTES_PER_UNIT = 3;

/** Where a {@link BufferedOutput} sends its bytes: resolves once they are written and the buffer may be reused. */
export type ByteSink = (bytes: Uint8Array) => Promise<void>;

/**
 * Text encoded as UTF-8 straight into one reused buffer and handed to `sink` a megabyte at a time, each write awaited:
 * memory stays flat however long the output, and a slow reader holds the writer back instead of filling memory.
 */
export class BufferedOutput {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;

  constructor(private readonly sink: ByteSink) {}

  /** Appends `text`, writing out the buffer first when it might not fit. */
  async write(text: string): Promise<void> {
    const mostBytes = text.length * MAX_UTF8_BYTES_PER_UNIT;
    if (this.used + mostBytes > this.buffer.length) await this.flush();
    if (mostBytes > this.buffer.length) await this.sink(Buffer.from(text, 'utf8'));
    else this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Writes out whatever is buffered. */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const bytes = this.buffer.subarray(0, this.used);
    this.used = 0;
    await this.sink(bytes);
  }
}

/** A sink writing to a stream such as stdout, resolved when the stream has taken the bytes (its own backpressure). */
export function streamSink(stream: NodeJS.WritableStream): ByteSink {
  return (bytes) => new Promise((resolve, reject) => {
    stream.write(bytes, (error) => {
      if (error === null || error === undefined) resolve();
      else reject(error);
    });
  });
}
