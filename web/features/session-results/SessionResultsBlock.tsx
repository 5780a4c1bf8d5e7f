import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui.tsx';
import { Paragraphs } from '../events/Paragraphs.tsx';
import { NextStepsTable } from './NextStepsTable.tsx';
import { PhotoGallery } from './PhotoGallery.tsx';
import { useSessionResults } from './use-event-results.ts';
import './session-results.css';

/** Published results below a session on the event page: folded away, one tap opens them. */
export function SessionResultsBlock({ sessionId, title }: { sessionId: string; title: string }) {
  const { t } = useTranslation();
  const results = useSessionResults(sessionId);
  if (!results) return null;
  return (
    <details className="session-results" id={`ergebnisse-${sessionId}`}>
      <summary>
        {t('sessionResults.public.summary')}
        <span className="visually-hidden">: {title}</span>
        {results.demo && (
          <>
            {' '}
            <Badge tone="demo">{t('events.demoBadge')}</Badge>
          </>
        )}
      </summary>
      <div className="session-results-body">
        {results.text && <Paragraphs text={results.text} />}
        <PhotoGallery photos={results.photos} />
        {results.nextSteps.length > 0 && (
          <>
            <h5 className="session-results-heading">{t('sessionResults.steps.heading')}</h5>
            <NextStepsTable steps={results.nextSteps} caption={`${t('sessionResults.steps.heading')}: ${title}`} />
          </>
        )}
      </div>
    </details>
  );
}
