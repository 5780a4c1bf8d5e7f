/**
 * Small helpers every questionnaire page shares (online survey, kiosk, interviews, import):
 * questionnaires are written German-first — their "default" texts are German, English sits
 * under "en".
 */

/** A localisable questionnaire text ({default, en} or a plain string) in the page's language. */
export function localisedText(text: unknown, lang: 'de' | 'en'): string {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object') {
    const t = text as Record<string, unknown>;
    const value = (lang === 'en' ? t.en : undefined) ?? t.default ?? t.de;
    return typeof value === 'string' ? value : '';
  }
  return '';
}

/** Only answered questions go to the server (SurveyJS already drops answers of hidden ones). */
export function answeredOnly(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
}
