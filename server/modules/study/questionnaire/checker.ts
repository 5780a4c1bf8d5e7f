import { ConditionRunner, type Model, type Question } from 'survey-core';
import { surveyModel } from './survey-model.ts';

/**
 * Validates one respondent's answers against the exact questionnaire version, compiled once per
 * version. Visibility and required-ness use survey-core's own condition engine (ConditionRunner,
 * a few microseconds each) on the question's and its page's/panels' `visibleIf`/`requiredIf`;
 * running the full survey model per response costs milliseconds, too slow for a congress peak.
 * Only questions with SurveyJS validators fall back to the model's `validate`. On top, what
 * survey-core would accept is refused: values outside a rating range, choices not in the list,
 * unknown keys and answers to questions the respondent never saw.
 */
export type AnswerErrors = Record<string, string>;
export type Answers = Record<string, unknown>;

export const OPEN_TEXT_MAX = 5000;

interface QuestionSpec {
  name: string;
  type: string;
  /** All must hold for the question to be shown: its own and its containers' conditions. */
  visibleIf: ConditionRunner[];
  hiddenAlways: boolean;
  required: boolean;
  requiredIf?: ConditionRunner;
  hasValidators: boolean;
  choices?: Set<number | string>;
  rating?: { values: Set<number> };
  rows?: Set<string>;
  columns?: Set<number | string>;
  maxLength: number;
}

function specOf(q: Question, staticHidden: Set<string>): QuestionSpec {
  const type = q.getType();
  const any = q as unknown as Record<string, unknown>;
  const visibleIf: ConditionRunner[] = [];
  let hiddenAlways = false;
  for (let el: unknown = q; el; el = (el as { parent?: unknown }).parent ?? (el as { page?: unknown }).page) {
    const e = el as { name: string; visibleIf?: string; isPage?: boolean };
    if (e.visibleIf) visibleIf.push(new ConditionRunner(e.visibleIf));
    if (staticHidden.has(e.name)) hiddenAlways = true;
    if (e.isPage) break;
  }
  const spec: QuestionSpec = {
    name: q.getValueName(),
    type,
    visibleIf,
    hiddenAlways,
    required: q.isRequired,
    ...(q.requiredIf ? { requiredIf: new ConditionRunner(q.requiredIf) } : {}),
    hasValidators: q.validators.length > 0,
    maxLength: OPEN_TEXT_MAX,
  };
  if (type === 'radiogroup' || type === 'checkbox' || type === 'dropdown') {
    spec.choices = new Set((any.choices as { value: number | string }[]).map((c) => c.value));
  }
  if (type === 'rating') {
    const values = (any.visibleRateValues as { value: number }[] | undefined)?.map((v) => v.value) ?? [];
    spec.rating = { values: new Set(values) };
  }
  if (type === 'matrix') {
    spec.rows = new Set((any.rows as { value: string }[]).map((r) => String(r.value)));
    spec.columns = new Set((any.columns as { value: number | string }[]).map((c) => c.value));
  }
  if (type === 'text' || type === 'comment') {
    const max = Number(any.maxLength);
    spec.maxLength = max > 0 ? Math.min(max, OPEN_TEXT_MAX) : OPEN_TEXT_MAX;
  }
  return spec;
}

function shapeError(spec: QuestionSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'radiogroup':
    case 'dropdown':
      return spec.choices!.has(value as number) ? null : 'Diese Antwort gehört nicht zu den Antwortoptionen.';
    case 'checkbox': {
      if (!Array.isArray(value) || value.length === 0) return 'Erwartet wird eine Liste gewählter Optionen.';
      if (new Set(value).size !== value.length) return 'Eine Option ist doppelt gewählt.';
      return value.every((v) => spec.choices!.has(v as number)) ? null : 'Eine gewählte Option gehört nicht zu den Antwortoptionen.';
    }
    case 'rating':
      return typeof value === 'number' && spec.rating!.values.has(value) ? null : 'Der Wert liegt außerhalb der Skala.';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Erwartet wird ja oder nein.';
    case 'matrix': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return 'Erwartet wird eine Antwort je Zeile.';
      for (const [row, col] of Object.entries(value)) {
        if (!spec.rows!.has(row)) return `Die Zeile „${row}“ gibt es nicht.`;
        if (!spec.columns!.has(col as number)) return 'Ein Wert gehört nicht zu den Spalten der Matrix.';
      }
      return null;
    }
    case 'text':
    case 'comment':
      if (typeof value !== 'string') return 'Erwartet wird Text.';
      return [...value].length > spec.maxLength ? `Die Antwort ist länger als ${spec.maxLength} Zeichen.` : null;
    default:
      return 'Dieser Fragetyp wird nicht angenommen.';
  }
}

export interface Checker {
  /** Variable names in questionnaire order. */
  readonly names: readonly string[];
  check(answers: Answers): AnswerErrors;
}

/**
 * Names of pages, panels and questions the definition itself hides (`visible: false`). Read from
 * the JSON, because a model's live `visible` also reflects visibleIf evaluated on empty data.
 */
function hiddenInDefinition(definition: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(definition)) for (const d of definition) hiddenInDefinition(d, into);
  else if (definition && typeof definition === 'object') {
    const o = definition as Record<string, unknown>;
    if (o.visible === false && typeof o.name === 'string') into.add(o.name);
    for (const v of Object.values(o)) if (v && typeof v === 'object') hiddenInDefinition(v, into);
  }
  return into;
}

export const REQUIRED_MESSAGE = 'Bitte beantworten Sie diese Frage.';

export function compileChecker(definition: object): Checker {
  const model: Model = surveyModel(definition);
  const questions = model.getAllQuestions(false);
  const hidden = hiddenInDefinition(definition);
  const specs = new Map(questions.map((q) => [q.getValueName(), specOf(q, hidden)]));
  const withValidators = questions.filter((q) => q.validators.length > 0);
  const visible = (spec: QuestionSpec, answers: Answers) => !spec.hiddenAlways && spec.visibleIf.every((r) => r.runValues(answers));
  return {
    names: [...specs.keys()],
    check(answers) {
      const errors: AnswerErrors = {};
      for (const [key, value] of Object.entries(answers)) {
        const spec = specs.get(key);
        if (!spec) errors[key] = 'Diese Frage gibt es in diesem Fragebogen nicht.';
        else if (value === null || value === undefined || value === '')
          errors[key] = 'Eine leere Antwort wird weggelassen, nicht gesendet.';
        else {
          const e =
            shapeError(spec, value) ??
            (visible(spec, answers) ? null : 'Diese Frage war für diese Person ausgeblendet und darf keine Antwort haben.');
          if (e) errors[key] = e;
        }
      }
      if (Object.keys(errors).length > 0) return errors;
      for (const spec of specs.values()) {
        if (spec.name in answers) continue;
        const required = spec.required || (spec.requiredIf?.runValues(answers) ?? false);
        if (required && visible(spec, answers)) errors[spec.name] = REQUIRED_MESSAGE;
      }
      if (withValidators.length > 0 && Object.keys(errors).length === 0) {
        // Rare: questionnaire-defined validators (regex, numeric ranges …) run in survey-core itself.
        model.data = answers;
        for (const q of withValidators) {
          if (q.isVisible && q.hasErrors(true)) errors[q.getValueName()] = q.errors.map((e) => e.getText()).join(' ');
        }
      }
      return errors;
    },
  };
}
