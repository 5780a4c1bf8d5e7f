import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/german';
import { Model, surveyLocalization } from 'survey-core';

// As on the public survey page (features/study/SurveyPage.tsx): questionnaires are written
// German-first, their "default" texts are German and English sits under "en".
surveyLocalization.defaultLocale = 'de';

/** A fresh, empty questionnaire for the next respondent: nothing of the previous interview is in it. */
export function createInterviewModel(definition: Record<string, unknown>, lang: 'de' | 'en'): Model {
  const model = new Model(definition);
  model.showTitle = false; // the page's own heading names the study
  model.locale = lang;
  return model;
}
