import Papa from 'papaparse';
import { ImportFileError, type TableBuilder } from './import-table.ts';

/**
 * The text of a CSV file. Excel saves "CSV UTF-8" with a byte order mark, plain "CSV" on a German
 * Windows in Windows-1252 and "Unicode text" in UTF-16: whatever is not valid UTF-8 and carries
 * no UTF-16 mark is read as Windows-1252, so umlauts survive either way.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Text files with NUL characters are binary files (a PDF, an old .xls) with the wrong name. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 4096).includes('\u0000');
}

const PROGRESS_EVERY_ROWS = 500;

/**
 * Parses CSV text row by row into the builder. The separator is guessed (";" from a German Excel,
 * "," or tab from other tools); quoted cells may span lines. `onProgress` gets the share read.
 */
export function parseCsv(text: string, builder: TableBuilder, onProgress: (share: number) => void = () => undefined): void {
  let row = 0;
  const outcome: { failure?: Error } = {};
  Papa.parse<string[]>(text, {
    delimitersToGuess: [';', ',', '\t', '|'],
    skipEmptyLines: false,
    step: (result, parser) => {
      row += 1;
      try {
        const quoteError = result.errors.find((e) => e.type === 'Quotes');
        if (quoteError) throw new ImportFileError('csvQuotes', { row });
        builder.add(result.data, row);
      } catch (err) {
        outcome.failure = err instanceof Error ? err : new ImportFileError('unreadable');
        parser.abort();
        return;
      }
      if (row % PROGRESS_EVERY_ROWS === 0) onProgress(Math.min(1, result.meta.cursor / Math.max(1, text.length)));
    },
  });
  if (outcome.failure) throw outcome.failure;
  onProgress(1);
}
