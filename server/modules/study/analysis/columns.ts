import { CsvFormatError, FIELD_DIGITS, FIELD_EMPTY, fieldText, type CsvRecord, type RecordSink } from './csv.ts';

/** A categorical column: one code per row (index into `levels`), -1 where the cell is empty. */
export interface CategoricalColumn {
  kind: 'categorical';
  name: string;
  codes: Int32Array;
  levels: string[];
}

/** A numeric column: NaN where the cell is empty. */
export interface NumericColumn {
  kind: 'numeric';
  name: string;
  values: Float64Array;
}

/** Builds a categorical column from labels (`null`/`''` = missing); levels in order of first appearance. */
export function categorical(name: string, labels: readonly (string | number | null | undefined)[]): CategoricalColumn {
  const levels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(labels.length);
  labels.forEach((label, i) => {
    if (label === null || label === undefined || label === '') {
      codes[i] = -1;
      return;
    }
    const key = String(label);
    let code = index.get(key);
    if (code === undefined) {
      code = levels.length;
      levels.push(key);
      index.set(key, code);
    }
    codes[i] = code;
  });
  return { kind: 'categorical', name, codes, levels };
}

/** Builds a numeric column (`null`/`undefined`/NaN = missing). */
export function numeric(name: string, values: readonly (number | null | undefined)[]): NumericColumn {
  return { kind: 'numeric', name, values: Float64Array.from(values, (v) => (v === null || v === undefined ? NaN : v)) };
}

export type ColumnKind = 'numeric' | 'categorical';

/** Which columns to keep, decided once the header is known. */
export type ColumnPlan = Map<string, ReadonlySet<ColumnKind>>;

/** Thrown for a cell that cannot be read as asked (a text in a numeric column). */
export class CellError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: string,
  ) {
    super(message);
    this.name = 'CellError';
  }
}

const ZERO = 0x30;
const NINE = 0x39;

class NumericBuilder {
  values: Float64Array;
  constructor(
    readonly name: string,
    capacity: number,
  ) {
    this.values = new Float64Array(capacity);
  }

  grow(capacity: number) {
    const v = new Float64Array(capacity);
    v.set(this.values);
    this.values = v;
  }

  /** Reads a decimal number straight from the bytes; anything unusual goes through Number(). */
  setOther(row: number, buf: Uint8Array, start: number, end: number, quoted: boolean, line: number) {
    let i = start;
    let negative = false;
    if (buf[i] === 0x2d) {
      negative = true;
      i++;
    }
    let int = 0;
    let digits = 0;
    let scale = 1;
    let seenPoint = false;
    for (; i < end; i++) {
      const b = buf[i]!;
      if (b >= ZERO && b <= NINE) {
        int = int * 10 + (b - ZERO);
        digits++;
        if (seenPoint) scale *= 10;
      } else if ((b === 0x2e || b === 0x2c) && !seenPoint) {
        seenPoint = true;
      } else break;
    }
    // Up to 15 digits the integer and the power of ten are exact, so the division is correctly
    // rounded: the same double as Number() gives.
    if (i === end && digits > 0 && digits <= 15) {
      const v = int / scale;
      this.values[row] = negative ? -v : v;
      return;
    }
    const text = fieldText(buf, start, end, quoted).trim();
    const v = text === '' ? NaN : Number(text.replace(/^(-?\d*),(\d+)$/, '$1.$2'));
    if (Number.isNaN(v) && text !== '') {
      throw new CellError(`Zeile ${line}, Spalte „${this.name}“: „${text.slice(0, 40)}“ ist keine Zahl.`, line, this.name);
    }
    this.values[row] = v;
  }
}

class CategoricalBuilder {
  codes: Int32Array;
  levels: string[] = [];
  private byText = new Map<string, number>();
  private byInt = new Map<number, number>();
  constructor(
    readonly name: string,
    capacity: number,
  ) {
    this.codes = new Int32Array(capacity);
  }

  grow(capacity: number) {
    const c = new Int32Array(capacity);
    c.set(this.codes);
    this.codes = c;
  }

  private code(label: string): number {
    let c = this.byText.get(label);
    if (c === undefined) {
      c = this.levels.length;
      this.levels.push(label);
      this.byText.set(label, c);
    }
    return c;
  }

  /** A field of 1 to 15 digits, value `v`. */
  setInt(row: number, v: number, buf: Uint8Array, start: number, end: number) {
    // "01" and "1" are different labels: only fields without a leading zero take the fast path.
    if (buf[start] === ZERO && end - start > 1) {
      this.setOther(row, buf, start, end, false);
      return;
    }
    let c = this.byInt.get(v);
    if (c === undefined) {
      c = this.code(String(v));
      this.byInt.set(v, c);
    }
    this.codes[row] = c;
  }

  setOther(row: number, buf: Uint8Array, start: number, end: number, quoted: boolean) {
    const text = fieldText(buf, start, end, quoted).trim();
    this.codes[row] = text === '' ? -1 : this.code(text);
  }
}

