import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminLiveQuestion, LiveQuestionStatus } from '../../../contracts/live.ts';
import { Badge } from '../../components/ui.tsx';
import { ResultsView } from './ResultsView.tsx';

/** One poll question on the moderator page: status, buttons, live results. */
export function ModeratorQuestion({
  question,
  busy,
  editing,
  editor,
  onStatus,
  onEdit,
  onDelete,
}: {
  question: AdminLiveQuestion;
  busy: boolean;
  editing: boolean;
  editor: ReactNode;
  onStatus: (status: LiveQuestionStatus) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const q = question;
  const tone = q.status === 'open' ? 'lead' : q.status === 'draft' ? 'warning' : 'neutral';
  const small = 'button button-secondary button-small';
  const press = (run: () => void) => () => !busy && run();
  return (
    <li className={`live-question-card is-${q.status}`}>
      <h3 className="live-question-title" dir="auto">
        {q.prompt}
      </h3>
      <p className="live-question-meta">
        <Badge tone={tone}>{t(`live.status.${q.status}`)}</Badge> {t(`live.kinds.${q.kind}`)}
        {q.studyLink && <> · {t('live.moderator.linked', { name: q.studyLink.questionName })}</>}
      </p>
      <div className="actions">
        {q.status !== 'open' ? (
          <button
            type="button"
            className="button button-primary button-small"
            aria-disabled={busy || undefined}
            aria-label={`${t('live.moderator.open')}: ${q.prompt}`}
            onClick={press(() => onStatus('open'))}
          >
            {t('live.moderator.open')}
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary button-small"
            aria-disabled={busy || undefined}
            aria-label={`${t('live.moderator.close')}: ${q.prompt}`}
            onClick={press(() => onStatus('closed'))}
          >
            {t('live.moderator.close')}
          </button>
        )}
        {q.status === 'draft' && (
          <button
            type="button"
            className={small}
            aria-expanded={editing}
            aria-controls={`live-frage-${q.id}-bearbeiten`}
            aria-label={`${t('common.edit')}: ${q.prompt}`}
            onClick={onEdit}
          >
            {t('common.edit')}
          </button>
        )}
        {/* A question with votes stays: its results belong to the record of the session. */}
        {q.results.voters === 0 && (
          <button
            type="button"
            className="button button-danger button-small"
            aria-label={`${t('live.moderator.delete')}: ${q.prompt}`}
            onClick={press(onDelete)}
          >
            {t('live.moderator.delete')}
          </button>
        )}
      </div>
      <div id={`live-frage-${q.id}-bearbeiten`} hidden={!editing} className="panel panel-wide">
        {editing && editor}
      </div>
      {q.status !== 'draft' && <ResultsView results={q.results} scaleLabels={q.scaleLabels} />}
    </li>
  );
}
