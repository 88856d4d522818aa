import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { InputError, MAX_INPUT_FILE_BYTES, diagnosticAt } from '../common/index.js';
import { INPUT_LIMIT_RULE } from './input-bounds.js';

/** Code of a diagnostic for an input file that cannot be read at all. */
export const UNREADABLE_FILE_RULE = 'unreadable-file';

/** Bytes read at a time: large enough to read a big plan in few calls, small enough to stop soon past the limit. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads an input file (`what`: "scenario", "plan", "event log") as UTF-8, refusing it as soon as it passes
 * MAX_INPUT_FILE_BYTES — reading in chunks rather than trusting its size, so a pipe or /dev/zero is refused too.
 * Any problem is an InputError at the file's first line.
 */
export async function readInputFile(path: string, what: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw refuseInput(path, UNREADABLE_FILE_RULE, `cannot read the ${what}: ${describeError(error)}`);
  }
  try {
    const reader = new BoundedReader(path, what);
    for (let chunk = reader.nextBuffer(); ; chunk = reader.nextBuffer()) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (!reader.take(chunk, bytesRead)) return reader.text();
    }
  } catch (error) {
    throw asInputError(path, what, error);
  } finally {
    await handle.close();
  }
}

/** readInputFile for a loader that cannot wait: a file a scenario names (setNetworkConfig `file:`), same limits. */
export function readInputFileSync(path: string, what: string): string {
  let descriptor;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw refuseInput(path, UNREADABLE_FILE_RULE, `cannot read the ${what}: ${describeError(error)}`);
  }
  try {
    const reader = new BoundedReader(path, what);
    for (let chunk = reader.nextBuffer(); ; chunk = reader.nextBuffer()) {
      if (!reader.take(chunk, readSync(descriptor, chunk, 0, CHUNK_BYTES, null))) return reader.text();
    }
  } catch (error) {
    throw asInputError(path, what, error);
  } finally {
    closeSync(descriptor);
  }
}

/** Collects chunks and refuses the file as soon as it passes MAX_INPUT_FILE_BYTES. */
class BoundedReader {
  private readonly chunks: Buffer[] = [];
  private total = 0;

  constructor(private readonly path: string, private readonly what: string) {}

  nextBuffer(): Buffer {
    // not zero-filled: only the bytes read into it are kept
    return Buffer.allocUnsafe(CHUNK_BYTES);
  }

  /** Keeps `bytesRead` bytes of `chunk`; false at the end of the file. */
  take(chunk: Buffer, bytesRead: number): boolean {
    if (bytesRead === 0) return false;
    this.total += bytesRead;
    if (this.total > MAX_INPUT_FILE_BYTES) {
      throw refuseInput(this.path, INPUT_LIMIT_RULE, `the ${this.what} is larger than ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MiB, the most vnetsim reads; split it into several files`);
    }
    this.chunks.push(chunk.subarray(0, bytesRead));
    return true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function refuseInput(path: string, rule: string, message: string): InputError {
  return new InputError([diagnosticAt({ file: path, line: 1, column: 1 }, rule, 'error', message)]);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function asInputError(path: string, what: string, error: unknown): InputError {
  return error instanceof InputError ? error : refuseInput(path, UNREADABLE_FILE_RULE, `cannot read the ${what}: ${describeError(error)}`);
}
