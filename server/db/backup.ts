import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, readSync, closeSync, existsSync, renameSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { DatabaseHandle, Db } from './database.ts';
import { TABLES_IN_DEPENDENCY_ORDER } from './schema.ts';

/**
 * Backups. SQLite: the online backup API makes a consistent copy of the live file (never a plain
 * file copy, which can catch the WAL mid-write), checked with `PRAGMA integrity_check`.
 * PostgreSQL: a logical dump of every table read in one REPEATABLE READ transaction (one
 * consistent snapshot), written as gzip'd JSON lines. Restore reads either format into either
 * database, replacing all rows in one transaction — so a restore is all or nothing, and a
 * SQLite backup can seed a PostgreSQL installation and vice versa.
 */
type Table = (typeof TABLES_IN_DEPENDENCY_ORDER)[number];
type Row = Record<string, unknown>;

export const BACKUP_FORMAT = 'itas-backup';

export class BackupError extends Error {}

async function appliedMigrations(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export interface BackupSummary {
  file: string;
  format: 'sqlite' | 'jsonl.gz';
  tables: Record<string, number>;
}

export async function backupDatabase(handle: DatabaseHandle, file: string): Promise<BackupSummary> {
  if (existsSync(file)) throw new BackupError(`Die Datei ${file} existiert bereits; bitte einen neuen Namen wählen.`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    if (handle.dialect === 'sqlite' && handle.sqlite) {
      await handle.sqlite.backup(partial);
      const copy = new SQLite(partial, { readonly: true });
      try {
        const check = copy.pragma('integrity_check', { simple: true });
        if (check !== 'ok') throw new BackupError(`Die Sicherungskopie ist beschädigt: ${String(check)}`);
        const tables = Object.fromEntries(
          TABLES_IN_DEPENDENCY_ORDER.map((t) => [t, (copy.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]),
        );
        copy.close();
        renameSync(partial, file);
        return { file, format: 'sqlite', tables };
      } catch (err) {
        copy.close();
        throw err;
      }
    }
    const tables: Record<string, number> = {};
    await handle.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        const migrations = await appliedMigrations(trx);
        async function* lines() {
          yield (
            JSON.stringify({ format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), source: handle.dialect, migrations }) +
            '\n'
          );
          for (const t of TABLES_IN_DEPENDENCY_ORDER) {
            const rows = (await trx.selectFrom(t).selectAll().execute()) as Row[];
            tables[t] = rows.length;
            for (const r of rows) yield JSON.stringify({ t, r }) + '\n';
          }
        }
        await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
      });
    renameSync(partial, file);
    return { file, format: 'jsonl.gz', tables };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

function detectFormat(file: string): 'sqlite' | 'jsonl.gz' {
  if (!existsSync(file)) throw new BackupError(`Die Datei ${file} gibt es nicht.`);
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(16);
  readSync(fd, head, 0, 16, 0);
  closeSync(fd);
  if (head.toString('latin1', 0, 15) === 'SQLite format 3') return 'sqlite';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'jsonl.gz';
  throw new BackupError(`${file} ist keine Sicherung der ITAS-Plattform (weder SQLite noch itas-backup).`);
}

/** Binary columns (photos) are written by JSON.stringify as {type:'Buffer',data:[…]}: read them back as bytes. */
function reviveBytes(_key: string, value: unknown): unknown {
  if (
    value &&
    typeof value === 'object' &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  )
    return Buffer.from((value as { data: number[] }).data);
  return value;
}

/** Reads a backup into memory-friendly batches: { migrations, rows per table }. */
async function readBackup(file: string): Promise<{ migrations: string[]; tables: Map<Table, Row[]> }> {
  const tables = new Map<Table, Row[]>(TABLES_IN_DEPENDENCY_ORDER.map((t) => [t, []]));
  if (detectFormat(file) === 'sqlite') {
    const src = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      const migrations = (src.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
      for (const t of TABLES_IN_DEPENDENCY_ORDER) tables.set(t, src.prepare(`select * from "${t}"`).all() as Row[]);
      return { migrations, tables };
    } finally {
      src.close();
    }
  }
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: { format?: string; migrations?: string[] } | undefined;
  for await (const line of rl) {
    if (!line) continue;
    const obj = JSON.parse(line, reviveBytes) as { t?: Table; r?: Row; format?: string; migrations?: string[] };
    if (!header) {
      header = obj;
      if (obj.format !== BACKUP_FORMAT) throw new BackupError('Unbekanntes Sicherungsformat.');
      continue;
    }
    const bucket = obj.t && tables.get(obj.t);
    if (!bucket || !obj.r) throw new BackupError(`Unbekannte Tabelle in der Sicherung: ${String(obj.t)}`);
    bucket.push(obj.r);
  }
  if (!header) throw new BackupError('Die Sicherung ist leer.');
  return { migrations: header.migrations ?? [], tables };
}

export async function isDatabaseInUse(db: Db): Promise<boolean> {
  const r = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  return r !== undefined;
}

/** Replaces every row of the target with the backup's rows, in one transaction. */
export async function restoreDatabase(handle: DatabaseHandle, file: string): Promise<{ tables: Record<string, number> }> {
  const backup = await readBackup(file);
  const current = await appliedMigrations(handle.db);
  if (backup.migrations.join(',') !== current.join(',')) {
    throw new BackupError(
      `Die Sicherung hat den Datenbankstand [${backup.migrations.join(', ')}], diese Installation [${current.join(', ')}]. ` +
        'Bitte mit der passenden Version der Plattform wiederherstellen.',
    );
  }
  const counts: Record<string, number> = {};
  await handle.db.transaction().execute(async (trx) => {
    for (const t of [...TABLES_IN_DEPENDENCY_ORDER].reverse()) await trx.deleteFrom(t).execute();
    for (const t of TABLES_IN_DEPENDENCY_ORDER) {
      const rows = backup.tables.get(t) ?? [];
      counts[t] = rows.length;
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto(t)
          .values(rows.slice(i, i + 200))
          .execute();
      }
    }
  });
  return { tables: counts };
}

/** Row count and content hash per table, independent of dialect: proves a restore is faithful. */
export async function tableChecksums(db: Db): Promise<Record<string, { rows: number; sha256: string }>> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const t of TABLES_IN_DEPENDENCY_ORDER) {
    const rows = (await db.selectFrom(t).selectAll().execute()) as Row[];
    const lines = rows
      .map((r) =>
        JSON.stringify(
          Object.keys(r)
            .sort()
            .map((k) => [k, r[k] === null ? null : String(r[k] as string | number)]),
        ),
      )
      .sort();
    out[t] = { rows: rows.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return out;
}
