import type { WEB_ROUTES } from '../../contracts/web-routes.ts';

type WebRoute = (typeof WEB_ROUTES)[number];

/** Every page of the app by name; the values are exactly the paths in contracts/web-routes.ts. */
export const PATHS = {
  home: '/',
  login: '/anmelden',
  forgotPassword: '/passwort-vergessen',
  setPassword: '/passwort-setzen',
  account: '/konto',
  admin: '/verwaltung',
  adminOrganisations: '/verwaltung/organisationen',
  adminUsers: '/verwaltung/nutzer',
  adminUser: '/verwaltung/nutzer/:id',
  adminOutbox: '/verwaltung/postausgang',
  adminAudit: '/verwaltung/protokoll',
  adminStudies: '/verwaltung/studien',
  adminStudy: '/verwaltung/studien/:id',
  adminVersion: '/verwaltung/studien/:id/fragebogen/:versionId',
  adminWave: '/verwaltung/wellen/:id',
  adminWavePoster: '/verwaltung/wellen/:id/plakat',
  adminWaveCodes: '/verwaltung/wellen/:id/codes',
  adminWaveImport: '/verwaltung/wellen/:id/import',
  adminWaveResults: '/verwaltung/wellen/:id/ergebnisse',
  adminWaveReport: '/verwaltung/wellen/:id/ergebnisse/bericht',
  adminEvents: '/verwaltung/veranstaltungen',
  adminEvent: '/verwaltung/veranstaltungen/:id',
  adminSessionResults: '/verwaltung/veranstaltungen/:id/sitzungen/:sessionId/ergebnisse',
  adminForumNotes: '/verwaltung/veranstaltungen/:id/buergerforum',
  adminEventCheckin: '/verwaltung/veranstaltungen/:id/einlass',
  survey: '/befragung/:code',
  publicResults: '/ergebnisse/:code',
  publicReport: '/ergebnisse/:code/bericht',
  kiosk: '/kiosk/:code',
  interviewer: '/interview',
  interviewerWave: '/interview/:code',
  events: '/veranstaltungen',
  eventArchive: '/veranstaltungen/archiv',
  event: '/veranstaltungen/:slug',
  registration: '/anmeldung',
  registrationConfirm: '/anmeldung/bestaetigen',
  liveJoin: '/live',
  liveRoom: '/live/:code',
  adminLive: '/verwaltung/live/:sessionId',
  adminLiveProjector: '/verwaltung/live/:sessionId/projektor',
} as const satisfies Record<string, WebRoute>;

export function userPath(id: string): string {
  return PATHS.adminUser.replace(':id', encodeURIComponent(id));
}

/** The login page, remembering where to go afterwards. */
export function loginPath(next?: string): string {
  return next ? `${PATHS.login}?weiter=${encodeURIComponent(next)}` : PATHS.login;
}

/**
 * The `weiter` parameter after login: only a path on this site ("/…", not "//…" or "/\…"),
 * never the login page itself. Anything else is ignored.
 */
export function safeNextPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // Control characters and backslashes are how browsers get tricked into other hosts.
  const suspicious = [...value].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (suspicious) return null;
  const base = 'https://itas.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  if (url.pathname === PATHS.login) return null;
  return url.pathname + url.search + url.hash;
}

export function surveyPath(code: string): string {
  return PATHS.survey.replace(':code', encodeURIComponent(code));
}

/** Fills the `:name` segments of a page path. */
export function pagePath(path: string, params: Record<string, string>): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
}

/** The short public link of a wave (redirects to the survey page); printed on posters and in QR codes. */
export function shortLinkPath(code: string): string {
  return `/b/${encodeURIComponent(code)}`;
}
