import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { exited, startServer } from '../../test/server-process.ts';
import { sampleAnswers } from './questionnaire/sample-answers.ts';
import { DEMO_WAVE_CODE } from './shipped.ts';

// The promise "acknowledged means stored", tested the hard way: the server process is killed
// with SIGKILL while respondents keep sending; after a restart every acknowledged response is
// there, and sending everything again stores nothing twice.
const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-crash-'));
const definition = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'questionnaires', 'resilienz-studie-suedwestsachsen.json'), 'utf8'),
) as object;
const generate = sampleAnswers(definition);

interface Item {
  id: string;
  versionId: string;
  answers: object;
}

async function send(base: string, items: Item[]): Promise<{ id: string; status: string }[] | null> {
  try {
    const res = await fetch(`${base}/api/study/waves/${DEMO_WAVE_CODE}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'online', responses: items }),
    });
    if (res.status >= 500) return null;
    return ((await res.json()) as { results: { id: string; status: string }[] }).results;
  } catch {
    return null; // the connection died with the server: not acknowledged
  }
}

describe('a server killed with SIGKILL during submissions', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged response exactly once', async () => {
    const first = await startServer(dataDir);
    const wave = (await (await fetch(`${first.base}/api/study/waves/${DEMO_WAVE_CODE}`)).json()) as { versionId: string };
    const sent: Item[] = [];
    const acknowledged = new Set<string>();
    let killed = false;

    // 24 respondents in parallel, single answers and small batches, until the process dies.
    const clients = Array.from({ length: 24 }, async (_, c) => {
      while (!killed) {
        const items = Array.from({ length: c % 4 === 0 ? 20 : 1 }, () => ({
          id: randomUUID(),
          versionId: wave.versionId,
          answers: generate(),
        }));
        sent.push(...items);
        const results = await send(first.base, items);
        for (const r of results ?? []) if (r.status === 'stored' || r.status === 'duplicate') acknowledged.add(r.id);
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    killed = true;
    await exited(first.child);
    await Promise.all(clients);
    expect(acknowledged.size, 'the load produced acknowledged responses before the kill').toBeGreaterThan(100);

    // After the restart: everything acknowledged is there.
    const second = await startServer(dataDir);
    try {
      const db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'itas.sqlite') });
      const stored = new Set((await db.db.selectFrom('response').select('id').execute()).map((r) => r.id));
      await db.close();
      const missing = [...acknowledged].filter((id) => !stored.has(id));
      expect(missing, 'acknowledged but lost').toEqual([]);

      // The phones retry everything they sent: acknowledged ones come back as duplicates,
      // the rest is stored now, and nothing exists twice.
      for (let i = 0; i < sent.length; i += 500) {
        const results = await send(second.base, sent.slice(i, i + 500));
        expect(results).not.toBeNull();
        for (const r of results!) {
          expect(['stored', 'duplicate']).toContain(r.status);
          if (acknowledged.has(r.id)) expect(r.status).toBe('duplicate');
        }
      }
      const check = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'itas.sqlite') });
      const ids = (await check.db.selectFrom('response').select('id').execute()).map((r) => r.id);
      const integrity = check.sqlite!.pragma('integrity_check', { simple: true });
      await check.close();
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(new Set(sent.map((s) => s.id)).size);
      expect(integrity).toBe('ok');
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  }, 120_000);
});
