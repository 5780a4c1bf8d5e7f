import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

// The worker is plain CommonJS run from a string: it needs no TypeScript loader and resolves
// the driver from the path it is given.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 2000');
const walFile = workerData.file + '-wal';
function checkpoint() {
  try {
    let size = 0;
    try { size = fs.statSync(walFile).size; } catch {}
    // PASSIVE never waits for the writer; a WAL that keeps growing anyway is reset the hard way.
    db.pragma(size > workerData.restartBytes ? 'wal_checkpoint(RESTART)' : 'wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage(String(err && err.message || err));
  }
}
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the request thread. better-sqlite3 is synchronous, so SQLite's
 * automatic checkpoint (copying the WAL into the database file and syncing it, every ~4 MB)
 * stalled every request behind it for tens of milliseconds. Here a worker thread with its own
 * connection checkpoints every `everyMs`; the serving connection only appends to the WAL.
 * SQLite's documented pattern (wal_autocheckpoint=0 plus checkpoints from another
 * connection); the few lines are simpler than any wrapper package.
 */
export function startBackgroundCheckpoints(
  sqlite: SQLite.Database,
  file: string,
  opts: { everyMs?: number; restartBytes?: number; onError?: (message: string) => void } = {},
): { stop(): Promise<void> } {
  sqlite.pragma('wal_autocheckpoint = 0');
  const require = createRequire(import.meta.url);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driver: require.resolve('better-sqlite3'),
      everyMs: opts.everyMs ?? 500,
      restartBytes: opts.restartBytes ?? 256 * 1024 * 1024,
    },
  });
  worker.on('message', (m: string) => opts.onError?.(m));
  worker.unref();
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
