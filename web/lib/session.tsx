import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../../contracts/accounts.ts';
import type { Meta } from '../../contracts/admin.ts';
import { api, subscribeMe } from './api.ts';
import { isAnonymousPage } from '../../contracts/web-routes.ts';

export interface Session {
  /** `loading` until the first answer of /api/auth/me; `error` when the server could not be asked. */
  status: 'loading' | 'ready' | 'error';
  user: User | null;
  meta: Meta | null;
  /** From a deliberate sign-out until the login page shows: protected pages then do not redirect. */
  signingOut: boolean;
  setSigningOut: (value: boolean) => void;
  /** Asks the server again who is signed in. */
  reload: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  // A respondent's survey page asks nothing about sessions, so no cookie is set there; a later
  // sign-in fetches its token when it needs one.
  const [status, setStatus] = useState<Session['status']>(() => (isAnonymousPage(window.location.pathname) ? 'ready' : 'loading'));
  const [user, setUser] = useState<User | null>(null);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [signingOut, setSigningOut] = useState(false);

  useEffect(
    () =>
      subscribeMe((me) => {
        setUser(me.user);
        setStatus('ready');
      }),
    [],
  );

  const reload = useCallback(
    () =>
      api.me().then(
        () => undefined,
        () => setStatus((current) => (current === 'ready' ? current : 'error')),
      ),
    [],
  );

  useEffect(() => {
    if (!isAnonymousPage(window.location.pathname)) api.me().catch(() => setStatus((current) => (current === 'ready' ? current : 'error')));
    const controller = new AbortController();
    api
      .meta({ signal: controller.signal })
      .then(setMeta)
      .catch(() => setMeta(null));
    return () => controller.abort();
  }, []);

  const value = useMemo<Session>(
    () => ({ status, user, meta, signingOut, setSigningOut, reload }),
    [status, user, meta, signingOut, reload],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}
