import { ImportFileError } from './import-table.ts';
import { readTable, sha256Hex } from './import-read.ts';
import type { ReaderMessage } from './import-reader.ts';

/**
 * Reads the chosen file off the main thread, so the page stays responsive and shows progress
 * for large files. A module worker from our own origin: the Content Security Policy allows it.
 */
interface WorkerScope {
  postMessage(message: ReaderMessage): void;
  onmessage: ((event: MessageEvent<{ file: File }>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const send = (message: ReaderMessage) => scope.postMessage(message);

scope.onmessage = (event) => void read(event.data.file);

async function read(file: File) {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const fileHash = await sha256Hex(bytes);
    let last = -1;
    const { table, format } = readTable(file.name, bytes, (share) => {
      // A few dozen messages at most: whole percent steps.
      const percent = share === null ? null : Math.floor(share * 100);
      if (percent !== null && percent === last) return;
      last = percent ?? -1;
      send({ type: 'progress', share });
    });
    send({ type: 'done', table, format, fileHash });
  } catch (err) {
    if (err instanceof ImportFileError) send({ type: 'error', key: err.key, values: err.values });
    else send({ type: 'error', key: 'unreadable', values: {} });
  }
}
