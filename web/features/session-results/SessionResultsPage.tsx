import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SessionResults, SessionResultsPage as PageData } from '../../../contracts/session-results.ts';
import { Badge, Dialog, ErrorAlert, Loading, PageHeading, StatusMessage, useMessage } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { isApiError } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';
import { isVersionConflict } from '../events/event-errors.ts';
import { adminEventPath, eventPath, sessionAnchor } from '../events/event-paths.ts';
import { formatDay, formatTime } from '../events/event-time.ts';
import { PhotosSection } from './PhotosSection.tsx';
import { ResultsForm } from './ResultsForm.tsx';
import { resultsApi } from './session-results-api.ts';
import './session-results.css';

/** Staff page of one session's results: text, next steps, photos; publish, withdraw, delete. */
export default function SessionResultsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '', sessionId = '' } = useParams();
  const target = { id, sessionId };
  const loaded = useResource((signal) => resultsApi.get({ id, sessionId }, { signal }), `${id}:${sessionId}`);
  const [message, setMessage] = useMessage();
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const page = loaded.data;

  if (!page) {
    return (
      <>
        <p className="breadcrumb">
          <Link to={id ? adminEventPath(id) : PATHS.adminEvents}>{t('sessionResults.back')}</Link>
        </p>
        {isApiError(loaded.error) && loaded.error.status === 404 && <PageHeading title={t('sessionResults.notFound')} />}
        <ErrorAlert error={loaded.error} />
        {loaded.loading && <Loading />}
      </>
    );
  }
  const { event, session, results } = page;
  const setResults = (next: SessionResults) => loaded.setData({ ...page, results: next } satisfies PageData);

  function reload() {
    setConflict(false);
    setError(null);
    loaded.reload();
  }

  async function act(run: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setConflict(false);
    try {
      await run();
    } catch (err) {
      if (isVersionConflict(err)) setConflict(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  const hasContent = results.text.trim() !== '' || results.photos.length > 0 || results.nextSteps.length > 0;

  return (
    <>
      <p className="breadcrumb">
        <Link to={adminEventPath(event.id)}>{t('sessionResults.back')}</Link>
      </p>
      <PageHeading title={t('sessionResults.title', { title: session.title })}>
        <p className="lead">
          <bdi>{event.title}</bdi>
          {' · '}
          {t(`events.sessionTypes.${session.type}`)}, {formatDay(session.startsAt.slice(0, 10), language)}{' '}
          {formatTime(session.startsAt, language)}{' '}
          <Badge tone={results.published ? 'lead' : 'warning'}>
            {t(results.published ? 'sessionResults.state.published' : 'sessionResults.state.draft')}
          </Badge>
        </p>
      </PageHeading>
      <StatusMessage message={message} />
      <ErrorAlert error={error} />
      {conflict && (
        <div className="alert alert-error" role="alert">
          <p>{t('sessionResults.conflict')}</p>
          <button type="button" className="button button-secondary" onClick={reload}>
            {t('events.admin.reload')}
          </button>
        </div>
      )}

      <section className="section" aria-labelledby="ergebnis-text">
        <h2 id="ergebnis-text">{t('sessionResults.form.heading')}</h2>
        <ResultsForm
          key={`${results.version}`}
          results={results}
          onSave={async (body) => {
            setConflict(false);
            try {
              setResults(await resultsApi.save(target, { ...body, version: results.version }));
              setMessage({ key: 'sessionResults.saved' });
            } catch (err) {
              if (isVersionConflict(err)) return setConflict(true);
              throw err;
            }
          }}
        />
      </section>

      <PhotosSection
        target={target}
        photos={results.photos}
        onChanged={(photos, key) => {
          setResults({ ...results, photos });
          setMessage({ key });
        }}
      />

      <section className="section" aria-labelledby="veroeffentlichen">
        <h2 id="veroeffentlichen">{t('sessionResults.publishHeading')}</h2>
        {results.published ? (
          <>
            <p>
              {t(event.visibility === 'internal' ? 'sessionResults.publishedInternal' : 'sessionResults.publishedText')}{' '}
              <Link to={`${eventPath(event.slug)}#${sessionAnchor(session.id)}`}>{t('sessionResults.viewPublic')}</Link>
            </p>
            <button
              type="button"
              className="button button-secondary"
              aria-disabled={busy || undefined}
              onClick={() =>
                void act(async () => {
                  setResults(await resultsApi.unpublish(target, results.version));
                  setMessage({ key: 'sessionResults.unpublished' });
                })
              }
            >
              {t('sessionResults.unpublish')}
            </button>
          </>
        ) : (
          <>
            <p>{t(results.version === 0 ? 'sessionResults.saveFirst' : 'sessionResults.draftText')}</p>
            {results.version > 0 && (
              <button
                type="button"
                className="button button-primary"
                aria-disabled={busy || undefined}
                onClick={() =>
                  void act(async () => {
                    setResults(await resultsApi.publish(target, results.version));
                    setMessage({ key: 'sessionResults.published' });
                  })
                }
              >
                {t('sessionResults.publish')}
              </button>
            )}
          </>
        )}
        {hasContent && (
          <p className="results-delete">
            <button type="button" className="button button-danger" onClick={() => setConfirmDelete(true)}>
              {t('sessionResults.delete')}
            </button>
          </p>
        )}
      </section>

      <Dialog id="ergebnisse-loeschen" open={confirmDelete} title={t('sessionResults.deleteTitle')} onClose={() => setConfirmDelete(false)}>
        <p>{t('sessionResults.deleteText')}</p>
        <div className="actions">
          <button
            type="button"
            className="button button-danger"
            onClick={() =>
              void act(async () => {
                setConfirmDelete(false);
                await resultsApi.remove(target);
                setMessage({ key: 'sessionResults.deleted' });
                loaded.reload();
              })
            }
          >
            {t('sessionResults.delete')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirmDelete(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
