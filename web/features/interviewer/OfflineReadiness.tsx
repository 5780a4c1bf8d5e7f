import { useTranslation } from 'react-i18next';
import { useOfflineApp } from './offline-app.ts';

/**
 * Tells the interviewer whether the tablet can go offline now: the app is stored (service worker
 * active) and, on a wave's page, its questionnaire is on the device. A newer app version is
 * offered, never forced, so an interview in progress is not reloaded.
 */
export function OfflineReadiness({ questionnaireStored }: { questionnaireStored?: boolean }) {
  const { t } = useTranslation();
  const { status, updateWaiting, applyUpdate } = useOfflineApp();
  let text: string;
  let tone = 'alert-info';
  if (status === 'ready') {
    if (questionnaireStored === undefined) text = t('interviewer.offline.appReady');
    else if (questionnaireStored) {
      text = t('interviewer.offline.ready');
      tone = 'alert-success';
    } else text = t('interviewer.offline.questionnaireMissing');
  } else if (status === 'unavailable') {
    text = t('interviewer.offline.unavailable');
    tone = 'alert-error';
  } else text = t(status === 'installing' ? 'interviewer.offline.installing' : 'interviewer.offline.checking');

  return (
    <>
      <div className={`alert ${tone}`} role="status" data-offline-status={status}>
        <p>{text}</p>
      </div>
      {updateWaiting && (
        <div className="alert alert-info">
          <p>{t('interviewer.offline.update')}</p>
          <button type="button" className="button button-secondary" onClick={applyUpdate}>
            {t('interviewer.offline.updateNow')}
          </button>
        </div>
      )}
    </>
  );
}
