/**
 * Registration links from e-mails carry their token in the fragment (`/anmeldung#token=…`):
 * browsers never send the fragment to a server, so it ends up in no access log and no Referer.
 * A bare fragment (`#abc…`) is accepted too.
 */
const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

export function tokenFromHash(hash: string): string | null {
  const fragment = hash.replace(/^#/, '').trim();
  if (fragment === '') return null;
  const token = fragment.includes('=') ? new URLSearchParams(fragment).get('token') : fragment;
  return token && TOKEN.test(token) ? token : null;
}

/** Takes the token out of the address bar, so it stays out of the history and is not shared by copying the address. */
export function removeTokenFromAddressBar(): void {
  if (!window.location.hash) return;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}
