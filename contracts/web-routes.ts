/**
 * Paths the single-page app answers. The server serves the app's page with 200 for these
 * and with 404 for every other path outside /api, so a wrong link is an honest 404.
 * `:param` segments match one path segment.
 */
export const WEB_ROUTES = [
  '/',
  '/anmelden',
  '/passwort-vergessen',
  '/passwort-setzen',
  '/konto',
  '/verwaltung',
  '/verwaltung/organisationen',
  '/verwaltung/nutzer',
  '/verwaltung/nutzer/:id',
  '/verwaltung/postausgang',
  '/verwaltung/protokoll',
  '/verwaltung/studien',
  '/verwaltung/studien/:id',
  '/verwaltung/studien/:id/fragebogen/:versionId',
  '/verwaltung/wellen/:id',
  '/verwaltung/wellen/:id/plakat',
  '/verwaltung/wellen/:id/codes',
  '/verwaltung/wellen/:id/import',
  '/verwaltung/wellen/:id/ergebnisse',
  '/verwaltung/wellen/:id/ergebnisse/bericht',
  '/verwaltung/veranstaltungen',
  '/verwaltung/veranstaltungen/:id',
  '/verwaltung/veranstaltungen/:id/sitzungen/:sessionId/ergebnisse',
  '/verwaltung/veranstaltungen/:id/buergerforum',
  '/verwaltung/veranstaltungen/:id/einlass',
  '/befragung/:code',
  '/ergebnisse/:code',
  '/ergebnisse/:code/bericht',
  '/kiosk/:code',
  '/interview',
  '/interview/:code',
  '/veranstaltungen',
  '/veranstaltungen/archiv',
  '/veranstaltungen/:slug',
  '/anmeldung',
  '/anmeldung/bestaetigen',
  '/live',
  '/live/:code',
  '/verwaltung/live/:sessionId',
  '/verwaltung/live/:sessionId/projektor',
] as const;

export function isWebRoute(pathname: string): boolean {
  const parts = pathname.replace(/\/+$/, '').split('/');
  return WEB_ROUTES.some((route) => {
    const rp = route.replace(/\/+$/, '').split('/');
    return rp.length === parts.length && rp.every((seg, i) => (seg.startsWith(':') ? (parts[i] ?? '') !== '' : seg === parts[i]));
  });
}

/** Pages for anonymous respondents and the live poll's audience: they load no session, set no cookie, and style the questionnaire inline. */
export function isAnonymousPage(pathname: string): boolean {
  return (
    pathname.startsWith('/befragung/') ||
    pathname.startsWith('/kiosk/') ||
    // The live poll's audience: anonymous phones with a device token, no session cookie.
    pathname === '/live' ||
    pathname.startsWith('/live/')
  );
}
