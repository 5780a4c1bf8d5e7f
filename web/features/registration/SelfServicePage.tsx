import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationView, RegistrationWorkshop } from '../../../contracts/registration.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert, Loading, PageHeading, StatusMessage, useMessage } from '../../components/ui.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { ChangeWorkshopsForm } from './ChangeWorkshopsForm.tsx';
import { RegistrationStatus } from './RegistrationStatus.tsx';
import { removeTokenFromAddressBar, tokenFromHash } from './registration-token.ts';
import { MissingToken } from './MissingToken.tsx';
import { TicketQr } from './TicketQr.tsx';

/** A late acceptance: the offer ran out (409), the seat went to the next person. */
const isExpiredOffer = (err: unknown) => isApiError(err) && err.status === 409 && err.code === 'registration.offer_expired';

/**
 * The self-service link (`/anmeldung#<token>`): the state of the event seat and each workshop,
 * change the workshops, accept an offered seat, cancel. The token stays in memory only.
 */
export default function SelfServicePage() {
  const { t } = useTranslation();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [view, setView] = useState<RegistrationView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [expired, setExpired] = useState(false);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [message, setMessage] = useMessage();

  const load = useCallback(
    (signal?: AbortSignal) => {
      if (!token) return;
      api.getRegistration(token, signal ? { signal } : {}).then(
        (loaded) => {
          setView(loaded);
          setLoadError(null);
        },
        (err: unknown) => {
          if (!signal?.aborted) setLoadError(err);
        },
      );
    },
    [token],
  );

  useEffect(() => {
    removeTokenFromAddressBar();
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  /** Runs one change; `offer` marks accepting an offer, whose 409 means the offer ran out. */
  async function act(action: () => Promise<RegistrationView>, done: string, offer = false) {
    if (busy) return;
    setBusy(true);
    setActionError(null);
    setExpired(false);
    setMessage();
    try {
      setView(await action());
      setMessage({ key: done });
    } catch (err) {
      if (offer && isExpiredOffer(err)) setExpired(true);
      else setActionError(err);
      // The state changed meanwhile (an offer ran out, registration closed): show what is stored now.
      if (isApiError(err) && err.status === 409) load();
    } finally {
      setBusy(false);
    }
  }

  if (!token) {
    return <MissingToken title={t('registration.self.title')} message={t('registration.self.missingToken')} />;
  }

  if (!view) {
    return (
      <div className="narrow">
        <PageHeading title={t('registration.self.title')} />
        <ErrorAlert error={loadError}>
          <p>{t('registration.self.failedHint')}</p>
        </ErrorAlert>
        {!loadError && <Loading />}
      </div>
    );
  }

  const accept = (sessionId?: string) =>
    act(() => api.acceptOffer(token, sessionId), sessionId ? 'registration.self.acceptedWorkshop' : 'registration.self.acceptedSeat', true);
  const offerButton = (label: string, sessionId?: string) => (
    <button
      type="button"
      className="button button-primary button-small"
      aria-disabled={busy || undefined}
      onClick={() => void accept(sessionId)}
    >
      {label}
    </button>
  );
  const cancelled = view.status === 'cancelled' || view.status === 'expired';

  return (
    <div className="narrow registration-self">
      <PageHeading title={t('registration.self.title')} />
      <StatusMessage message={message} />
      {expired && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('registration.self.offerExpiredTitle')}</p>
          <p>{t('registration.self.offerExpired')}</p>
        </div>
      )}
      <ErrorAlert error={actionError} />
      <RegistrationStatus
        view={view}
        seatAction={view.status === 'offered' && !cancelled ? offerButton(t('registration.self.acceptSeat')) : null}
        workshopAction={(w: RegistrationWorkshop) =>
          w.status === 'offered' && !cancelled ? offerButton(t('registration.self.acceptWorkshop', { title: w.title }), w.sessionId) : null
        }
      />
      {view.ticket && <TicketQr ticket={view.ticket} name={view.name} />}

      {cancelled ? (
        <p>{t('registration.self.cancelledNote')}</p>
      ) : view.changeable ? (
        <>
          <ChangeWorkshopsForm
            // A fresh form whenever the stored choice changes.
            key={view.workshops.map((w) => `${w.sessionId}:${w.status}`).join(',')}
            view={view}
            busy={busy}
            onSave={(ids) => act(() => api.changeRegistration(token, ids), 'registration.self.changed')}
          />
          <section className="section" aria-labelledby="anmeldung-absagen">
            <h2 id="anmeldung-absagen">{t('registration.self.cancelHeading')}</h2>
            <p>{t('registration.self.cancelText')}</p>
            <button type="button" className="button button-danger" onClick={() => setCancelling(true)}>
              {t('registration.self.cancel')}
            </button>
          </section>
        </>
      ) : (
        <p>{t('registration.self.notChangeable')}</p>
      )}

      <ConfirmDialog
        id="anmeldung-absagen-dialog"
        item={cancelling ? token : null}
        title={t('registration.self.cancelTitle')}
        text={t('registration.self.cancelConfirmText', { title: view.event.title })}
        confirmLabel={t('registration.self.cancelConfirm')}
        cancelLabel={t('registration.self.keep')}
        busy={busy}
        onConfirm={(current) => {
          setCancelling(false);
          void act(() => api.cancelRegistration(current), 'registration.self.cancelled');
        }}
        onClose={() => setCancelling(false)}
      />
    </div>
  );
}
