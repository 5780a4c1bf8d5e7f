import { ImportFileError, type ImportTable } from './import-table.ts';
import type { FileFormat } from './import-read.ts';

/** Messages of the reading worker. */
export type ReaderMessage =
  | { type: 'progress'; share: number | null }
  | { type: 'done'; table: ImportTable; format: FileFormat; fileHash: string }
  | { type: 'error'; key: string; values: Record<string, string | number> };

export interface ReadFile {
  table: ImportTable;
  format: FileFormat;
  fileHash: string;
}

/** Reads a CSV or XLSX file in a worker; rejects with ImportFileError, or AbortError when cancelled. */
export function readImportFile(file: File, onProgress: (share: number | null) => void, signal: AbortSignal): Promise<ReadFile> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-reader.worker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      reject(new DOMException('Reading cancelled', 'AbortError'));
    };
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    const finish = () => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<ReaderMessage>) => {
      const message = event.data;
      if (message.type === 'progress') return onProgress(message.share);
      finish();
      if (message.type === 'done') resolve({ table: message.table, format: message.format, fileHash: message.fileHash });
      else reject(new ImportFileError(message.key, message.values));
    };
    worker.onerror = () => {
      finish();
      reject(new ImportFileError('unreadable'));
    };
    worker.postMessage({ file });
  });
}
