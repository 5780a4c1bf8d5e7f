import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/german';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Model, surveyLocalization } from 'survey-core';
import { Survey } from 'survey-react-ui';
import type { PublicWave } from '../../../contracts/study.ts';
import { ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { clearDraft, loadDraft, saveDraft, type Draft } from './draft.ts';

// Questionnaires are written German-first: their "default" texts are German, English sits under "en".
surveyLocalization.defaultLocale = 'de';

type Stage = 'consent' | 'answering' | 'sending' | 'done' | 'failed';

/** A localisable SurveyJS text ({default, en} or a plain string) in the page's language. */
function localised(text: unknown, lang: 'de' | 'en'): string {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object') {
    const t = text as Record<string, unknown>;
    const value = (lang === 'en' ? t.en : undefined) ?? t.default ?? t.de;
    return typeof value === 'string' ? value : '';
  }
  return '';
}

/** Only answered questions go to the server; SurveyJS already drops answers of hidden ones. */
function answersOf(model: Model): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(model.data as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
}

function SurveyRunner({ wave, draft, onSent }: { wave: PublicWave; draft: Draft; onSent: () => void }) {
  const { t, i18n } = useTranslation();
  const [stage, setStage] = useState<Stage>('answering');
  const [problem, setProblem] = useState<string | null>(null);

  const model = useMemo(() => {
    const m = new Model(wave.definition);
    m.showTitle = false; // the page's own heading names the study
    m.data = draft.answers;
    if (draft.page > 0 && draft.page < m.pageCount) m.currentPageNo = draft.page;
    // Progress stays in this browser tab only (sessionStorage), so a reload loses nothing.
    const keep = () => saveDraft(wave.code, { ...draft, answers: m.data as Record<string, unknown>, page: m.currentPageNo });
    m.onValueChanged.add(keep);
    m.onCurrentPageChanged.add(keep);
    return m;
  }, [wave, draft]);

  useEffect(() => {
    // The SurveyJS model is an external, mutable object (like a DOM node): syncing its language is this effect's job.
    // eslint-disable-next-line react-hooks/immutability
    model.locale = i18n.language === 'en' ? 'en' : 'de';
  }, [model, i18n.language]);

  async function send() {
    setStage('sending');
    setProblem(null);
    try {
      const result = await api.submitResponses(wave.code, {
        channel: 'online',
        responses: [{ id: draft.id, versionId: wave.versionId, answers: answersOf(model) }],
      });
      const status = result.results[0]?.status;
      if (status === 'stored' || status === 'duplicate') {
        clearDraft(wave.code);
        setStage('done');
        onSent();
        return;
      }
      setProblem(t('survey.rejected'));
      setStage('failed');
    } catch (err) {
      setProblem(isApiError(err) ? err.message : t('survey.sendFailed'));
      setStage('failed');
    }
  }

  useEffect(() => {
    const handler = (_: Model, options: { allow: boolean }) => {
      options.allow = false; // the thank-you comes only after the server confirmed the answers
      void send();
    };
    model.onCompleting.add(handler);
    return () => model.onCompleting.remove(handler);
  });

  if (stage === 'done') {
    return (
      <div className="alert alert-success" role="status">
        <h2>{t('survey.thanksTitle')}</h2>
        <p>{t('survey.thanksText')}</p>
      </div>
    );
  }
  return (
    <>
      {stage === 'sending' && (
        <p role="status" className="hint">
          {t('survey.sending')}
        </p>
      )}
      {stage === 'failed' && problem && (
        <div className="alert alert-error" role="alert">
          <p>{problem}</p>
          <button type="button" className="button" onClick={() => void send()}>
            {t('survey.retry')}
          </button>
        </div>
      )}
      <Survey model={model} />
    </>
  );
}

/** The public questionnaire of a wave: consent first, then the survey; anonymous, no cookies. */
export default function SurveyPage() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams();
  const wave = useResource((signal) => api.publicWave(code, { signal }), code);
  const [draft, setDraft] = useState<Draft | null>(() => loadDraft(code));
  const [sent, setSent] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : 'de';

  if (wave.loading) return <Loading />;
  if (wave.error || !wave.data) {
    return (
      <div className="narrow">
        <PageHeading title={t('survey.unavailableTitle')} />
        <ErrorAlert error={wave.error} />
      </div>
    );
  }
  const w = wave.data;
  const title = w.studyTitle;
  return (
    <div className="survey-page">
      <PageHeading title={title} />
      <p className="lead">{w.waveName}</p>
      {w.status !== 'open' ? (
        <div className="alert alert-info" role="status">
          <p>{t('survey.closed')}</p>
        </div>
      ) : draft || sent ? (
        draft && <SurveyRunner wave={w} draft={draft} onSent={() => setSent(true)} />
      ) : (
        <section className="section narrow" aria-labelledby="einwilligung">
          {localised(w.definition.description, lang) && <p>{localised(w.definition.description, lang)}</p>}
          <h2 id="einwilligung">{t('survey.consentTitle')}</h2>
          <p className="preformatted">{w.consent[lang]}</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => setDraft(saveDraft(code, { id: crypto.randomUUID(), answers: {}, page: 0 }))}
          >
            {t('survey.start')}
          </button>
        </section>
      )}
    </div>
  );
}
