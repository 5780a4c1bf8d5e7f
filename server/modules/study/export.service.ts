import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { AuditService } from '../audit/index.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import { CSV_BOM, csvCell, csvLine, type CsvSeparator } from './csv.ts';
import { responsePage, versionsOfWave } from './export.repository.ts';
import { outline, type Outline } from './questionnaire/outline.ts';
import { findWaveRow } from './study-admin.repository.ts';

/** The fixed columns of a row (ids, channel and days need no quoting or defusing). */
const csvRowStart = (row: ExportRow, separator: CsvSeparator) =>
  `${row.id}${separator}${row.channel}${separator}${row.received_on}${separator}${row.collected_on ?? ''}`;

/** Rows read per query: the export holds one page in memory, whatever the size of the wave. */
const PAGE = 1000;

type Cell = string | number | null;
interface Column {
  header: string;
  value: (answers: Record<string, unknown>) => Cell;
}

const scalar = (v: unknown): Cell => (typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : null);

/** One column per variable; a checkbox question becomes one 0/1 column per option, a matrix one per row. */
export function exportColumns(questions: Outline['questions']): Column[] {
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.name)) continue;
    seen.add(q.name);
    if (q.type === 'checkbox') {
      for (const c of q.choices)
        columns.push({
          header: `${q.name}_${c.value}`,
          value: (a) => (Array.isArray(a[q.name]) ? ((a[q.name] as unknown[]).includes(c.value) ? 1 : 0) : null),
        });
    } else if (q.type === 'matrix') {
      for (const r of q.rows)
        columns.push({
          header: `${q.name}_${r.value}`,
          value: (a) => scalar((a[q.name] as Record<string, unknown> | undefined)?.[String(r.value)]),
        });
    } else {
      columns.push({ header: q.name, value: (a) => scalar(a[q.name]) });
    }
  }
  return columns;
}

interface ExportRow {
  id: string;
  channel: string;
  received_on: string;
  collected_on: string | null;
  answers: string;
}

/**
 * The wave's responses page by page; each call returns the next page (empty at the end).
 * PostgreSQL pages by id through the (wave_id, id) index. On SQLite, rows ordered by the random
 * UUID meant one random table lookup per row (28 s for a million): there the pages follow the
 * table's own rowid order in one sequential pass, with a statement prepared once, run while
 * holding Kysely's connection (as the submission hot path in sqlite-store.ts does).
 */
function pageReader(ctx: AppContext, waveId: string): () => Promise<ExportRow[]> {
  const sqlite = ctx.sqlite;
  if (!sqlite) {
    let after = '';
    return async () => {
      const rows = await responsePage(ctx.db, waveId, after, PAGE);
      if (rows.length > 0) after = rows[rows.length - 1]!.id;
      return rows;
    };
  }
  const statement = sqlite
    .prepare<[number, string, number], [number, string, string, string, string | null, string]>(
      `SELECT rowid, id, channel, received_on, collected_on, answers FROM response NOT INDEXED
       WHERE rowid > ? AND wave_id = ? ORDER BY rowid LIMIT ?`,
    )
    .raw(true);
  let after = 0;
  return () =>
    ctx.db.connection().execute(async () => {
      const rows = statement.all(after, waveId, PAGE);
      if (rows.length > 0) after = rows[rows.length - 1]![0];
      return rows.map(([, id, channel, received_on, collected_on, answers]) => ({ id, channel, received_on, collected_on, answers }));
    });
}

/**
 * Raw responses of a wave for researchers: one row per response, one column per variable, in
 * questionnaire order across every version the wave used. Streamed page by page (constant
 * memory) and written to the audit log when it starts.
 */
export function createExportService(ctx: AppContext, audit: AuditService) {
  return {
    async csv(
      actor: Actor | null,
      waveId: string,
      separator: CsvSeparator,
    ): Promise<{ fileName: string; lines: AsyncGenerator<string | Buffer> }> {
      authorize(actor, can.readStudies(actor));
      const wave = await findWaveRow(ctx.db, waveId);
      if (!wave) throw new AppError('wave.unknown');
      const versions = await versionsOfWave(ctx.db, wave.id, wave.version_id);
      const columns = exportColumns(versions.flatMap((v) => outline(JSON.parse(v.definition)).questions));
      await audit.record({
        action: 'export.created',
        actorId: actor.userId,
        targetType: 'wave',
        targetId: wave.id,
        details: { format: 'csv', code: wave.code },
      });
      const nextPage = pageReader(ctx, wave.id);
      async function* lines(): AsyncGenerator<string | Buffer> {
        yield CSV_BOM + csvLine(['response_id', 'channel', 'received_on', 'collected_on', ...columns.map((c) => c.header)], separator);
        for (;;) {
          const rows = await nextPage();
          if (rows.length === 0) return;
          const chunk: string[] = [];
          for (const row of rows) {
            const answers = JSON.parse(row.answers) as Record<string, unknown>;
            let line = csvRowStart(row, separator);
            for (const column of columns) line += separator + csvCell(column.value(answers), separator);
            chunk.push(line + '\r\n');
          }
          // Bytes, not a string: the socket would encode it anyway, and young strings stay young.
          yield Buffer.from(chunk.join(''));
        }
      }
      return { fileName: `itas-${wave.code}-${ctx.clock().toISOString().slice(0, 10)}.csv`, lines: lines() };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
