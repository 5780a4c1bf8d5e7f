import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudienceQuestion } from '../../../contracts/live.ts';
import { SubmitButton } from '../../components/forms.tsx';
import { Badge, ErrorAlert, StatusMessage } from '../../components/ui.tsx';

const MIN = 3;
const MAX = 280;

interface Props {
  questions: AudienceQuestion[];
  upvoted: readonly string[];
  onAsk: (text: string) => Promise<void>;
  onUpvote: (id: string) => Promise<void>;
}

/** Questions from the audience: ask one (it waits for the moderator), support the approved ones. */
export function AudienceQa({ questions, upvoted, onAsk, onUpvote }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [upvoteError, setUpvoteError] = useState<unknown>(null);
  const [upvoting, setUpvoting] = useState<string | null>(null);
  const length = text.trim().length;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setSent(false);
    if (length < MIN || length > MAX) {
      setFieldError(t('live.qa.length', { min: MIN, max: MAX }));
      document.getElementById('publikumsfrage')?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      await onAsk(text.trim());
      setText('');
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function upvote(id: string) {
    if (upvoting) return;
    setUpvoting(id);
    setUpvoteError(null);
    try {
      await onUpvote(id);
    } catch (err) {
      setUpvoteError(err);
    } finally {
      setUpvoting(null);
    }
  }

  return (
    <section className="live-qa" aria-labelledby="live-qa-titel">
      <h2 id="live-qa-titel">{t('live.qa.heading')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="live-qa-titel">
        <div className={fieldError ? 'field field-invalid' : 'field'}>
          <label htmlFor="publikumsfrage">{t('live.qa.label')}</label>
          {fieldError && (
            <p className="error-message" id="publikumsfrage-error">
              <span className="visually-hidden">{t('forms.errorPrefix')} </span>
              {fieldError}
            </p>
          )}
          <textarea
            id="publikumsfrage"
            className="input"
            rows={3}
            maxLength={MAX}
            dir="auto"
            value={text}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={['publikumsfrage-zaehler', fieldError ? 'publikumsfrage-error' : ''].filter(Boolean).join(' ')}
            onChange={(e) => {
              setText(e.target.value);
              setSent(false);
            }}
          />
          <p className="hint live-counter" id="publikumsfrage-zaehler">
            {t('live.qa.counter', { count: text.length, max: MAX })}
          </p>
        </div>
        <ErrorAlert error={error} />
        <SubmitButton busy={busy}>{t('live.qa.submit')}</SubmitButton>
      </form>
      <StatusMessage message={sent ? t('live.qa.thanks') : null} />

      <h3>{t('live.qa.listHeading')}</h3>
      <ErrorAlert error={upvoteError} />
      {questions.length === 0 ? (
        <p>{t('live.qa.none')}</p>
      ) : (
        <ul className="live-qa-list">
          {questions.map((q) => {
            const done = upvoted.includes(q.id);
            return (
              <li key={q.id} className={q.status === 'answered' ? 'live-qa-item is-answered' : 'live-qa-item'}>
                <p className="live-qa-text" dir="auto">
                  {q.text}
                </p>
                <div className="live-qa-meta">
                  {q.status === 'answered' && <Badge tone="lead">{t('live.qa.answered')}</Badge>}
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-pressed={done}
                    aria-disabled={done || upvoting !== null || undefined}
                    aria-label={t(done ? 'live.qa.upvotedNamed' : 'live.qa.upvoteNamed', { count: q.upvotes, text: q.text })}
                    onClick={() => !done && void upvote(q.id)}
                  >
                    {t(done ? 'live.qa.upvoted' : 'live.qa.upvote')} · {q.upvotes}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
