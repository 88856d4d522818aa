import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** An output file being written: nothing at its path changes until `commit`. */
export interface AtomicOutput {
  /** Appends bytes to the temporary file, so a long output is streamed instead of held whole. */
  write(bytes: Uint8Array): Promise<void>;
  /** Appends `text` (the whole content, when nothing was written before) and renames the temporary file over the path. */
  commit(text?: string): Promise<void>;
  /** Removes the temporary file, leaving whatever was at the path untouched. */
  discard(): Promise<void>;
}

/**
 * Opens a temporary file beside `path` (same directory, so the final rename is atomic on one file system). A run that
 * fails after this leaves an existing file at `path` as it was (issue #14, item 8); opening fails early, before any
 * work, when the directory cannot be written.
 */
export async function openAtomicOutput(path: string): Promise<AtomicOutput> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle: FileHandle = await open(temporary, 'wx');
  let isOpen = true;
  const close = async (): Promise<void> => {
    if (isOpen) await handle.close();
    isOpen = false;
  };
  return {
    async write(bytes) {
      // A write may take only part of the bytes; the rest follow until all are in.
      for (let offset = 0; offset < bytes.length;) offset += (await handle.write(bytes, offset)).bytesWritten;
    },
    async commit(text = '') {
      try {
        await handle.writeFile(text);
        await close();
        await rename(temporary, path);
      } catch (error) {
        await close();
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
    },
    async discard() {
      await close();
      await unlink(temporary).catch(() => undefined);
    },
  };
}
