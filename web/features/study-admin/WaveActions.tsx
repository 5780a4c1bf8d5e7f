import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudyDetail, Wave } from '../../../contracts/study-admin.ts';
import { Dialog, ErrorAlert } from '../../components/ui.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { waveValues, WaveForm } from './WaveForm.tsx';

type Action = 'publish' | 'close';

/** A rejection, with "reload" when someone else changed the wave meanwhile (optimistic locking). */
function ActionError({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <ErrorAlert error={error}>
      {isApiError(error) && error.code === 'wave.version_conflict' && (
        <button type="button" className="button button-secondary" onClick={onReload}>
          {t('studies.wave.reload')}
        </button>
      )}
    </ErrorAlert>
  );
}

/**
 * Publish, close and change a wave. Every change sends the wave's `version`; when someone else
 * was quicker the server refuses (409) and the page offers to reload.
 */
export function WaveActions({
  study,
  wave,
  onChanged,
  onReload,
}: {
  study: StudyDetail;
  wave: Wave;
  onChanged: (wave: Wave, message: string) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState(false);
  const version = study.versions.find((v) => v.id === wave.versionId);

  // Fresh data from the server; an open edit form closes, so it is reopened with what is stored now.
  function reload() {
    setEditing(false);
    setConflict(false);
    setError(null);
    onReload();
  }

  async function run(action: Action) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const changed = action === 'publish' ? await api.publishWave(wave.id, wave.version) : await api.closeWave(wave.id, wave.version);
      setConfirming(null);
      onChanged(changed, action === 'publish' ? 'studies.wave.published' : 'studies.wave.closed');
    } catch (err) {
      setConfirming(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="wave-actions">
      <div className="actions">
        {wave.status !== 'open' && (
          <button type="button" className="button button-primary" onClick={() => setConfirming('publish')}>
            {wave.status === 'closed' ? t('studies.wave.reopen') : t('studies.wave.publish')}
          </button>
        )}
        {wave.status === 'open' && (
          <button type="button" className="button button-danger" onClick={() => setConfirming('close')}>
            {t('studies.wave.close')}
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={editing}
          aria-controls="welle-bearbeiten"
          onClick={() => setEditing((open) => !open)}
        >
          {t('studies.wave.edit')}
        </button>
      </div>
      <ActionError error={error} onReload={reload} />

      <div id="welle-bearbeiten" hidden={!editing} className="panel panel-wide">
        {editing && (
          <WaveForm
            form="welle-bearbeiten-form"
            versions={study.versions}
            initial={waveValues(wave)}
            submitLabel={t('studies.wave.saveChanges')}
            onCancel={() => setEditing(false)}
            onSave={async (values) => {
              // Channels this form does not offer (the congress module's "live") stay as they are.
              const kept = wave.channels.filter((c) => c === 'live');
              setConflict(false);
              try {
                const changed = await api.updateWave(wave.id, {
                  ...values,
                  channels: [...values.channels, ...kept],
                  version: wave.version,
                });
                setEditing(false);
                onChanged(changed, 'studies.wave.saved');
              } catch (err) {
                if (isApiError(err) && err.code === 'wave.version_conflict') setConflict(true);
                throw err;
              }
            }}
          />
        )}
        {editing && conflict && (
          <p>
            <button type="button" className="button button-secondary" onClick={reload}>
              {t('studies.wave.reload')}
            </button>
          </p>
        )}
      </div>

      <Dialog
        id="welle-bestaetigen"
        open={confirming !== null}
        title={confirming === 'close' ? t('studies.wave.closeTitle') : t('studies.wave.publishTitle')}
        onClose={() => setConfirming(null)}
      >
        <p>{confirming === 'close' ? t('studies.wave.closeText') : t('studies.wave.publishText', { version: version?.version ?? '?' })}</p>
        <div className="actions">
          <button
            type="button"
            className={confirming === 'close' ? 'button button-danger' : 'button button-primary'}
            aria-disabled={busy || undefined}
            onClick={() => confirming && void run(confirming)}
          >
            {confirming === 'close' ? t('studies.wave.closeConfirm') : t('studies.wave.publishConfirm')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
