import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { writeOrWait } from './export-stream.ts';
import {
  META_VARIABLES,
  SAV_TEXT_BYTES,
  WEIGHT_LABEL,
  spssNames,
  truncateUtf8,
  type ExportRecord,
  type ExportVariable,
} from './export-variables.ts';

/**
 * SPSS system file (.sav, bytecode-compressed, UTF-8) written page by page. The dictionary comes
 * from sav-writer's encoder. Its `createStream` cannot be used as published (1.0.0): the
 * constructor never stores its options, so the first `write` throws, it only writes to a file
 * path, and `end()` never closes the file; so its dictionary encoder is called directly and the
 * cases are compressed here (CaseEncoder), onto our own stream. sav-writer has no missing-value
 * support, so the user-missing codes (98, 99) are added to the variable records of its
 * dictionary; it cannot write strings longer than 255 bytes (those need the "very long string"
 * segments), so open answers are cut to 255 bytes (noted in the codebook).
 */

interface SavItem {
  type: string;
  value: unknown;
  length?: number;
}
interface SavVar {
  name: string;
  label: string;
  type: number;
  width: number;
  decimal: number;
  measure: number;
  columns: number;
  alignment?: number;
  valueLabels?: { value: number; label: string }[];
}

const require = createRequire(import.meta.url);
const dictionary = require('sav-writer/lib/writer/variables.js') as {
  toArray(vars: SavVar[], ncases: number, options: { bias: number }): SavItem[];
};
const encoder = require('sav-writer/lib/utilities/buffer.js') as { write(items: SavItem[]): Buffer };

const NUMERIC = 5;
const STRING = 1;
const MEASURE = { nominal: 1, ordinal: 2, scale: 3 } as const;
const ALIGN_LEFT = 0;
const BIAS = 100;
/** Fields of sav-writer's file header and of each variable record (positions in its item list). */
const HEADER_ITEMS = 14;
const VAR_ITEMS = 9;
const N_CASES_ITEM = 6;
const PRODUCT_ITEM = 1;
const FILE_LABEL_ITEM = 10;

interface SavColumn {
  v: SavVar;
  missing: number[];
  get: (r: ExportRecord) => unknown;
}

function savColumns(variables: ExportVariable[]): SavColumn[] {
  const names = spssNames([...META_VARIABLES.map((m) => m.header), ...variables.map((v) => v.name), 'gewicht']);
  const text = (name: string, label: string, width: number, get: (r: ExportRecord) => unknown): SavColumn => ({
    v: { name, label, type: STRING, width, decimal: 0, measure: MEASURE.nominal, columns: Math.min(width, 40), alignment: ALIGN_LEFT },
    missing: [],
    get,
  });
  const columns: SavColumn[] = META_VARIABLES.map((m, i) =>
    text(names[i]!, m.label, m.name === 'id' ? 36 : 16, (r) => r.meta[m.name] ?? ''),
  );
  variables.forEach((variable, i) => {
    const name = names[META_VARIABLES.length + i]!;
    if (variable.kind === 'text') {
      columns.push(
        text(name, variable.label, SAV_TEXT_BYTES, (r) => {
          const v = variable.value(r.answers);
          return v === null ? '' : truncateUtf8(String(v), SAV_TEXT_BYTES);
        }),
      );
      return;
    }
    columns.push({
      v: {
        name,
        label: variable.label,
        type: NUMERIC,
        width: 8,
        decimal: variable.kind === 'code' ? 0 : 2,
        measure: MEASURE[variable.measure],
        columns: 8,
        valueLabels: variable.labels.map((l) => ({ value: l.value, label: l.text })),
      },
      missing: variable.missing.slice(0, 3),
      get: (r) => {
        const v = variable.value(r.answers);
        return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
      },
    });
  });
  columns.push({
    v: { name: names[names.length - 1]!, label: WEIGHT_LABEL, type: NUMERIC, width: 12, decimal: 6, measure: MEASURE.scale, columns: 12 },
    missing: [],
    get: (r) => r.weight ?? NaN,
  });
  return columns;
}

