import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import type { Role } from '../../contracts/common.ts';
import { loginPath, PATHS } from '../lib/paths.ts';
import { useSession } from '../lib/session.tsx';
import { Loading, PageHeading } from './ui.tsx';

function ServerUnavailable() {
  const { t } = useTranslation();
  const { reload } = useSession();
  return (
    <>
      <PageHeading title={t('guards.unavailableTitle')} />
      <div className="alert alert-error" role="alert">
        <p>{t('errors.network')}</p>
      </div>
      <button type="button" className="button button-secondary" onClick={() => void reload()}>
        {t('common.retry')}
      </button>
    </>
  );
}

/** Pages for signed-in people: anonymous visitors go to the login and come back afterwards. */
export function RequireUser({ children }: { children: ReactNode }) {
  const { status, user, signingOut } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'error' && !user) return <ServerUnavailable />;
  if (!user) {
    // Signing out on purpose: the logout itself decides where to go next.
    if (signingOut) return <Loading />;
    return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  }
  return children;
}

export function NoPermission() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('guards.forbiddenTitle')} />
      <p>{t('guards.forbiddenText')}</p>
      <p>
        <Link to={PATHS.home}>{t('guards.backHome')}</Link>
      </p>
    </>
  );
}

/** Administration pages: signed-in non-admins see a clear "no permission" page. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { user } = useSession();
  return <RequireUser>{user?.role === 'admin' ? children : <NoPermission />}</RequireUser>;
}

/** Pages for some roles only (e.g. the study pages): signed-in people with another role see "no permission". */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  return <RequireUser>{user && roles.includes(user.role) ? children : <NoPermission />}</RequireUser>;
}
