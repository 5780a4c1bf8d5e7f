import { LIVE_OPTIONS_MAX, type AdminLiveQuestion, type LiveQuestionBody, type LiveQuestionKind } from '../../../contracts/live.ts';

/** What the question editor holds: texts as typed, the study link as two plain fields. */
export interface QuestionValues {
  kind: LiveQuestionKind;
  prompt: string;
  options: string[];
  scaleMin: string;
  scaleMax: string;
  linked: boolean;
  waveId: string;
  questionName: string;
}

export const KINDS_WITH_OPTIONS: readonly LiveQuestionKind[] = ['single', 'multiple', 'ranking'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newQuestionValues(): QuestionValues {
  return { kind: 'single', prompt: '', options: ['', ''], scaleMin: '', scaleMax: '', linked: false, waveId: '', questionName: '' };
}

export function questionValues(q: AdminLiveQuestion): QuestionValues {
  return {
    kind: q.kind,
    prompt: q.prompt,
    options: q.options.length > 0 ? q.options.map((o) => o.label) : ['', ''],
    scaleMin: q.scaleLabels?.min ?? '',
    scaleMax: q.scaleLabels?.max ?? '',
    linked: q.studyLink !== null,
    waveId: q.studyLink?.waveId ?? '',
    questionName: q.studyLink?.questionName ?? '',
  };
}

/** The request body: options only where the kind has them, scale labels only for the scale. */
export function questionBody(v: QuestionValues): LiveQuestionBody {
  const hasOptions = KINDS_WITH_OPTIONS.includes(v.kind);
  const scale = v.kind === 'scale' && (v.scaleMin.trim() !== '' || v.scaleMax.trim() !== '');
  return {
    kind: v.kind,
    prompt: v.prompt.trim(),
    options: hasOptions ? v.options.map((o) => o.trim()).filter((o) => o !== '') : [],
    scaleLabels: scale ? { min: v.scaleMin.trim(), max: v.scaleMax.trim() } : null,
    studyLink: v.linked ? { waveId: v.waveId.trim(), questionName: v.questionName.trim() } : null,
  };
}

/** Problems per field, as translation keys (empty when the form may be sent). */
export function checkQuestion(v: QuestionValues): Record<string, string> {
  const problems: Record<string, string> = {};
  const body = questionBody(v);
  if (body.prompt === '') problems.prompt = 'live.editor.errors.prompt';
  else if (body.prompt.length > 300) problems.prompt = 'live.editor.errors.promptLength';
  if (KINDS_WITH_OPTIONS.includes(v.kind)) {
    if (body.options.length < 2) problems.options = 'live.editor.errors.options';
    else if (body.options.length > LIVE_OPTIONS_MAX) problems.options = 'live.editor.errors.optionsMax';
    else if (body.options.some((o) => o.length > 120)) problems.options = 'live.editor.errors.optionLength';
    else if (new Set(body.options.map((o) => o.toLocaleLowerCase('de'))).size !== body.options.length) {
      problems.options = 'live.editor.errors.optionsUnique';
    }
  }
  if (v.kind === 'scale' && (v.scaleMin.trim().length > 60 || v.scaleMax.trim().length > 60)) {
    problems.scaleMin = 'live.editor.errors.scaleLength';
  }
  if (v.linked) {
    if (!UUID.test(v.waveId.trim())) problems.waveId = 'live.editor.errors.wave';
    if (v.questionName.trim() === '' || v.questionName.trim().length > 100) problems.questionName = 'live.editor.errors.questionName';
  }
  return problems;
}
