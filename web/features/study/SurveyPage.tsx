import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/german';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Model, surveyLocalization } from 'survey-core';
import { Survey } from 'survey-react-ui';
import type { PublicWave } from '../../../contracts/study.ts';
import { TextField } from '../../components/forms.tsx';
import { ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { answeredOnly, localisedText } from './questionnaire-text.ts';
import { clearDraft, loadDraft, saveDraft, type Draft } from './draft.ts';

// Questionnaires are written German-first: their "default" texts are German, English sits under "en".
surveyLocalization.defaultLocale = 'de';

/** Pages already counted for the drop-off figures: each page once per answer set (kept in the draft too). */
const reachedByDraft = new Map<string, Set<number>>();
function reachedPages(draft: Draft): Set<number> {
  let set = reachedByDraft.get(draft.id);
  if (!set) reachedByDraft.set(draft.id, (set = new Set(draft.reached ?? [])));
  return set;
}

type Stage = 'consent' | 'answering' | 'sending' | 'done' | 'failed';

function SurveyRunner({ wave, draft, onSent }: { wave: PublicWave; draft: Draft; onSent: () => void }) {
  const { t, i18n } = useTranslation();
  const [stage, setStage] = useState<Stage>('answering');
  const [problem, setProblem] = useState<string | null>(null);

  const reached = reachedPages(draft);

  const model = useMemo(() => {
    const m = new Model(wave.definition);
    m.showTitle = false; // the page's own heading names the study
    m.data = draft.answers;
    if (draft.page > 0 && draft.page < m.pageCount) m.currentPageNo = draft.page;
    // Progress stays in this browser tab only (sessionStorage), so a reload loses nothing.
    const keep = () =>
      saveDraft(wave.code, { ...draft, answers: m.data as Record<string, unknown>, page: m.currentPageNo, reached: [...reached] });
    m.onValueChanged.add(keep);
    m.onCurrentPageChanged.add(keep);
    return m;
  }, [wave, draft, reached]);

  useEffect(() => {
    const count = () => {
      const page = model.currentPageNo;
      if (reached.has(page)) return;
      reached.add(page);
      saveDraft(wave.code, { ...draft, answers: model.data as Record<string, unknown>, page, reached: [...reached] });
      // Only a counter on the server; a failure costs one tick of the statistics, nothing else.
      api.recordProgress(wave.code, { channel: 'online', page }).catch(() => undefined);
    };
    count();
    model.onCurrentPageChanged.add(count);
    return () => model.onCurrentPageChanged.remove(count);
  }, [model, wave.code, draft, reached]);

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
        responses: [
          {
            id: draft.id,
            versionId: wave.versionId,
            answers: answeredOnly(model.data as Record<string, unknown>),
            ...(draft.invitation && { invitation: draft.invitation }),
          },
        ],
      });
      const status = result.results[0]?.status;
      const invitationProblem = result.results[0]?.errors?.invitation;
      if (invitationProblem) {
        setProblem(invitationProblem);
        setStage('failed');
        return;
      }
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

const newDraft = (): Draft => ({ id: crypto.randomUUID(), answers: {}, page: 0, reached: [] });

const INVITATION_FORM = 'einladung';

/**
 * Panel waves: the single-use code from the letter (or the QR code's link) is checked before
 * the first question, so nobody answers ten minutes for nothing. It is consumed only together
 * with the answers, and the server never stores which code went with which answers.
 */
function InvitationStart({ code, onStart }: { code: string; onStart: (invitation: string) => void }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [value, setValue] = useState(() => (params.get('einladung') ?? '').toLowerCase());
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invitation = value.trim().toLowerCase().replace(/[\s-]/g, '');
    if (!/^[a-z0-9]{10}$/.test(invitation)) {
      setError(t('survey.invitationFormat'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.checkInvitation(code, invitation);
      onStart(invitation);
    } catch (err) {
      setError(isApiError(err) ? err.message : t('survey.sendFailed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-describedby="einladung-hinweis">
      <p id="einladung-hinweis">{t('survey.invitationIntro')}</p>
      <TextField
        form={INVITATION_FORM}
        name="code"
        label={t('survey.invitationLabel')}
        hint={t('survey.invitationHint')}
        value={value}
        onChange={setValue}
        error={error}
        autoComplete="off"
        spellCheck={false}
        maxLength={20}
        required
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('survey.start')}
      </button>
    </form>
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
          {localisedText(w.definition.description, lang) && <p>{localisedText(w.definition.description, lang)}</p>}
          <h2 id="einwilligung">{t('survey.consentTitle')}</h2>
          <p className="preformatted">{w.consent[lang]}</p>
          {w.invitationOnly ? (
            <InvitationStart code={code} onStart={(invitation) => setDraft(saveDraft(code, { ...newDraft(), invitation }))} />
          ) : (
            <button type="button" className="button button-primary" onClick={() => setDraft(saveDraft(code, newDraft()))}>
              {t('survey.start')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
