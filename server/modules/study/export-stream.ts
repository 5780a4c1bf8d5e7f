import type { Writable } from 'node:stream';

/** Waits while the reader of `out` is behind; `false` once it has gone. */
export async function readerCaughtUp(out: Writable): Promise<boolean> {
  if (out.destroyed) return false;
  if (!out.writableNeedDrain) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
  return !out.destroyed;
}

/**
 * Writes a chunk and waits while the reader is behind, so a slow download holds back the
 * database paging instead of filling memory. Resolves `false` once the reader has gone.
 */
export async function writeOrWait(out: Writable, chunk: Buffer | string): Promise<boolean> {
  if (out.destroyed) return false;
  out.write(chunk);
  return readerCaughtUp(out);
}
