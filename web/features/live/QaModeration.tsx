import { useTranslation } from 'react-i18next';
import type { AudienceQuestion, AudienceQuestionStatus } from '../../../contracts/live.ts';
import { Badge } from '../../components/ui.tsx';
import { moderationOrder } from './moderation.ts';

const ACTIONS: { status: AudienceQuestionStatus; key: string; from: readonly AudienceQuestionStatus[] }[] = [
  { status: 'approved', key: 'live.moderation.approve', from: ['pending', 'hidden'] },
  { status: 'answered', key: 'live.moderation.answer', from: ['approved'] },
  { status: 'hidden', key: 'live.moderation.hide', from: ['pending', 'approved', 'answered'] },
];

/** The moderator's list of audience questions with Freigeben / Ausblenden / Als beantwortet markieren. */
export function QaModeration({
  questions,
  busy,
  onModerate,
}: {
  questions: AudienceQuestion[];
  busy: boolean;
  onModerate: (question: AudienceQuestion, status: AudienceQuestionStatus) => void;
}) {
  const { t } = useTranslation();
  const sorted = moderationOrder(questions);
  const pending = questions.filter((q) => q.status === 'pending').length;
  return (
    <>
      <p>{t('live.moderation.pendingCount', { count: pending })}</p>
      {sorted.length === 0 ? (
        <p>{t('live.moderation.none')}</p>
      ) : (
        <ul className="live-moderation">
          {sorted.map((q) => (
            <li key={q.id} className={`live-moderation-item is-${q.status}`}>
              <p className="live-qa-text" dir="auto">
                {q.text}
              </p>
              <p className="live-qa-meta">
                <Badge tone={q.status === 'pending' ? 'warning' : q.status === 'approved' ? 'lead' : 'neutral'}>
                  {t(`live.audienceStatus.${q.status}`)}
                </Badge>{' '}
                {t('live.moderation.upvotes', { count: q.upvotes })}
              </p>
              <div className="actions">
                {ACTIONS.filter((a) => a.from.includes(q.status)).map((a) => (
                  <button
                    key={a.status}
                    type="button"
                    className={a.status === 'hidden' ? 'button button-secondary button-small' : 'button button-primary button-small'}
                    aria-disabled={busy || undefined}
                    aria-label={`${t(a.key)}: ${q.text}`}
                    onClick={() => !busy && onModerate(q, a.status)}
                  >
                    {t(a.key)}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