/** sav-writer's dictionary with the missing codes added and the case count left open (-1). */
function dictionaryBuffer(columns: SavColumn[], fileLabel: string): Buffer {
  const items = dictionary.toArray(
    columns.map((c) => c.v),
    -1,
    { bias: BIAS },
  );
  items[N_CASES_ITEM]!.value = -1;
  items[PRODUCT_ITEM]!.value = '@(#) SPSS DATA FILE - ITAS-Plattform';
  items[FILE_LABEL_ITEM]!.value = fileLabel;
  const out = items.slice(0, HEADER_ITEMS);
  let p = HEADER_ITEMS;
  for (const c of columns) {
    const record = items.slice(p, p + VAR_ITEMS);
    if (record[0]?.value !== 2) throw new Error('sav-writer: unerwarteter Aufbau des Variablensatzes');
    if (c.missing.length > 0) {
      record[3]!.value = c.missing.length;
      record.push(...c.missing.map((m) => ({ type: 'float', value: m })));
    }
    out.push(...record);
    p += VAR_ITEMS;
    const continuations = c.v.type === STRING ? (Math.ceil(c.v.width / 8) - 1) * 5 : 0;
    out.push(...items.slice(p, p + continuations));
    p += continuations;
  }
  out.push(...items.slice(p));
  return encoder.write(out);
}

/**
 * Encodes cases with SPSS bytecode compression (bias 100), as sav-writer's record encoder does,
 * but into one growing buffer per page: its encoder makes an object and a Buffer per cell, which
 * made a 100,000-row export five times slower and doubled the server's memory.
 */
export class CaseEncoder {
  private buf = Buffer.alloc(1 << 16);
  private pos = 0;
  /** Position of the current block's 8 command bytes, and how many of them are used. */
  private block = 0;
  private used = 8;
  private pending: Buffer[] = [];

  private ensure(bytes: number) {
    if (this.pos + bytes <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Appends one command byte; its 8 data bytes (if any) follow the block of commands. */
  private command(code: number, data?: Buffer) {
    if (this.used === 8) this.flushBlock();
    this.buf[this.block + this.used++] = code;
    if (data) this.pending.push(data);
  }

  private flushBlock() {
    for (const d of this.pending) {
      this.ensure(8);
      d.copy(this.buf, this.pos);
      this.pos += 8;
    }
    this.pending = [];
    this.ensure(8 + 8 * 8);
    this.block = this.pos;
    this.buf.fill(0, this.pos, this.pos + 8);
    this.pos += 8;
    this.used = 0;
  }

  number(value: number) {
    if (Number.isNaN(value)) this.command(255);
    else if (Number.isInteger(value) && value > -BIAS && value < 252 - BIAS) this.command(value + BIAS);
    else {
      const d = Buffer.alloc(8);
      d.writeDoubleLE(value);
      this.command(253, d);
    }
  }

  /** A string of `width` bytes (already cut to at most `width`), space-padded, in 8-byte pieces. */
  string(value: string, width: number) {
    const full = Buffer.from(value, 'utf8');
    const bytes = full.length > width ? full.subarray(0, width) : full;
    const slots = Math.ceil(width / 8);
    for (let i = 0; i < slots; i++) {
      if (i * 8 >= bytes.length) {
        this.command(254);
        continue;
      }
      const d = Buffer.alloc(8, 0x20);
      bytes.copy(d, 0, i * 8, Math.min(bytes.length, i * 8 + 8));
      this.command(253, d);
    }
  }

  /** The bytes encoded so far (the last block is padded with no-op commands); starts afresh. */
  take(): Buffer {
    const pending = this.pending;
    this.pending = [];
    for (const d of pending) {
      this.ensure(8);
      d.copy(this.buf, this.pos);
      this.pos += 8;
    }
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    this.used = 8;
    return out;
  }
}

/** Writes the .sav file to `out`, one page of records at a time; ends `out`. */
export async function writeSav(
  out: Writable,
  variables: ExportVariable[],
  pages: AsyncIterable<ExportRecord[]>,
  fileLabel: string,
): Promise<void> {
  const columns = savColumns(variables);
  if (!(await writeOrWait(out, dictionaryBuffer(columns, fileLabel)))) return;
  const encoder = new CaseEncoder();
  for await (const page of pages) {
    for (const r of page) {
      for (const c of columns) {
        const v = c.get(r);
        if (c.v.type === STRING) encoder.string(String(v), c.v.width);
        else encoder.number(v as number);
      }
    }
    if (!(await writeOrWait(out, encoder.take()))) return;
  }
  out.end();
}
