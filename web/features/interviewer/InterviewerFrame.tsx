import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { User } from '../../../contracts/accounts.ts';
import { NoPermission } from '../../components/guards.tsx';
import { Loading, PageHeading } from '../../components/ui.tsx';
import { loginPath } from '../../lib/paths.ts';
import { useSession } from '../../lib/session.tsx';
import { interviewerQueue } from './interviewer-queue.ts';
import { registerOfflineApp, requestPersistentStorage } from './offline-app.ts';
import { clearProfile, loadProfile, saveProfile, type Profile } from './store.ts';

export interface Interviewer extends Profile {
  /** Signed in right now (false: working offline, or the session ended meanwhile). */
  signedIn: boolean;
}

const isInterviewer = (user: User | null): user is User => user?.role === 'staff' || user?.role === 'admin';

/**
 * The access rule of the interviewer pages. Online it is the session (staff and admin). Without
 * network the server cannot be asked; then the person who last signed in here as interviewer
 * may go on working, so a day at a market stall does not depend on the mobile network. Once a
 * page is open it stays open when the session ends (an interview in progress is never thrown
 * away); the upload then waits for a new sign-in.
 */
export function InterviewerFrame({ children }: { children: (interviewer: Interviewer) => ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);
  const [entered, setEntered] = useState(false);
  const user = isInterviewer(session.user) ? session.user : null;

  useEffect(() => {
    void registerOfflineApp();
    requestPersistentStorage();
    return interviewerQueue.attach();
  }, []);

  useEffect(() => {
    loadProfile().then(setProfile, () => setProfile(null));
  }, []);

  const userId = user?.id ?? null;
  const userName = user?.displayName ?? null;
  useEffect(() => {
    interviewerQueue.setUser(userId);
    if (userId !== null && userName !== null) {
      const next = { userId, displayName: userName };
      saveProfile(next).then(
        () => setProfile(next),
        () => undefined,
      );
    }
  }, [userId, userName]);

  // Signing out on purpose ends the offline permission on this device as well.
  useEffect(() => {
    if (session.signingOut) {
      clearProfile().then(
        () => setProfile(null),
        () => undefined,
      );
    }
  }, [session.signingOut]);

  const offlineProfile = (session.status === 'error' || entered) && !session.signingOut ? profile : null;
  const interviewer: Interviewer | null = user
    ? { userId: user.id, displayName: user.displayName, signedIn: true }
    : offlineProfile
      ? { ...offlineProfile, signedIn: false }
      : null;
  if (interviewer && !entered) setEntered(true);

  if (interviewer) return children(interviewer);
  if (session.status === 'loading' || profile === undefined) return <Loading />;
  if (session.user) return <NoPermission />;
  return (
    <div className="narrow">
      <PageHeading title={t('interviewer.title')} />
      {session.status === 'error' ? (
        <div className="alert alert-info" role="status">
          <p>{t('interviewer.gate.neverSignedIn')}</p>
        </div>
      ) : (
        <>
          <p>{t('interviewer.gate.signInText')}</p>
          <p>
            <Link className="button button-primary" to={loginPath(location.pathname + location.search)}>
              {t('interviewer.gate.signIn')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
