import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/german';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Model, surveyLocalization } from 'survey-core';
import { Survey } from 'survey-react-ui';

// As on the public survey page: questionnaires are German-first, "default" texts are German.
surveyLocalization.defaultLocale = 'de';

function createModel(definition: Record<string, unknown>): Model | null {
  try {
    return new Model(definition);
  } catch {
    return null;
  }
}

/**
 * The questionnaire as respondents see it, to click through. Nothing is sent anywhere: the
 * model has no completion handler but ours, which stops at "Vorschau beendet".
 */
export function SurveyPreview({ definition, language }: { definition: Record<string, unknown>; language: 'de' | 'en' }) {
  const [run, setRun] = useState(0);
  // Each run ("Neu starten") is a new component with a new, empty model.
  return <PreviewRun key={run} definition={definition} language={language} onRestart={() => setRun((r) => r + 1)} />;
}

function PreviewRun({
  definition,
  language,
  onRestart,
}: {
  definition: Record<string, unknown>;
  language: 'de' | 'en';
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const model = useMemo(() => createModel(definition), [definition]);
  const [finished, setFinished] = useState<Model | null>(null);

  useEffect(() => {
    if (!model) return;
    // The SurveyJS model is an external, mutable object (like a DOM node): syncing its language is this effect's job.
    // eslint-disable-next-line react-hooks/immutability
    model.locale = language;
  }, [model, language]);

  useEffect(() => {
    if (!model) return;
    const stop = (_: Model, options: { allow: boolean }) => {
      options.allow = false;
      setFinished(model);
    };
    model.onCompleting.add(stop);
    return () => model.onCompleting.remove(stop);
  }, [model]);

  if (!model) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{t('studies.preview.broken')}</p>
      </div>
    );
  }
  if (finished === model) {
    return (
      <div className="alert alert-info" role="status">
        <p className="alert-title">{t('studies.preview.finished')}</p>
        <p>{t('studies.preview.finishedText')}</p>
        <button type="button" className="button button-secondary" onClick={onRestart}>
          {t('studies.preview.restart')}
        </button>
      </div>
    );
  }
  return (
    <div className="survey-page survey-preview" lang={language}>
      <Survey model={model} />
    </div>
  );
}