/** The columns read from a file, each `rows` long. */
export interface Table {
  header: string[];
  rows: number;
  numeric: Map<string, NumericColumn>;
  categorical: Map<string, CategoricalColumn>;
  /** 1-based line in the file where each row starts (for messages about rows). */
  lines: Int32Array;
}

/**
 * A RecordSink that takes the first record as header, asks `plan` which columns to keep, and
 * reads those columns into typed arrays. `expectedRows` sizes the arrays (they grow if needed).
 */
export class TableBuilder implements RecordSink {
  private header: string[] | null = null;
  private rows = 0;
  private capacity: number;
  private numeric: { at: number; builder: NumericBuilder }[] = [];
  private categorical: { at: number; builder: CategoricalBuilder }[] = [];
  private numAt = new Int32Array(0);
  private numValues: Float64Array[] = [];
  private catAt = new Int32Array(0);
  private lines: Int32Array;

  constructor(
    private readonly plan: (header: string[]) => ColumnPlan,
    expectedRows = 1024,
  ) {
    this.capacity = Math.max(16, expectedRows);
    this.lines = new Int32Array(this.capacity);
  }

  record(r: CsvRecord): void {
    const { buf, starts, ends, quoted, kinds, ints, count, line } = r;
    if (!this.header) {
      const header: string[] = [];
      for (let i = 0; i < count; i++) header.push(fieldText(buf, starts[i]!, ends[i]!, quoted[i] === 1).trim());
      const seen = new Set<string>();
      for (const name of header) {
        if (name !== '' && seen.has(name)) throw new CsvFormatError(`Zeile ${line}: Die Spalte „${name}“ kommt doppelt vor.`, line);
        seen.add(name);
      }
      this.header = header;
      const plan = this.plan(header);
      header.forEach((name, i) => {
        const kinds = plan.get(name);
        if (kinds?.has('numeric')) this.numeric.push({ at: i, builder: new NumericBuilder(name, this.capacity) });
        if (kinds?.has('categorical')) this.categorical.push({ at: i, builder: new CategoricalBuilder(name, this.capacity) });
      });
      this.numAt = Int32Array.from(this.numeric, (e) => e.at);
      this.catAt = Int32Array.from(this.categorical, (e) => e.at);
      this.numValues = this.numeric.map((e) => e.builder.values);
      return;
    }
    if (count !== this.header.length) {
      throw new CsvFormatError(
        `Zeile ${line}: ${count} ${count === 1 ? 'Feld' : 'Felder'}, die Kopfzeile hat aber ${this.header.length} Spalten.`,
        line,
      );
    }
    const row = this.rows;
    if (row === this.capacity) this.grow();
    this.lines[row] = line;
    // Parallel arrays instead of builder objects: this loop runs for every cell of the file.
    const numAt = this.numAt;
    const numValues = this.numValues;
    for (let k = 0; k < numAt.length; k++) {
      const at = numAt[k]!;
      const kind = kinds[at];
      if (kind === FIELD_DIGITS) numValues[k]![row] = ints[at]!;
      else if (kind === FIELD_EMPTY) numValues[k]![row] = NaN;
      else this.numeric[k]!.builder.setOther(row, buf, starts[at]!, ends[at]!, quoted[at] === 1, line);
    }
    const catAt = this.catAt;
    for (let k = 0; k < catAt.length; k++) {
      const at = catAt[k]!;
      const kind = kinds[at];
      const builder = this.categorical[k]!.builder;
      if (kind === FIELD_DIGITS) builder.setInt(row, ints[at]!, buf, starts[at]!, ends[at]!);
      else if (kind === FIELD_EMPTY) builder.codes[row] = -1;
      else builder.setOther(row, buf, starts[at]!, ends[at]!, quoted[at] === 1);
    }
    this.rows = row + 1;
  }

  /** Rows read so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** Resizes the columns to hold `rows` rows (e.g. once the size of the file is known). */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    this.capacity = rows;
    this.resize();
  }

  private grow() {
    this.capacity = Math.ceil(this.capacity * 1.5);
    this.resize();
  }

  private resize() {
    for (const { builder } of this.numeric) builder.grow(this.capacity);
    for (const { builder } of this.categorical) builder.grow(this.capacity);
    this.numValues = this.numeric.map((e) => e.builder.values);
    const l = new Int32Array(this.capacity);
    l.set(this.lines);
    this.lines = l;
  }

  /** The table read so far; throws when the file had no header. */
  finish(): Table {
    if (!this.header) throw new CsvFormatError('Die Datei ist leer: Es fehlt die Kopfzeile.', 1);
    const rows = this.rows;
    const numericCols = new Map<string, NumericColumn>();
    const categoricalCols = new Map<string, CategoricalColumn>();
    for (const { builder: b } of this.numeric)
      numericCols.set(b.name, { kind: 'numeric', name: b.name, values: b.values.subarray(0, rows) });
    for (const { builder: b } of this.categorical) {
      categoricalCols.set(b.name, { kind: 'categorical', name: b.name, codes: b.codes.subarray(0, rows), levels: b.levels });
    }
    return { header: this.header, rows, numeric: numericCols, categorical: categoricalCols, lines: this.lines.subarray(0, rows) };
  }
}
