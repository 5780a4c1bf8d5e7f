import { Model, Serializer } from 'survey-core';

/**
 * Research metadata as registered SurveyJS properties, so that they survive parsing and
 * serialisation: `scale` (the index a Likert item belongs to), `reverse` (reverse-coded item)
 * and `weighting` (the raking variable a demographic question feeds: district, sex, age_band).
 * Registered once per process, on the server and in the browser alike.
 */
let registered = false;
export function registerResearchProperties(): void {
  if (registered) return;
  registered = true;
  if (!Serializer.findProperty('question', 'scale'))
    Serializer.addProperty('question', { name: 'scale', type: 'string', category: 'research' });
  if (!Serializer.findProperty('question', 'reverse'))
    Serializer.addProperty('question', { name: 'reverse:boolean', default: false, category: 'research' });
  if (!Serializer.findProperty('question', 'weighting')) {
    Serializer.addProperty('question', {
      name: 'weighting',
      type: 'string',
      choices: ['district', 'sex', 'age_band'],
      category: 'research',
    });
  }
}

/** A survey-core model of a definition, with our properties known. */
export function surveyModel(definition: object): Model {
  registerResearchProperties();
  return new Model(definition);
}
