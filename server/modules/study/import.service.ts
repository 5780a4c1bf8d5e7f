import { createHash } from 'node:crypto';
import type { Question } from 'survey-core';
import type { ImportBody, ImportResult } from '../../../contracts/study-admin.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import { surveyModel } from './questionnaire/survey-model.ts';
import { responseRow, storeResponse, type ResponseRow, type ResponseService } from './response.service.ts';
import { findVersion } from './study.repository.ts';

/**
 * Import of answers collected elsewhere (another survey tool's export, paper entry). The browser
 * reads the file and sends its rows; here each row becomes an answer set of the wave's current
 * questionnaire version, is checked like every other channel's answers, and all valid rows are
 * stored in one transaction. Row ids derive from the file's hash, so importing the same file
 * again stores nothing twice.
 */
export interface ImportWaves {
  waveForImport(actor: Actor | null, waveId: string): Promise<{ id: string; studyId: string; versionId: string; channels: string[] }>;
}

type Cell = string | number | null;
type Value = number | string | boolean | (number | string)[];
type Converted = { empty: true } | { value: Value } | { error: string };

/** How a question's cells are read: coded answers look up codes and labels, text stays as it is. */
interface ImportQuestion {
  name: string;
  type: string;
  kind: 'single' | 'multi' | 'boolean' | 'text' | 'matrix' | 'unsupported';
  /** Code as text ("3", "x") → the choice's value (of a matrix: its columns). */
  codes: Map<string, number | string>;
  /** Label in German or English, trimmed and lower-cased → the choice's value. */
  labels: Map<string, number | string>;
  /** A matrix is imported one row per column of the file, mapped as "matrix.row". */
  rows: Set<string>;
}

/** Where a column of the file goes: a question, or one row of a matrix. */
interface Target {
  q: ImportQuestion;
  row?: string;
}

