/**
 * Application errors with a stable code. Services throw these; `app.ts` maps them to HTTP once.
 * Messages live in one catalogue, German first, English beside it.
 */
export type Lang = 'de' | 'en';

const MESSAGES = {
  'auth.required': ['Bitte melden Sie sich an.', 'Please sign in.', 401],
  'auth.invalid_credentials': ['E-Mail-Adresse oder Passwort ist falsch.', 'E-mail address or password is incorrect.', 401],
  'auth.throttled': [
    'Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie {seconds} Sekunden und versuchen Sie es dann erneut.',
    'Too many failed sign-in attempts. Please wait {seconds} seconds and try again.',
    429,
  ],
  'auth.wrong_password': ['Das aktuelle Passwort ist nicht richtig.', 'The current password is not correct.', 400],
  'auth.forbidden': ['Dafür fehlt Ihnen die Berechtigung.', 'You do not have permission to do this.', 403],
  'csrf.invalid': [
    'Die Sicherheitsprüfung der Anfrage ist fehlgeschlagen. Bitte laden Sie die Seite neu.',
    'The request failed its security check. Please reload the page.',
    403,
  ],
  'reset.invalid': [
    'Dieser Link ist ungültig. Bitte fordern Sie einen neuen an.',
    'This link is not valid. Please request a new one.',
    400,
  ],
  'reset.expired': [
    'Dieser Link ist abgelaufen. Bitte fordern Sie einen neuen an.',
    'This link has expired. Please request a new one.',
    400,
  ],
  'reset.used': [
    'Dieser Link wurde bereits verwendet. Bitte fordern Sie einen neuen an.',
    'This link has already been used. Please request a new one.',
    400,
  ],
  'password.same_as_old': [
    'Das neue Passwort muss sich vom bisherigen unterscheiden.',
    'The new password must differ from the current one.',
    400,
  ],
  'password.too_common': [
    'Dieses Passwort ist zu verbreitet oder enthält Ihre E-Mail-Adresse. Bitte wählen Sie ein anderes.',
    'This password is too common or contains your e-mail address. Please choose another one.',
    400,
  ],
  'user.not_found': ['Diese Person wurde nicht gefunden.', 'This user was not found.', 404],
  'user.email_taken': ['Zu dieser E-Mail-Adresse gibt es bereits ein Konto.', 'An account with this e-mail address already exists.', 409],
  'user.version_conflict': [
    'Jemand anderes hat diese Person inzwischen geändert. Bitte laden Sie die Daten neu und wiederholen Sie Ihre Änderung.',
    'Someone else has changed this user in the meantime. Please reload and repeat your change.',
    409,
  ],
  'user.last_admin': [
    'Die letzte aktive Administration kann nicht entfernt, gesperrt oder herabgestuft werden.',
    'The last active administrator cannot be removed, disabled or demoted.',
    409,
  ],
  'user.self_delete': ['Sie können Ihr eigenes Konto hier nicht löschen.', 'You cannot delete your own account here.', 409],
  'organisation.not_found': ['Diese Organisation wurde nicht gefunden.', 'This organisation was not found.', 404],
  'organisation.slug_taken': ['Dieses Kürzel ist bereits vergeben.', 'This identifier is already taken.', 409],
  'wave.not_found': [
    'Diese Befragung gibt es nicht oder sie ist noch nicht veröffentlicht.',
    'This survey does not exist or has not been published yet.',
    404,
  ],
  'wave.closed': [
    'Diese Befragung ist beendet. Vielen Dank für Ihr Interesse.',
    'This survey has closed. Thank you for your interest.',
    409,
  ],
  'wave.channel_closed': [
    'Auf diesem Weg nimmt diese Befragung keine Antworten an.',
    'This survey does not accept answers through this channel.',
    409,
  ],
  'study.version_unknown': ['Diese Fragebogenversion gibt es nicht.', 'This questionnaire version does not exist.', 422],
  'study.definition_invalid': [
    'Der Fragebogen ist so nicht verwendbar. Bitte beheben Sie die genannten Punkte.',
    'The questionnaire cannot be used as it is. Please fix the points listed.',
    400,
  ],
  'study.not_found': ['Diese Studie wurde nicht gefunden.', 'This study was not found.', 404],
  'study.version_locked': [
    'Diese Fragebogenversion wurde bereits beantwortet oder ist veröffentlicht und kann nicht mehr geändert werden. Legen Sie eine neue Version an.',
    'This questionnaire version has answers or is published and can no longer change. Create a new version.',
    409,
  ],
  'wave.unknown': ['Diese Welle wurde nicht gefunden.', 'This wave was not found.', 404],
  'wave.version_conflict': [
    'Jemand anderes hat diese Welle inzwischen geändert. Bitte laden Sie die Seite neu und wiederholen Sie Ihre Änderung.',
    'Someone else has changed this wave in the meantime. Please reload and repeat your change.',
    409,
  ],
  'wave.already_open': ['Diese Welle ist bereits veröffentlicht.', 'This wave is already published.', 409],
  'wave.not_open': ['Nur eine laufende Welle kann beendet werden.', 'Only a running wave can be closed.', 409],
  'wave.period_over': [
    'Der Befragungszeitraum dieser Welle ist vorbei. Verlängern Sie zuerst das Enddatum.',
    'The field period of this wave is over. Extend its end date first.',
    409,
  ],
  'wave.not_yet_open': [
    'Diese Befragung hat noch nicht begonnen. Bitte schauen Sie später wieder vorbei.',
    'This survey has not started yet. Please come back later.',
    409,
  ],
  'results.not_published': [
    'Für diese Befragung sind noch keine Ergebnisse veröffentlicht.',
    'No results have been published for this survey yet.',
    404,
  ],
  'results.not_publishable': [
    'Eine Welle im Entwurf hat noch keine Ergebnisse. Veröffentlichen Sie zuerst die Befragung.',
    'A draft wave has no results yet. Publish the survey first.',
    409,
  ],
  'results.filter_invalid': [
    'Diesen Filter gibt es für diese Welle nicht. Bitte wählen Sie einen Wert aus der Liste.',
    'This filter does not exist for this wave. Please choose a value from the list.',
    400,
  ],
  'margins.invalid': [
    'Die Randverteilungen sind so nicht verwendbar. Bitte beheben Sie die genannten Punkte.',
    'These margins cannot be used. Please fix the points listed.',
    400,
  ],
  'invitation.unknown': [
    'Diesen Einladungscode gibt es nicht. Bitte prüfen Sie Ihre Eingabe.',
    'This invitation code does not exist. Please check your input.',
    404,
  ],
  'invitation.used': [
    'Dieser Einladungscode wurde bereits verwendet. Jeder Code gilt für eine Teilnahme.',
    'This invitation code has already been used. Each code is valid for one participation.',
    409,
  ],
  'study.slug_taken': ['Dieses Kürzel ist bereits vergeben.', 'This identifier is already taken.', 409],
  'session.not_found': ['Diese Sitzung wurde nicht gefunden.', 'This session was not found.', 404],
  'event.not_found': ['Diese Veranstaltung wurde nicht gefunden.', 'This event was not found.', 404],
  'event.slug_taken': ['Dieses Kürzel ist bereits vergeben.', 'This identifier is already taken.', 409],
  'event.version_conflict': [
    'Jemand anderes hat diese Veranstaltung inzwischen geändert. Bitte laden Sie die Seite neu und wiederholen Sie Ihre Änderung.',
    'Someone else has changed this event in the meantime. Please reload and repeat your change.',
    409,
  ],
  'event_session.not_found': ['Dieser Programmpunkt wurde nicht gefunden.', 'This programme item was not found.', 404],
  'event_session.version_conflict': [
    'Jemand anderes hat diesen Programmpunkt inzwischen geändert. Bitte laden Sie die Seite neu und wiederholen Sie Ihre Änderung.',
    'Someone else has changed this programme item in the meantime. Please reload and repeat your change.',
    409,
  ],
  'registration.closed': ['Die Anmeldung für diese Veranstaltung ist geschlossen.', 'Registration for this event is closed.', 409],
  'registration.not_found': [
    'Diese Anmeldung wurde nicht gefunden. Bitte prüfen Sie den Link aus Ihrer E-Mail.',
    'This registration was not found. Please check the link from your e-mail.',
    404,
  ],
  'registration.workshop_invalid': [
    'Diese Auswahl der Workshops ist nicht möglich. Bitte beachten Sie die Hinweise.',
    'This choice of workshops is not possible. Please see the notes.',
    400,
  ],
  'registration.offer_expired': ['Das Angebot ist abgelaufen.', 'The offer has expired.', 409],
  'registration.no_offer': ['Für diese Anmeldung liegt kein Platzangebot vor.', 'There is no seat on offer for this registration.', 409],
  'registration.cancelled': [
    'Diese Anmeldung ist storniert oder abgelaufen. Sie können sich erneut anmelden, solange die Anmeldung offen ist.',
    'This registration has been cancelled or has expired. You can register again while registration is open.',
    409,
  ],
  'validation.failed': ['Die Eingaben sind unvollständig oder ungültig.', 'The input is incomplete or invalid.', 400],
  'request.invalid_json': ['Die Anfrage enthält kein gültiges JSON.', 'The request body is not valid JSON.', 400],
  'request.too_large': ['Die Anfrage ist zu groß.', 'The request is too large.', 413],
  'request.unsupported_media_type': [
    'Dieses Datenformat wird hier nicht angenommen. Bitte senden Sie JSON.',
    'This content type is not accepted here. Please send JSON.',
    415,
  ],
  'request.forbidden_property': ['Die Anfrage enthält unzulässige Felder.', 'The request contains forbidden properties.', 400],
  'route.not_found': ['Diese Adresse gibt es nicht.', 'There is no such address.', 404],
  'method.not_allowed': ['Diese Aktion ist an dieser Adresse nicht möglich.', 'This method is not allowed here.', 405],
  'service.unavailable': [
    'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
    'The service is unavailable at the moment. Please try again shortly.',
    503,
  ],
  internal: [
    'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
    'An unexpected error occurred. Please try again later.',
    500,
  ],
} as const satisfies Record<string, readonly [string, string, number]>;

export type ErrorCode = keyof typeof MESSAGES;

export function errorStatus(code: ErrorCode): number {
  return MESSAGES[code][2];
}

export function errorMessage(code: ErrorCode, lang: Lang, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[code][lang === 'en' ? 1 : 0];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly fields: { path: string; message: string }[] | undefined;
  /** Extra response headers, e.g. Retry-After. */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    opts: {
      params?: Record<string, string | number>;
      fields?: { path: string; message: string }[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.params = opts.params ?? {};
    this.fields = opts.fields;
    this.headers = opts.headers ?? {};
  }

  get status(): number {
    return errorStatus(this.code);
  }
}

/** Picks the response language from Accept-Language: English only when asked for first. */
export function langFrom(acceptLanguage: string | undefined): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'de';
}
