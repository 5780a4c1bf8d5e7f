import type { AdminLiveRoom, LiveOption, LiveQuestionBody } from '../../../contracts/live.ts';
import { AppError } from '../../errors.ts';
import { csvLine, CSV_BOM } from '../study/index.ts';

/** Pure rules of live questions: what a moderator may write, and the results as CSV. */

const CHOICE_KINDS = new Set(['single', 'multiple', 'ranking']);

type Field = { path: string; message: string };
const invalid = (fields: Field[]) => new AppError('live.question_invalid', { fields });

/** Checks a question body and gives its options stable short ids (kept for unchanged labels). */
export function checkBody(body: LiveQuestionBody, previous: LiveOption[] = []): { options: LiveOption[]; scaleLabels: string | null } {
  const fields: Field[] = [];
  if (CHOICE_KINDS.has(body.kind)) {
    if (body.options.length < 2) fields.push({ path: 'options', message: 'Bitte geben Sie mindestens zwei Antworten an.' });
    const seen = new Set<string>();
    body.options.forEach((label, i) => {
      const key = label.trim().toLocaleLowerCase('de');
      if (key === '') fields.push({ path: `options.${i}`, message: 'Bitte geben Sie einen Text für diese Antwort an.' });
      else if (seen.has(key)) fields.push({ path: `options.${i}`, message: 'Diese Antwort steht schon in der Liste.' });
      seen.add(key);
    });
  } else if (body.options.length > 0) {
    fields.push({ path: 'options', message: 'Skalen und Wortwolken haben keine Antwortliste.' });
  }
  if (body.kind !== 'scale' && body.scaleLabels !== null) {
    fields.push({ path: 'scaleLabels', message: 'Beschriftungen der Enden gibt es nur bei Skalen.' });
  }
  if (fields.length > 0) throw invalid(fields);
  const used = new Set(previous.map((o) => o.id));
  let next = previous.reduce((m, o) => Math.max(m, Number(o.id.slice(1)) || 0), 0);
  const options = body.options.map((label) => {
    const keep = previous.find((o) => o.label === label && used.has(o.id));
    if (keep) {
      used.delete(keep.id);
      return { id: keep.id, label };
    }
    next += 1;
    return { id: `o${next}`, label };
  });
  return { options, scaleLabels: body.scaleLabels ? JSON.stringify(body.scaleLabels) : null };
}

/** The columns a checked question body sets: the same on creating and on editing a question. */
export function questionColumns(body: LiveQuestionBody, options: LiveOption[], scaleLabels: string | null) {
  return {
    kind: body.kind,
    prompt: body.prompt,
    options: JSON.stringify(options),
    scale_labels: scaleLabels,
    study_wave_id: body.studyLink?.waveId ?? null,
    study_question_name: body.studyLink?.questionName ?? null,
  };
}

/** One row per question × option / scale value / word with counts; formula-safe cells, UTF-8 with BOM. */
export function liveResultsCsv(room: AdminLiveRoom): string {
  const sep = ';';
  let body = CSV_BOM + csvLine(['Nr', 'Frage', 'Art', 'Status', 'Abstimmende', 'Antwort', 'Anzahl', 'Mittlerer Rang', 'Punkte'], sep);
  for (const q of room.questions) {
    const head = [q.position, q.prompt, q.kind, q.status, q.results.voters];
    const r = q.results;
    if (r.kind === 'single' || r.kind === 'multiple')
      for (const o of r.options) body += csvLine([...head, o.label, o.count, null, null], sep);
    else if (r.kind === 'scale') {
      r.counts.forEach((n, i) => (body += csvLine([...head, String(i + 1), n, null, null], sep)));
      body += csvLine([...head, 'Mittelwert', r.mean === null ? null : Math.round(r.mean * 100) / 100, null, null], sep);
    } else if (r.kind === 'words') for (const w of r.words) body += csvLine([...head, w.text, w.count, null, null], sep);
    else
      for (const o of r.options)
        body += csvLine([...head, o.label, null, o.meanRank === null ? null : Math.round(o.meanRank * 100) / 100, o.points], sep);
  }
  return body;
}
