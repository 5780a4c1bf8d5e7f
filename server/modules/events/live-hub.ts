import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import pg from 'pg';
import { LIVE_STREAM_EVENT } from '../../../contracts/live.ts';
import type { Logger } from '../../logger.ts';

/** At most one message per room and stream kind in this time. */
export const COALESCE_MS = 200;
const KEEP_ALIVE_MS = 20_000;
/** A client that cannot keep up (more than this unsent) is dropped; its browser reconnects. */
const MAX_BUFFERED = 1024 * 1024;

export type StreamKind = 'public' | 'admin';

/** One SSE message as written to the wire; built once per room and written to every client. */
export function sseMessage(revision: number, json: string): string {
  return `id: ${revision}\nevent: ${LIVE_STREAM_EVENT}\ndata: ${json}\n\n`;
}

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
  'x-content-type-options': 'nosniff',
  connection: 'keep-alive',
} as const;

interface Channel {
  clients: Record<StreamKind, Set<ServerResponse>>;
  last: Record<StreamKind, string>;
  timer: NodeJS.Timeout | null;
  lastFlush: number;
  running: boolean;
  again: boolean;
  /** Something the audience sees may have changed (not only results). */
  structural: boolean;
}

export interface HubSource {
  /** Called before a flush: forget cached state of the room (`structural`: more than results changed). */
  refresh(sessionId: string, structural: boolean): void;
  /** The room as JSON for one kind of stream, with its revision; null when it no longer exists. */
  build(sessionId: string, kind: StreamKind): Promise<{ revision: number; json: string } | null>;
}

/**
 * Fan-out of live rooms to Server-Sent-Event clients. Changes are coalesced per room: at most one
 * flush every 200 ms; a flush serialises each stream kind once and writes the same string to all
 * of its clients, and only when it differs from what they got last (so the audience stream stays
 * quiet while votes come in).
 */
export class LiveHub {
  private channels = new Map<string, Channel>();
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(
    private readonly source: HubSource,
    private readonly log: Logger,
  ) {}

  private channel(sessionId: string): Channel {
    let c = this.channels.get(sessionId);
    if (!c) {
      c = {
        clients: { public: new Set(), admin: new Set() },
        last: { public: '', admin: '' },
        timer: null,
        lastFlush: 0,
        running: false,
        again: false,
        structural: false,
      };
      this.channels.set(sessionId, c);
    }
    return c;
  }

  /** Registers an open stream whose first message was already written. */
  add(sessionId: string, kind: StreamKind, res: ServerResponse, sent: string): void {
    const c = this.channel(sessionId);
    c.clients[kind].add(res);
    if (c.last[kind] === '') c.last[kind] = sent;
    res.on('close', () => {
      c.clients[kind].delete(res);
      if (c.clients.public.size === 0 && c.clients.admin.size === 0 && !c.timer && !c.running) this.channels.delete(sessionId);
    });
    this.keepAlive ??= setInterval(() => this.ping(), KEEP_ALIVE_MS).unref();
  }

  /** Number of open streams (all rooms). */
  get connections(): number {
    let n = 0;
    for (const c of this.channels.values()) n += c.clients.public.size + c.clients.admin.size;
    return n;
  }

  /** A committed change of a room; `structural` when more than vote counts changed. */
  changed(sessionId: string, structural: boolean): void {
    const c = this.channel(sessionId);
    c.structural ||= structural;
    if (c.running) {
      c.again = true;
      return;
    }
    if (c.timer) return;
    const wait = Math.max(0, c.lastFlush + COALESCE_MS - performance.now());
    c.timer = setTimeout(() => void this.flush(sessionId, c), wait);
  }

  /** Every room that has clients: after a lost notification connection, all may be stale. */
  changedAll(): void {
    for (const id of this.channels.keys()) this.changed(id, true);
  }

