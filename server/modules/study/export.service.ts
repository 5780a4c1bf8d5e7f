import { PassThrough, type Readable } from 'node:stream';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { AuditService } from '../audit/index.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import { CSV_BOM, csvCell, csvLine, type CsvSeparator } from './csv.ts';
import { codebookHtml, codebookRows } from './export-codebook.ts';
import { writeSav } from './export-sav.ts';
import { WEIGHT_COLUMN, exportVariables, type ExportRecord } from './export-variables.ts';
import { writeXlsx } from './export-xlsx.ts';
import { countResponses, responsePage, studyTitle, versionsOfWave } from './export.repository.ts';
import { outline } from './questionnaire/outline.ts';
import { findWaveRow } from './study-admin.repository.ts';
import { waveCellWeights } from './wave-data.ts';

/** The fixed columns of a row (ids, channel and days need no quoting or defusing). */
const csvRowStart = (row: ExportRow, separator: CsvSeparator) =>
  `${row.id}${separator}${row.channel}${separator}${row.received_on}${separator}${row.collected_on ?? ''}`;

/** Rows read per query: the export holds one page in memory, whatever the size of the wave. */
const PAGE = 1000;

/** Download formats; the audit entry names the format. */
export type ExportFormat = 'csv' | 'xlsx' | 'sav';

export interface ExportFile {
  fileName: string;
  stream: Readable;
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

/** The wave's records page by page, each with its raking weight. */
async function* recordPages(
  ctx: AppContext,
  waveId: string,
  weightFor: (answers: Record<string, unknown>) => number | null,
): AsyncGenerator<ExportRecord[]> {
  const nextPage = pageReader(ctx, waveId);
  for (;;) {
    const rows = await nextPage();
    if (rows.length === 0) return;
    yield rows.map((row) => {
      const answers = JSON.parse(row.answers) as Record<string, unknown>;
      return {
        meta: { id: row.id, channel: row.channel, received_on: row.received_on, collected_on: row.collected_on },
        answers,
        weight: weightFor(answers),
      };
    });
  }
}

/**
 * Raw responses of a wave for researchers: one row per response, one column per variable, in
 * questionnaire order across every version the wave used, plus the raking weight. As CSV, Excel
 * or SPSS, streamed page by page (constant memory) and written to the audit log when it starts;
 * the codebook describes the variables.
 */
export function createExportService(ctx: AppContext, audit: AuditService) {
  async function prepare(actor: Actor | null, waveId: string) {
    authorize(actor, can.readStudies(actor));
    const wave = await findWaveRow(ctx.db, waveId);
    if (!wave) throw new AppError('wave.unknown');
    const definitions = (await versionsOfWave(ctx.db, wave.id, wave.version_id)).map((v) => JSON.parse(v.definition) as unknown);
    const variables = exportVariables(
      definitions.flatMap((d) => outline(d).questions),
      definitions,
    );
    return { actor, wave, variables };
  }

  async function begin(actor: Actor, wave: { id: string; code: string }, format: ExportFormat) {
    const weights = await waveCellWeights(ctx, wave.id);
    await audit.record({
      action: 'export.created',
      actorId: actor.userId,
      targetType: 'wave',
      targetId: wave.id,
      details: { format, code: wave.code },
    });
    return weights;
  }

  const fileName = (code: string, ext: string) => `itas-${code}-${ctx.clock().toISOString().slice(0, 10)}.${ext}`;

  /** Runs a writer into a stream the route sends; a failure ends the download (logged, never shown). */
  function streamed(write: (out: PassThrough) => Promise<void>): Readable {
    // A larger buffer than the default 16 kB: fewer round trips between the zip writer and the socket.
    const out = new PassThrough({ highWaterMark: 1 << 20 });
    write(out).catch((err: unknown) => {
      ctx.log.error({ err }, 'export failed');
      out.destroy(err instanceof Error ? err : new Error('export failed'));
    });
    return out;
  }

  return {
    async csv(
      actor: Actor | null,
      waveId: string,
      separator: CsvSeparator,
    ): Promise<{ fileName: string; lines: AsyncGenerator<string | Buffer> }> {
      const { actor: user, wave, variables } = await prepare(actor, waveId);
      const weights = await begin(user, wave, 'csv');
      const nextPage = pageReader(ctx, wave.id);
      async function* lines(): AsyncGenerator<string | Buffer> {
        yield (
          CSV_BOM +
          csvLine(['response_id', 'channel', 'received_on', 'collected_on', ...variables.map((c) => c.name), WEIGHT_COLUMN], separator)
        );
        for (;;) {
          const rows = await nextPage();
          if (rows.length === 0) return;
          const chunk: string[] = [];
          for (const row of rows) {
            const answers = JSON.parse(row.answers) as Record<string, unknown>;
            let line = csvRowStart(row, separator);
            for (const column of variables) line += separator + csvCell(column.value(answers), separator);
            line += separator + csvCell(weights.weightFor(answers), separator);
            chunk.push(line + '\r\n');
          }
          // Bytes, not a string: the socket would encode it anyway, and young strings stay young.
          yield Buffer.from(chunk.join(''));
        }
      }
      return { fileName: fileName(wave.code, 'csv'), lines: lines() };
    },

    async xlsx(actor: Actor | null, waveId: string): Promise<ExportFile> {
      const { actor: user, wave, variables } = await prepare(actor, waveId);
      const weights = await begin(user, wave, 'xlsx');
      const rows = codebookRows(variables, weights.method);
      return {
        fileName: fileName(wave.code, 'xlsx'),
        stream: streamed((out) =>
          writeXlsx(
            out,
            variables,
            recordPages(ctx, wave.id, (answers) => weights.weightFor(answers)),
            rows,
          ),
        ),
      };
    },

    async sav(actor: Actor | null, waveId: string): Promise<ExportFile> {
      const { actor: user, wave, variables } = await prepare(actor, waveId);
      const weights = await begin(user, wave, 'sav');
      const label = `${await studyTitle(ctx.db, wave.study_id)} – ${wave.name}`;
      return {
        fileName: fileName(wave.code, 'sav'),
        stream: streamed((out) =>
          writeSav(
            out,
            variables,
            recordPages(ctx, wave.id, (answers) => weights.weightFor(answers)),
            label,
          ),
        ),
      };
    },

    /** The codebook as a printable HTML page (small: the questionnaire, not the answers). */
    async codebook(actor: Actor | null, waveId: string): Promise<string> {
      const { wave, variables } = await prepare(actor, waveId);
      const [title, n, weights] = await Promise.all([
        studyTitle(ctx.db, wave.study_id),
        countResponses(ctx.db, wave.id),
        waveCellWeights(ctx, wave.id),
      ]);
      return codebookHtml({
        studyTitle: title,
        waveName: wave.name,
        waveCode: wave.code,
        opensOn: wave.opens_on,
        closesOn: wave.closes_on,
        n,
        generatedOn: ctx.clock().toISOString().slice(0, 10),
        variables,
        weightMethod: weights.method,
      });
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
