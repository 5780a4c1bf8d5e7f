import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Wave } from '../../../contracts/study-admin.ts';
import { Dialog, ErrorAlert } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';

/**
 * Whether the wave's Stimmungsbild is on the public page, and (for staff) the switch. The
 * confirmation says what becomes public: only aggregates that pass disclosure control.
 */
export function ResultsPublishSection({
  wave,
  canManage,
  onChanged,
}: {
  wave: Wave;
  canManage: boolean;
  onChanged: (wave: Wave, message: string) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const published = wave.resultsPublished;
  // A draft has no public page yet: its results can be published once the wave itself is.
  const draft = wave.status === 'draft' && !published;

  async function toggle() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const changed = await api.publishResults(wave.id, !published);
      setConfirming(false);
      onChanged(changed, published ? 'resultsAdmin.publish.withdrawn' : 'resultsAdmin.publish.published');
    } catch (err) {
      setConfirming(false);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="ergebnisse-veroeffentlichen">
      <h2 id="ergebnisse-veroeffentlichen">{t('resultsAdmin.publish.heading')}</h2>
      <p>{published ? t('resultsAdmin.publish.statusPublished') : t('resultsAdmin.publish.statusNotPublished')}</p>
      {draft && <p className="hint">{t('resultsAdmin.publish.draftNote')}</p>}
      <ErrorAlert error={error} />
      {canManage && !draft && (
        <>
          <div className="actions">
            <button
              type="button"
              className={published ? 'button button-danger' : 'button button-primary'}
              onClick={() => setConfirming(true)}
            >
              {published ? t('resultsAdmin.publish.withdraw') : t('resultsAdmin.publish.publish')}
            </button>
          </div>
          <Dialog
            id="ergebnisse-bestaetigen"
            open={confirming}
            title={published ? t('resultsAdmin.publish.withdrawTitle') : t('resultsAdmin.publish.publishTitle')}
            onClose={() => setConfirming(false)}
          >
            <p>{published ? t('resultsAdmin.publish.withdrawText') : t('resultsAdmin.publish.publishText')}</p>
            <div className="actions">
              <button
                type="button"
                className={published ? 'button button-danger' : 'button button-primary'}
                aria-disabled={busy || undefined}
                onClick={() => void toggle()}
              >
                {published ? t('resultsAdmin.publish.withdrawConfirm') : t('resultsAdmin.publish.publishConfirm')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </Dialog>
        </>
      )}
    </section>
  );
}
