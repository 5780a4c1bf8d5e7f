import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tableChecksums } from '../server/db/backup.ts';
import { openDatabase, type DatabaseTarget } from '../server/db/database.ts';
import { createTestDatabase, TEST_DIALECT } from '../server/test/test-app.ts';
import { main } from './main.ts';

/** Runs `itas …` in-process against a given database and captures what it prints. */
async function itas(target: DatabaseTarget, dataDir: string, ...argv: string[]) {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: process.env.LOG_LEVEL };
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL = 'silent';
  if (target.kind === 'postgres') process.env.DATABASE_URL = target.url;
  else delete process.env.DATABASE_URL;
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe(`itas command line (${TEST_DIALECT})`, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-cli-'));
  const drops: (() => Promise<void>)[] = [];
  let source: DatabaseTarget;
  let target: DatabaseTarget;

  beforeAll(async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    drops.push(a.drop, b.drop);
    // SQLite: two files in two data directories; PostgreSQL: two fresh databases.
    source = a.target.kind === 'sqlite' ? { kind: 'sqlite', file: path.join(dataDir, 'a', 'itas.sqlite') } : a.target;
    target = b.target.kind === 'sqlite' ? { kind: 'sqlite', file: path.join(dataDir, 'b', 'itas.sqlite') } : b.target;
  });
  afterAll(async () => {
    for (const d of drops) await d();
  });
  afterEach(() => vi.restoreAllMocks());

  const dirOf = (t: DatabaseTarget) => (t.kind === 'sqlite' ? path.dirname(t.file) : dataDir);
  /** `itas user create …` against the given database. */
  const createUser = (target: DatabaseTarget, email: string, password: string, role: string, org: string) =>
    itas(target, dirOf(target), 'user', 'create', '--email', email, '--password', password, '--role', role, '--org', org);

  it('explains itself and exits 2 on unknown commands and bad arguments', async () => {
    expect((await itas(source, dirOf(source))).code).toBe(2);
    const unknown = await itas(source, dirOf(source), 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unbekannter Befehl "frobnicate"');
    const noFile = await itas(source, dirOf(source), 'backup');
    expect(noFile.code).toBe(2);
    const badFlag = await itas(source, dirOf(source), 'seed', '--demo', '--lots');
    expect(badFlag.code).toBe(2);
  });

  it('creates a user and names the problem when an argument is wrong', async () => {
    const ok = await createUser(source, 'Leitung@CWE.example', 'ein wirklich langes Passwort', 'admin', 'cwe');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('leitung@cwe.example (admin, CWE Chemnitz)');

    const again = await createUser(source, 'leitung@cwe.example', 'ein wirklich langes Passwort', 'admin', 'cwe');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('bereits ein Konto');

    const badRole = await createUser(source, 'x@cwe.example', 'ein wirklich langes Passwort', 'boss', 'cwe');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role');

    const badOrg = await createUser(source, 'x@cwe.example', 'ein wirklich langes Passwort', 'staff', 'nasa');
    expect(badOrg.code).toBe(2);
    expect(badOrg.stderr).toContain('Vorhanden: cwe, ihk-chemnitz');

    const shortPw = await createUser(source, 'x@cwe.example', 'kurz', 'staff', 'cwe');
    expect(shortPw.code).toBe(2);
    expect(shortPw.stderr).toContain('--password');
  });

  it('backs up and restores every row faithfully, and refuses to overwrite without --replace', async () => {
    const seeded = await itas(source, dirOf(source), 'seed', '--demo');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/admin\s+admin@demo\.itas\.example\s+\S{23}/);
    // A kept mail with its attachment (a QR ticket): the JSON column travels like every other.
    const attachments = JSON.stringify([{ filename: 'ticket.png', contentType: 'image/png', base64: 'iVBORw0KGgo=', cid: null }]);
    const seededDb = openDatabase(source);
    try {
      await seededDb.db
        .insertInto('mail_outbox')
        .values({
          id: randomUUID(),
          created_at: new Date().toISOString(),
          to_address: 'ticket@example.org',
          subject: 'Anmeldung bestätigt',
          text_body: 'Ihr Ticket hängt an.',
          status: 'failed',
          sent_at: null,
          error: 'Mailbox unavailable',
          attempts: 1,
          attachments,
        })
        .execute();
    } finally {
      await seededDb.close();
    }

    const file = path.join(dataDir, `backup-${TEST_DIALECT}-${Date.now()}.bak`);
    const backup = await itas(source, dirOf(source), 'backup', file);
    expect(backup.code).toBe(0);
    expect((await itas(source, dirOf(source), 'backup', file)).code).toBe(1); // never overwrites a file

    // The target gets its own users first: restore must refuse, then replace everything with --replace.
    expect((await createUser(target, 'andere@example.org', 'ein wirklich langes Passwort', 'staff', 'amz')).code).toBe(0);
    const refused = await itas(target, dirOf(target), 'restore', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--replace');

    const restored = await itas(target, dirOf(target), 'restore', file, '--replace');
    expect(restored.code).toBe(0);

    const a = openDatabase(source);
    const b = openDatabase(target);
    try {
      const before = await tableChecksums(a.db);
      const after = await tableChecksums(b.db);
      // Backup and restore each log one audit event after the fact; every other row is identical.
      const { audit_event: _a, ...restBefore } = before;
      const { audit_event: _b, ...restAfter } = after;
      expect(restAfter).toEqual(restBefore);
      const events = async (db: typeof a.db) =>
        await db
          .selectFrom('audit_event')
          .select(['id', 'action'])
          .where('action', 'not in', ['backup.created', 'backup.restored'])
          .orderBy('id')
          .execute();
      expect(await events(b.db)).toEqual(await events(a.db));
      expect((await events(b.db)).length).toBeGreaterThan(3);
      const kept = await b.db.selectFrom('mail_outbox').select('attachments').where('to_address', '=', 'ticket@example.org').execute();
      expect(kept).toEqual([{ attachments }]);
      const users = await b.db.selectFrom('app_user').select('email').execute();
      expect(users.map((u) => u.email)).not.toContain('andere@example.org');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('rejects a file that is not a backup', async () => {
    const r = await itas(target, dirOf(target), 'restore', path.join(dataDir, 'gibt-es-nicht.bak'), '--replace');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gibt es nicht');
  });
});
