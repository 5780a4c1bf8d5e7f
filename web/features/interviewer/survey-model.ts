import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/german';
import { Model, surveyLocalization } from 'survey-core';

// As on the public survey page (features/study/SurveyPage.tsx): questionnaires are written
// German-first, their "default" texts are German and English sits under "en".
surveyLocalization.defaultLocale = 'de';

/** A localisable SurveyJS text ({default, en} or a plain string) in the page's language. */
export function localised(text: unknown, lang: 'de' | 'en'): string {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object') {
    const t = text as Record<string, unknown>;
    const value = (lang === 'en' ? t.en : undefined) ?? t.default ?? t.de;
    return typeof value === 'string' ? value : '';
  }
  return '';
}

/** Only answered questions go to the server; SurveyJS already drops answers of hidden ones. */
export function answersOf(model: Model): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(model.data as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
}

/** A fresh, empty questionnaire for the next respondent: nothing of the previous interview is in it. */
export function createInterviewModel(definition: Record<string, unknown>, lang: 'de' | 'en'): Model {
  const model = new Model(definition);
  model.showTitle = false; // the page's own heading names the study
  model.locale = lang;
  return model;
}
