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
  const refuse = (rule: string, message: string): InputError => new InputError([diagnosticAt({ file: path, line: 1, column: 1 }, rule, 'error', message)]);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw refuse(UNREADABLE_FILE_RULE, `cannot read the ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_INPUT_FILE_BYTES) {
        throw refuse(INPUT_LIMIT_RULE, `the ${what} is larger than ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MiB, the most vnetsim reads; split it into several files`);
      }
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw refuse(UNREADABLE_FILE_RULE, `cannot read the ${what}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await handle.close();
  }
}