  private async flush(sessionId: string, c: Channel): Promise<void> {
    c.timer = null;
    c.running = true;
    c.lastFlush = performance.now();
    const structural = c.structural;
    c.structural = false;
    try {
      this.source.refresh(sessionId, structural);
      for (const kind of ['public', 'admin'] as const) {
        if (c.clients[kind].size === 0) {
          c.last[kind] = '';
          continue;
        }
        const built = await this.source.build(sessionId, kind);
        if (!built) {
          for (const res of c.clients[kind]) res.end();
          continue;
        }
        if (built.json === c.last[kind]) continue;
        c.last[kind] = built.json;
        const message = sseMessage(built.revision, built.json);
        for (const res of c.clients[kind]) this.write(res, message);
      }
    } catch (err) {
      this.log.error({ err, sessionId }, 'live room update failed');
    } finally {
      c.running = false;
      if (c.again) {
        c.again = false;
        this.changed(sessionId, false);
      } else if (c.clients.public.size === 0 && c.clients.admin.size === 0) {
        this.channels.delete(sessionId);
      }
    }
  }

  private write(res: ServerResponse, message: string): void {
    if (res.writableLength > MAX_BUFFERED) {
      res.destroy();
      return;
    }
    res.write(message);
  }

  private ping(): void {
    for (const c of this.channels.values())
      for (const set of Object.values(c.clients)) for (const res of set) this.write(res, ': ping\n\n');
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = null;
    for (const c of this.channels.values()) {
      if (c.timer) clearTimeout(c.timer);
      for (const set of Object.values(c.clients)) for (const res of set) res.end();
    }
    this.channels.clear();
  }
}

export const LIVE_CHANNEL = 'itas_live';

/** Tells every instance that a room changed; each one refreshes the room from the database. */
export interface LiveBus {
  /** `structural`: more than vote counts changed (the in-process bus passes it on; NOTIFY carries only the id). */
  publish(sessionId: string, structural: boolean): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** One process on the embedded database: an in-process emitter. */
export function inProcessBus(onChange: (sessionId: string, structural: boolean) => void): LiveBus {
  const emitter = new EventEmitter();
  emitter.on('change', onChange);
  return {
    publish: (sessionId, structural) => void emitter.emit('change', sessionId, structural),
    start: async () => undefined,
    close: async () => void emitter.removeAllListeners(),
  };
}

/**
 * Several instances on PostgreSQL: after a commit, `NOTIFY itas_live, '<sessionId>'` (coalesced per
 * room, at most one per 50 ms); each instance holds one dedicated connection that LISTENs and
 * reconnects with growing pauses when it drops. After a reconnect every room counts as changed.
 */
export function postgresBus(opts: {
  url: string;
  notify: (sessionId: string) => Promise<void>;
  onChange: (sessionId: string) => void;
  onReconnect: () => void;
  log: Logger;
}): LiveBus {
  const pending = new Set<string>();
  let flushTimer: NodeJS.Timeout | null = null;
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  let backoff = 500;

  const flush = async () => {
    flushTimer = null;
    const ids = [...pending];
    pending.clear();
    for (const id of ids) {
      if (stopped) return;
      try {
        await opts.notify(id);
      } catch (err) {
        opts.log.warn({ err }, 'live notify failed');
      }
    }
  };

  const connect = async (first: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString: opts.url });
    c.on('notification', (msg) => {
      if (msg.channel === LIVE_CHANNEL && msg.payload) opts.onChange(msg.payload);
    });
    const lost = () => {
      if (client !== c) return;
      client = null;
      c.removeAllListeners('end');
      void c.end().catch(() => undefined);
      scheduleReconnect();
    };
    c.on('error', lost);
    c.on('end', lost);
    try {
      await c.connect();
      await c.query(`LISTEN ${LIVE_CHANNEL}`);
      if (stopped) {
        await c.end();
        return;
      }
      client = c;
      backoff = 500;
      if (!first) opts.onReconnect();
    } catch (err) {
      c.removeAllListeners('end');
      void c.end().catch(() => undefined);
      if (first) throw err;
      opts.log.warn({ err }, 'live listener reconnect failed');
      scheduleReconnect();
    }
  };

  const scheduleReconnect = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect(false);
    }, backoff);
    backoff = Math.min(backoff * 2, 30_000);
  };

  return {
    publish(sessionId) {
      if (stopped) return;
      pending.add(sessionId);
      flushTimer ??= setTimeout(() => void flush(), 50);
    },
    start: () => connect(true),
    async close() {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (flushTimer) clearTimeout(flushTimer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      }
    },
  };
}
