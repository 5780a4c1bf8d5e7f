import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_WORD_MAX_LENGTH, type LiveAnswer, type PublicLiveQuestion } from '../../../contracts/live.ts';
import { SubmitButton } from '../../components/forms.tsx';
import { ErrorAlert } from '../../components/ui.tsx';
import { buildAnswer, cleanWords, emptyDraft, moveItem, toggleOption, type AnswerDraft } from './live-answer.ts';

interface Props {
  question: PublicLiveQuestion;
  /** Sends the answer; rejects with the server's error. */
  onVote: (answer: LiveAnswer) => Promise<void>;
}

function Choices({ question, draft, setDraft }: { question: PublicLiveQuestion; draft: AnswerDraft; setDraft: (d: AnswerDraft) => void }) {
  const name = `frage-${question.id}`;
  const multiple = question.kind === 'multiple';
  return (
    <ul className="live-choices">
      {question.options.map((option) => {
        const id = `${name}-${option.id}`;
        return (
          <li key={option.id}>
            <input
              id={id}
              type={multiple ? 'checkbox' : 'radio'}
              name={name}
              value={option.id}
              checked={multiple ? draft.optionIds.includes(option.id) : draft.optionId === option.id}
              onChange={(e) =>
                setDraft(
                  multiple
                    ? { ...draft, optionIds: toggleOption(draft.optionIds, option.id, e.target.checked) }
                    : { ...draft, optionId: option.id },
                )
              }
            />
            <label htmlFor={id} dir="auto">
              {option.label}
            </label>
          </li>
        );
      })}
    </ul>
  );
}

function Scale({ question, draft, setDraft }: { question: PublicLiveQuestion; draft: AnswerDraft; setDraft: (d: AnswerDraft) => void }) {
  const name = `frage-${question.id}`;
  const labels = question.scaleLabels;
  return (
    <ul className="live-scale">
      {[1, 2, 3, 4, 5].map((value) => {
        const id = `${name}-${value}`;
        const end = value === 1 ? labels?.min : value === 5 ? labels?.max : undefined;
        return (
          <li key={value}>
            <input
              id={id}
              type="radio"
              name={name}
              value={value}
              checked={draft.value === value}
              onChange={() => setDraft({ ...draft, value })}
            />
            <label htmlFor={id}>
              <span className="live-scale-number">{value}</span>
              {end && <span className="visually-hidden"> – </span>}
              {end && (
                <span className="live-scale-end" dir="auto">
                  {end}
                </span>
              )}
            </label>
          </li>
        );
      })}
    </ul>
  );
}

function Words({ question, draft, setDraft }: { question: PublicLiveQuestion; draft: AnswerDraft; setDraft: (d: AnswerDraft) => void }) {
  const { t } = useTranslation();
  const used = cleanWords(draft.words).length;
  const counterId = `frage-${question.id}-zaehler`;
  return (
    <div className="live-words">
      {draft.words.map((word, i) => {
        const id = `frage-${question.id}-wort-${i + 1}`;
        return (
          <div className="field" key={i}>
            <label htmlFor={id}>
              {t('live.answer.word', { number: i + 1 })}
              {i > 0 && <span className="label-optional"> ({t('forms.optional')})</span>}
            </label>
            <input
              id={id}
              className="input"
              type="text"
              autoComplete="off"
              maxLength={LIVE_WORD_MAX_LENGTH}
              dir="auto"
              value={word}
              aria-describedby={counterId}
              onChange={(e) => setDraft({ ...draft, words: draft.words.map((w, j) => (j === i ? e.target.value : w)) })}
            />
          </div>
        );
      })}
      <p className="hint" id={counterId}>
        {t('live.answer.wordCounter', { count: used, max: draft.words.length, chars: LIVE_WORD_MAX_LENGTH })}
      </p>
    </div>
  );
}

function Ranking({ question, draft, setDraft }: { question: PublicLiveQuestion; draft: AnswerDraft; setDraft: (d: AnswerDraft) => void }) {
  const { t } = useTranslation();
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const [announcement, setAnnouncement] = useState('');
  const labels = new Map(question.options.map((o) => [o.id, o.label]));

  function move(index: number, delta: -1 | 1) {
    const order = moveItem(draft.order, index, delta);
    const id = draft.order[index];
    if (id === undefined || order.indexOf(id) === index) return;
    setDraft({ ...draft, order });
    const place = order.indexOf(id);
    setAnnouncement(t('live.answer.movedTo', { label: labels.get(id) ?? '', place: place + 1 }));
    // Moving the list item may take the focus away: keep it on the item's button (the other one at either end).
    const atEnd = (delta === -1 && place === 0) || (delta === 1 && place === order.length - 1);
    const key = `${id}:${atEnd ? -delta : delta}`;
    requestAnimationFrame(() => buttons.current.get(key)?.focus());
  }

  return (
    <>
      <p className="hint">{t('live.answer.rankingHint')}</p>
      <ol className="live-ranking">
        {draft.order.map((id, index) => {
          const label = labels.get(id) ?? '';
          return (
            <li key={id}>
              <span className="live-ranking-place" aria-hidden="true">
                {index + 1}.
              </span>
              <span className="live-ranking-label" dir="auto">
                {label}
              </span>
              <span className="live-ranking-buttons">
                <button
                  ref={(el) => {
                    buttons.current.set(`${id}:-1`, el);
                  }}
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={t('live.answer.upNamed', { label })}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  {t('live.answer.up')}
                </button>
                <button
                  ref={(el) => {
                    buttons.current.set(`${id}:1`, el);
                  }}
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={t('live.answer.downNamed', { label })}
                  disabled={index === draft.order.length - 1}
                  onClick={() => move(index, 1)}
                >
                  {t('live.answer.down')}
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </>
  );
}

/** The open question with the input its kind needs, and "Abstimmen". */
export function AnswerForm({ question, onVote }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AnswerDraft>(() => emptyDraft(question));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const formId = `abstimmung-${question.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const answer = buildAnswer(question, draft);
    setError(null);
    setMissing(answer === null);
    if (answer === null) return;
    setBusy(true);
    try {
      await onVote(answer);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const props = { question, draft, setDraft };
  return (
    <form id={formId} className="live-answer" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${formId}-frage`}>
      <fieldset>
        <legend id={`${formId}-frage`} className="live-prompt" dir="auto">
          {question.prompt}
        </legend>
        {missing && (
          <p className="error-message" role="alert">
            {t(question.kind === 'words' ? 'live.answer.missingWords' : 'live.answer.missing')}
          </p>
        )}
        {question.kind === 'multiple' && <p className="hint">{t('live.answer.multipleHint')}</p>}
        {(question.kind === 'single' || question.kind === 'multiple') && <Choices {...props} />}
        {question.kind === 'scale' && <Scale {...props} />}
        {question.kind === 'words' && <Words {...props} />}
        {question.kind === 'ranking' && <Ranking {...props} />}
      </fieldset>
      <ErrorAlert error={error} />
      <SubmitButton busy={busy}>{t('live.answer.submit')}</SubmitButton>
    </form>
  );
}