const TRUE_WORDS = ['1', 'ja', 'yes', 'true', 'wahr'];
const FALSE_WORDS = ['0', 'nein', 'no', 'false', 'falsch'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface LocalText {
  getLocaleText(locale: string): string;
}
const localeTexts = (text: LocalText | undefined): string[] =>
  text ? ['', 'de', 'en'].map((l) => text.getLocaleText(l).trim().toLowerCase()).filter((s) => s !== '') : [];

const normalise = (s: string) => s.trim().toLowerCase();

/** "3", "3.0", "+3" and 3 are the same code; other text is compared as it is (trimmed, lower case). */
function codeKey(raw: string | number): string {
  const s = String(raw).trim();
  return /^[+-]?\d+(\.0+)?$/.test(s) ? String(Number(s)) : s.toLowerCase();
}

function importQuestion(q: Question): ImportQuestion {
  const type = q.getType();
  const spec: ImportQuestion = { name: q.getValueName(), type, kind: 'unsupported', codes: new Map(), labels: new Map(), rows: new Set() };
  const any = q as unknown as Record<string, unknown>;
  const addItems = (items: { value: number | string; locText?: LocalText }[]) => {
    for (const item of items) {
      spec.codes.set(codeKey(item.value), item.value);
      for (const label of localeTexts(item.locText)) if (!spec.labels.has(label)) spec.labels.set(label, item.value);
    }
  };
  if (type === 'radiogroup' || type === 'dropdown') {
    spec.kind = 'single';
    addItems(any.choices as { value: number | string; locText: LocalText }[]);
  } else if (type === 'rating') {
    spec.kind = 'single';
    addItems((any.visibleRateValues as { value: number; locText: LocalText }[] | undefined) ?? []);
  } else if (type === 'checkbox') {
    spec.kind = 'multi';
    addItems(any.choices as { value: number | string; locText: LocalText }[]);
  } else if (type === 'boolean') {
    spec.kind = 'boolean';
    for (const word of [...TRUE_WORDS, ...localeTexts(any.locLabelTrue as LocalText | undefined)]) spec.labels.set(word, 'true');
    for (const word of [...FALSE_WORDS, ...localeTexts(any.locLabelFalse as LocalText | undefined)]) spec.labels.set(word, 'false');
  } else if (type === 'text' || type === 'comment') {
    spec.kind = 'text';
  } else if (type === 'matrix') {
    spec.kind = 'matrix';
    addItems(any.columns as { value: number | string; locText: LocalText }[]);
    for (const row of any.rows as { value: string }[]) spec.rows.add(String(row.value));
  }
  return spec;
}

/** Shown in messages: the value as the file has it, shortened. */
function quoted(raw: string): string {
  const chars = [...raw.trim()];
  return `„${chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('')}“`;
}

function lookUp(q: ImportQuestion, raw: string): number | string | undefined {
  return q.codes.get(codeKey(raw)) ?? q.labels.get(normalise(raw));
}

/** One cell → one answer: empty is unanswered; codes or labels become the choice's value. */
function convertCell(q: ImportQuestion, cell: Cell | undefined): Converted {
  if (cell === null || cell === undefined) return { empty: true };
  const raw = String(cell);
  if (raw.trim() === '') return { empty: true };
  const notAChoice = (value: string) => ({ error: `Wert ${quoted(value)} ist keine Antwortmöglichkeit von ${q.name}.` });
  switch (q.kind) {
    case 'text':
      // Byte-exact: emoji, right-to-left text, combining characters, "=HYPERLINK(…)" stay as sent.
      return { value: raw };
    case 'single':
    case 'matrix': {
      const value = lookUp(q, raw);
      return value === undefined ? notAChoice(raw) : { value };
    }
    case 'multi': {
      // A label may contain a comma ("ja, sicher"): the whole cell first, then ";" or "," lists.
      const whole = lookUp(q, raw);
      if (whole !== undefined) return { value: [whole] };
      const parts = raw
        .split(raw.includes(';') ? ';' : ',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const values: (number | string)[] = [];
      for (const part of parts) {
        const value = lookUp(q, part);
        if (value === undefined) return notAChoice(part);
        values.push(value);
      }
      return { value: values };
    }
    case 'boolean': {
      const word = q.labels.get(normalise(raw));
      return word === undefined ? { error: `Wert ${quoted(raw)} ist bei ${q.name} weder ja noch nein.` } : { value: word === 'true' };
    }
    case 'unsupported':
      return { error: `Fragen vom Typ „${q.type}“ können nicht importiert werden.` };
  }
}

/** A UUID (version-5 layout) from the file's hash and the row number: the same row of the same file, the same id. */
export function derivedResponseId(fileHash: string, row: number): string {
  const h = createHash('sha256').update(`${fileHash}:${row}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** "frage" is a question; "matrix.zeile" one row of a matrix question. */
function targetOf(variable: string, questions: Map<string, ImportQuestion>): Target | string {
  const dot = variable.indexOf('.');
  const q = questions.get(dot < 0 ? variable : variable.slice(0, dot));
  if (!q) return `Die Frage „${variable}“ gibt es in diesem Fragebogen nicht.`;
  if (q.kind === 'matrix') {
    const row = variable.slice(dot + 1);
    if (dot < 0) return `Die Matrix „${q.name}“ wird zeilenweise zugeordnet („${q.name}.zeile“).`;
    return q.rows.has(row) ? { q, row } : `Die Matrix „${q.name}“ hat keine Zeile „${row}“.`;
  }
  if (dot >= 0) return `Die Frage „${variable}“ gibt es in diesem Fragebogen nicht.`;
  if (q.kind === 'unsupported') return `Fragen vom Typ „${q.type}“ können nicht importiert werden.`;
  return { q };
}

function checkMapping(body: ImportBody, questions: Map<string, ImportQuestion>): Map<string, Target> {
  const fields: { path: string; message: string }[] = [];
  const columns = new Map<string, Target>();
  const seen = new Map<string, string>();
  for (const [column, variable] of Object.entries(body.mapping)) {
    const target = targetOf(variable, questions);
    const path = `mapping.${column}`;
    if (typeof target === 'string') fields.push({ path, message: target });
    else if (seen.has(variable))
      fields.push({ path, message: `Die Frage „${variable}“ ist schon der Spalte „${seen.get(variable)}“ zugeordnet.` });
    else if (column === body.idColumn) fields.push({ path, message: 'Die ID-Spalte kann nicht zugleich einer Frage zugeordnet sein.' });
    else {
      seen.set(variable, column);
      columns.set(column, target);
    }
  }
  if (Object.keys(body.mapping).length === 0)
    fields.push({ path: 'mapping', message: 'Ordnen Sie mindestens eine Spalte einer Frage zu.' });
  const rows = new Set<number>();
  body.rows.forEach((r, i) => {
    if (rows.has(r.row)) fields.push({ path: `rows.${i}.row`, message: `Die Zeilennummer ${r.row} kommt mehrfach vor.` });
    rows.add(r.row);
  });
  if (fields.length > 0) throw new AppError('validation.failed', { fields: fields.slice(0, 50) });
  return columns;
}

export function createImportService(ctx: AppContext, responses: ResponseService, waves: ImportWaves, audit: Pick<AuditService, 'record'>) {
  const questionnaires = new Map<string, Promise<Map<string, ImportQuestion>>>();

  function questionsOf(versionId: string) {
    let entry = questionnaires.get(versionId);
    if (!entry) {
      entry = findVersion(ctx.db, versionId).then((v) => {
        if (!v) throw new AppError('study.version_unknown');
        const model = surveyModel(JSON.parse(v.definition) as object);
        return new Map(model.getAllQuestions(false).map((q) => [q.getValueName(), importQuestion(q)]));
      });
      entry.catch(() => questionnaires.delete(versionId));
      questionnaires.set(versionId, entry);
    }
    return entry;
  }

  return {
    async importResponses(actor: Actor | null, waveId: string, body: ImportBody): Promise<ImportResult> {
      const wave = await waves.waveForImport(actor, waveId);
      const [{ checker }, questions] = await Promise.all([responses.checkerFor(wave.versionId), questionsOf(wave.versionId)]);
      const columns = checkMapping(body, questions);
      const receivedOn = ctx.clock().toISOString().slice(0, 10);

      const rejected: ImportResult['rejected'] = [];
      const valid: ResponseRow[] = [];
      const idsInFile = new Map<string, number>();
      for (const { row, cells } of body.rows) {
        const conversion: Record<string, string> = {};
        const answers: Record<string, unknown> = {};
        for (const [column, { q, row: matrixRow }] of columns) {
          const c = convertCell(q, cells[column]);
          if ('error' in c) conversion[matrixRow === undefined ? q.name : `${q.name}.${matrixRow}`] = c.error;
          else if (!('value' in c)) continue;
          else if (matrixRow === undefined) answers[q.name] = c.value;
          else answers[q.name] = { ...(answers[q.name] as Record<string, Value> | undefined), [matrixRow]: c.value };
        }
        let id = derivedResponseId(body.fileHash, row);
        if (body.idColumn !== undefined) {
          const raw = String(cells[body.idColumn] ?? '').trim();
          const earlier = idsInFile.get(raw.toLowerCase());
          if (raw === '') conversion[body.idColumn] = 'Die Antwort-ID fehlt.';
          else if (!UUID.test(raw)) conversion[body.idColumn] = `Die Antwort-ID ${quoted(raw)} ist keine UUID.`;
          else if (earlier !== undefined) conversion[body.idColumn] = `Die Antwort-ID steht schon in Zeile ${earlier}.`;
          else {
            id = raw.toLowerCase();
            idsInFile.set(id, row);
          }
        }
        // A value that could not be read explains the row better than "please answer" for the same question.
        const errors = { ...checker.check(answers), ...conversion };
        if (Object.keys(errors).length > 0) {
          rejected.push({ row, errors });
          continue;
        }
        valid.push(
          responseRow({
            id,
            waveId: wave.id,
            versionId: wave.versionId,
            channel: 'import',
            answers,
            collectedOn: null,
            receivedOn,
            paradata: {},
          }),
        );
      }

      const counts = { stored: 0, duplicate: 0, conflict: 0 };
      // All valid rows or none: one transaction, with its entry in the security log.
      await ctx.db.transaction().execute(async (trx) => {
        for (const row of valid) {
          const status = await storeResponse(trx, { row });
          if (status !== 'invitation_used') counts[status] += 1;
        }
        await audit.record(
          {
            action: 'responses.imported',
            actorId: actor?.userId ?? null,
            targetType: 'wave',
            targetId: wave.id,
            details: { ...counts, rejected: rejected.length },
          },
          trx,
        );
      });
      return { ...counts, rejected: rejected.sort((a, b) => a.row - b.row) };
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
