import { surveyModel } from './survey-model.ts';

/**
 * Our rules for questionnaire definitions, on top of SurveyJS's own JSON errors. A definition
 * may not load anything from elsewhere, run code, collect files or carry raw HTML: it is shown
 * to anonymous citizens and must not leak their address to another host or run a script.
 */
export const ALLOWED_QUESTION_TYPES = ['radiogroup', 'checkbox', 'dropdown', 'rating', 'matrix', 'comment', 'text', 'boolean'] as const;
export const RESERVED_CODES = { dontKnow: 98, noAnswer: 99 } as const;

const FORBIDDEN_KEYS = new Set([
  'choicesByUrl',
  'html',
  'completedHtml',
  'completedBeforeHtml',
  'loadingHtml',
  'completedHtmlOnCondition',
  'imageLink',
  'imageFit',
  'logo',
  'backgroundImage',
  'navigateToUrl',
  'navigateToUrlOnCondition',
  'triggers',
  'calculatedValues',
  'onComplete',
]);
const URL_PATTERN =
  /\b(?:https?|ftp|wss?):\/\/|\bjavascript:|\bdata:|<\s*(?:script|iframe|img|svg|object|embed|style|link|a)\b|\son\w+\s*=/i;
const NAME_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;

export interface DefinitionProblem {
  path: string;
  message: string;
}

function walk(value: unknown, path: string, visit: (key: string, v: unknown, path: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      visit(k, v, p);
      walk(v, p, visit);
    }
  }
}

/** Returns every problem of a definition (empty when it may be used). Pure: no I/O. */
export function checkDefinition(definition: unknown): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
    return [{ path: '', message: 'Der Fragebogen muss ein JSON-Objekt sein.' }];
  }
  walk(definition, '', (key, v, path) => {
    if (FORBIDDEN_KEYS.has(key))
      problems.push({
        path,
        message: `„${key}“ ist nicht erlaubt: Fragebögen laden nichts nach, führen nichts aus und enthalten kein HTML.`,
      });
    if (typeof v === 'string' && URL_PATTERN.test(v))
      problems.push({ path, message: 'Links, Adressen anderer Server und HTML-Markup sind in Fragebogentexten nicht erlaubt.' });
    if (
      key === 'type' &&
      typeof v === 'string' &&
      /^(?:html|file|image|imagepicker|signaturepad|expression|paneldynamic|matrixdynamic|matrixdropdown|multipletext|ranking|tagbox)$/.test(
        v,
      )
    ) {
      problems.push({ path, message: `Der Fragetyp „${v}“ wird nicht unterstützt.` });
    }
  });
  const model = surveyModel(definition);
  for (const e of model.jsonErrors ?? []) problems.push({ path: '', message: `SurveyJS: ${e.message}` });
  const names = new Set<string>();
  const questions = model.getAllQuestions(false);
  if (questions.length === 0) problems.push({ path: 'pages', message: 'Der Fragebogen enthält keine Fragen.' });
  for (const q of questions) {
    const name = q.getValueName();
    if (!NAME_PATTERN.test(name))
      problems.push({
        path: name,
        message: 'Variablennamen bestehen aus Kleinbuchstaben, Ziffern und _ (höchstens 32 Zeichen, Buchstabe am Anfang).',
      });
    if (names.has(name)) problems.push({ path: name, message: `Der Variablenname „${name}“ kommt mehrfach vor.` });
    names.add(name);
    if (!(ALLOWED_QUESTION_TYPES as readonly string[]).includes(q.getType()))
      problems.push({ path: name, message: `Der Fragetyp „${q.getType()}“ wird nicht unterstützt.` });
    const choices = (q as unknown as { choices?: { value: unknown }[] }).choices;
    if (Array.isArray(choices) && ['radiogroup', 'checkbox', 'dropdown'].includes(q.getType())) {
      for (const c of choices) {
        if (typeof c.value !== 'number' || !Number.isInteger(c.value)) {
          problems.push({
            path: name,
            message: 'Antwortoptionen brauchen feste ganzzahlige Codes (z. B. 1, 2, … und 98 = weiß nicht, 99 = keine Angabe).',
          });
          break;
        }
      }
    }
  }
  return problems;
}
