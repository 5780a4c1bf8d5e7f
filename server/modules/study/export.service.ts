import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { AuditService } from '../audit/index.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import { CSV_BOM, csvLine, type CsvSeparator } from './csv.ts';
import { responsePage, versionsOfWave } from './export.repository.ts';
import { outline, type Outline } from './questionnaire/outline.ts';
import { findWaveRow } from './study-admin.repository.ts';

/** Rows read per query: the export holds one page in memory, whatever the size of the wave. */
const PAGE = 2000;

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

/**
 * Raw responses of a wave for researchers: one row per response, one column per variable, in
 * questionnaire order across every version the wave used. Streamed page by page (constant
 * memory) and written to the audit log when it starts.
 */
export function createExportService(ctx: AppContext, audit: AuditService) {
  return {
    async csv(actor: Actor | null, waveId: string, separator: CsvSeparator): Promise<{ fileName: string; lines: AsyncGenerator<string> }> {
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
      const db = ctx.db;
      async function* lines(): AsyncGenerator<string> {
        yield CSV_BOM + csvLine(['response_id', 'channel', 'received_on', 'collected_on', ...columns.map((c) => c.header)], separator);
        let after = '';
        for (;;) {
          const rows = await responsePage(db, wave!.id, after, PAGE);
          if (rows.length === 0) return;
          let chunk = '';
          for (const row of rows) {
            const answers = JSON.parse(row.answers) as Record<string, unknown>;
            chunk += csvLine([row.id, row.channel, row.received_on, row.collected_on, ...columns.map((c) => c.value(answers))], separator);
          }
          yield chunk;
          after = rows[rows.length - 1]!.id;
        }
      }
      return { fileName: `itas-${wave.code}-${ctx.clock().toISOString().slice(0, 10)}.csv`, lines: lines() };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
