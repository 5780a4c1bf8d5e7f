import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { NoPermission } from '../../components/guards.tsx';
import { Loading, PageHeading } from '../../components/ui.tsx';
import { loginPath } from '../../lib/paths.ts';
import { useSession } from '../../lib/session.tsx';
import { DOOR_APP } from '../../pwa/sw-routing.ts';
import { canManageEvents } from '../events/use-event-access.ts';
import { registerOfflineApp, requestPersistentStorage } from '../interviewer/offline-app.ts';
import { clearDoorProfile, loadDoorProfile, saveDoorProfile, type DoorProfile } from './checkin-store.ts';

export interface DoorStaff extends DoorProfile {
  /** Signed in right now (false: working offline, or the session ended meanwhile). */
  signedIn: boolean;
}

/**
 * The access rule of the door page, as in the interviewer app (InterviewerFrame). Online it is
 * the session (admins and partner staff). Without network the server cannot be asked; then the
 * person who last opened a door page here while signed in may go on checking people in from the
 * list on the device. Once open, the page stays open when the session ends; the scans then wait
 * on the device for a new sign-in.
 */
export function DoorFrame({ children }: { children: (staff: DoorStaff) => ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [profile, setProfile] = useState<DoorProfile | null | undefined>(undefined);
  const [entered, setEntered] = useState(false);
  const user = session.user && canManageEvents(session.user.role) ? session.user : null;

  useEffect(() => {
    void registerOfflineApp(DOOR_APP.scope);
    requestPersistentStorage();
  }, []);

  useEffect(() => {
    loadDoorProfile().then(setProfile, () => setProfile(null));
  }, []);

  const userId = user?.id ?? null;
  const userName = user?.displayName ?? null;
  useEffect(() => {
    if (userId === null || userName === null) return;
    const next = { userId, displayName: userName };
    saveDoorProfile(next).then(
      () => setProfile(next),
      () => undefined,
    );
  }, [userId, userName]);

  // Signing out on purpose ends the offline permission on this device as well.
  useEffect(() => {
    if (session.signingOut) {
      clearDoorProfile().then(
        () => setProfile(null),
        () => undefined,
      );
    }
  }, [session.signingOut]);

  const offlineProfile = (session.status === 'error' || entered) && !session.signingOut ? profile : null;
  const staff: DoorStaff | null = user
    ? { userId: user.id, displayName: user.displayName, signedIn: true }
    : offlineProfile
      ? { ...offlineProfile, signedIn: false }
      : null;
  if (staff && !entered) setEntered(true);

  if (staff) return children(staff);
  if (session.status === 'loading' || profile === undefined || session.signingOut) return <Loading />;
  if (session.user) return <NoPermission />;
  if (session.status === 'error') {
    return (
      <div className="narrow">
        <PageHeading title={t('checkin.title')} />
        <div className="alert alert-info" role="status">
          <p>{t('checkin.neverSignedIn')}</p>
        </div>
      </div>
    );
  }
  return <Navigate to={loginPath(location.pathname + location.search)} replace />;
}
