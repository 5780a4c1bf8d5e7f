import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RegistrationView } from '../../../contracts/registration.ts';
import { ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { RegistrationStatus } from './RegistrationStatus.tsx';
import { removeTokenFromAddressBar, tokenFromHash } from './registration-token.ts';
import { MissingToken } from './MissingToken.tsx';

/**
 * The opt-in link from the first mail (`/anmeldung/bestaetigen#<token>`): confirms the
 * registration once, then shows which seats the person got and where to manage them.
 */
export default function ConfirmPage() {
  const { t } = useTranslation();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [view, setView] = useState<RegistrationView | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The confirmation is sent once, also when React runs the effect twice in development.
  const sent = useRef(false);

  useEffect(() => {
    removeTokenFromAddressBar();
    if (!token || sent.current) return;
    sent.current = true;
    api.confirmRegistration(token).then(setView, setError);
  }, [token]);

  if (!token) {
    return <MissingToken title={t('registration.confirm.title')} message={t('registration.confirm.missingToken')} />;
  }

  if (!view) {
    return (
      <div className="narrow">
        <PageHeading title={t('registration.confirm.title')} />
        {error ? (
          <>
            <ErrorAlert error={error}>
              <p>{t('registration.confirm.failedHint')}</p>
            </ErrorAlert>
            <p>
              <Link to={PATHS.events}>{t('registration.view.toEvents')}</Link>
            </p>
          </>
        ) : (
          <Loading label={t('registration.confirm.confirming')} />
        )}
      </div>
    );
  }

  const waiting = view.status === 'waitlisted' || view.workshops.some((w) => w.status === 'waitlisted');
  return (
    <div className="narrow">
      <PageHeading title={t(view.status === 'waitlisted' ? 'registration.confirm.waitlistedTitle' : 'registration.confirm.doneTitle')} />
      <div className="alert alert-success" role="status">
        <p>{t(view.status === 'waitlisted' ? 'registration.confirm.waitlisted' : 'registration.confirm.done')}</p>
        {waiting && <p>{t('registration.confirm.waitlistHint')}</p>}
      </div>
      <RegistrationStatus view={view} />
      <h2>{t('registration.confirm.manageHeading')}</h2>
      <p>{t('registration.confirm.manage')}</p>
    </div>
  );
}
