/** Pages and questions of a definition as plain data, read straight from its JSON (no model). */
export interface Outline {
  pages: { index: number; name: string; title: string }[];
  questions: { name: string; type: string; title: string; page: number; choices: Choice[]; rows: Choice[] }[];
}

/** A choice (or matrix row) with its stable value and German text. */
export interface Choice {
  value: string | number;
  text: string;
}

function choicesOf(list: unknown): Choice[] {
  if (!Array.isArray(list)) return [];
  return list.map((c: unknown) =>
    c && typeof c === 'object'
      ? { value: (c as Json).value as string | number, text: germanText((c as Json).text) || String((c as Json).value) }
      : { value: c as string | number, text: String(c) },
  );
}

type Json = Record<string, unknown>;

/** The German text of a localisable SurveyJS string ({default, en} or a plain string). */
export function germanText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = (value as Json).default ?? (value as Json).de;
    return typeof v === 'string' ? v : '';
  }
  return '';
}

export function outline(definition: unknown): Outline {
  const result: Outline = { pages: [], questions: [] };
  const pages = (definition as Json | null)?.pages;
  if (!Array.isArray(pages)) return result;
  const visit = (elements: unknown, page: number) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements as Json[]) {
      if (!el || typeof el !== 'object') continue;
      if (el.type === 'panel') visit(el.elements, page);
      else if (typeof el.name === 'string' && typeof el.type === 'string' && el.type !== 'html') {
        result.questions.push({
          name: el.name,
          type: el.type,
          title: germanText(el.title) || el.name,
          page,
          choices: choicesOf(el.choices),
          rows: choicesOf(el.rows),
        });
      }
    }
  };
  pages.forEach((p: Json, index) => {
    const name = typeof p?.name === 'string' ? p.name : `seite_${index + 1}`;
    result.pages.push({ index, name, title: germanText(p?.title) || name });
    visit(p?.elements, index);
  });
  return result;
}

export const OPEN_QUESTION_TYPES = new Set(['text', 'comment']);
