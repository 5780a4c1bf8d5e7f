import type { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { readerCaughtUp } from './export-stream.ts';
import { META_VARIABLES, WEIGHT_COLUMN, type ExportRecord, type ExportVariable } from './export-variables.ts';

/**
 * Excel workbook written with exceljs' streaming writer: every row is committed as soon as it is
 * added, so only the current page is in memory. Answers go in as plain values: numbers stay
 * numbers, text stays text (exceljs writes a string cell as a value, never as a formula, so an
 * answer like `=HYPERLINK(…)` is shown, not run). A second sheet "Codebuch" describes the variables.
 */

/** Uncompressed sheet XML allowed to wait for the zip compressor before the next page is read. */
const ZIP_BACKLOG = 4 << 20;

/**
 * Waits until the zip compressor has caught up with the sheet. exceljs' sheet stream writes into
 * the zip entry without looking at its backpressure (exceljs 4.4.0, StreamBuf), so without this
 * wait all pages of a large wave pile up in memory as uncompressed XML before a byte leaves.
 */
async function zipCaughtUp(sheet: unknown, out: Writable): Promise<boolean> {
  const state = (sheet as { stream?: { pipes?: { _writableState?: { length: number } }[] } }).stream?.pipes?.[0]?._writableState;
  // Polled rather than 'drain' (which waits for an empty queue): the compressor keeps working
  // on the rest while the next page is read and rendered.
  while (state && state.length > ZIP_BACKLOG && !out.destroyed) await delay(2);
  return readerCaughtUp(out);
}

/** One row of the codebook sheet. */
export type CodebookRow = [variable: string, question: string, type: string, codes: string, missing: string];

export async function writeXlsx(
  out: Writable,
  variables: ExportVariable[],
  pages: AsyncIterable<ExportRecord[]>,
  codebook: CodebookRow[],
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = 'ITAS-Plattform';
  const sheet = workbook.addWorksheet('Antworten', { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow([...META_VARIABLES.map((m) => m.header), ...variables.map((v) => v.name), WEIGHT_COLUMN]);
  header.font = { bold: true };
  header.commit();
  for await (const page of pages) {
    for (const r of page) {
      const values: (string | number | null)[] = [r.meta.id, r.meta.channel, r.meta.received_on, r.meta.collected_on];
      for (const v of variables) values.push(v.value(r.answers));
      values.push(r.weight);
      sheet.addRow(values).commit();
    }
    // Let the compressor and the download catch up before the next page (constant memory).
    if (!(await zipCaughtUp(sheet, out))) return;
  }
  sheet.commit();
  const book = workbook.addWorksheet('Codebuch', { views: [{ state: 'frozen', ySplit: 1 }] });
  book.columns = [{ width: 22 }, { width: 60 }, { width: 22 }, { width: 50 }, { width: 22 }];
  const bookHeader = book.addRow(['Variable', 'Fragetext', 'Typ / Messniveau', 'Codes und Labels', 'Fehlende Werte']);
  bookHeader.font = { bold: true };
  bookHeader.commit();
  for (const row of codebook) book.addRow(row).commit();
  book.commit();
  // A download cancelled during the last steps leaves exceljs waiting forever: stop waiting then.
  await Promise.race([workbook.commit(), new Promise((resolve) => out.once('close', resolve))]);
}
