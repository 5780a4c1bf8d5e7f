import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from './api.ts';
import { PATHS } from './paths.ts';
import { useSession } from './session.tsx';

export type LoginNotice = 'loggedOut' | 'loggedOutEverywhere' | 'passwordSet';

export function isLoginNotice(value: unknown): value is LoginNotice {
  return value === 'loggedOut' || value === 'loggedOutEverywhere' || value === 'passwordSet';
}

/** Signs out here or everywhere and goes to the login page, which confirms it. */
export function useLogout() {
  const { setSigningOut } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function logout(everywhere = false) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setSigningOut(true);
    try {
      await (everywhere ? api.logoutEverywhere() : api.logout());
      const notice: LoginNotice = everywhere ? 'loggedOutEverywhere' : 'loggedOut';
      // The login page ends the signing-out state once it is shown (see LoginPage).
      await navigate(PATHS.login, { state: { notice } });
    } catch (err) {
      setSigningOut(false);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return { logout, error, busy };
}
