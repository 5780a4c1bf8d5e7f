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
  'registration.throttled': [
    'Von hier kamen in kurzer Zeit zu viele Anmeldungen. Bitte versuchen Sie es ab {time} Uhr erneut.',
    'Too many registrations from here in a short time. Please try again from {time} (German time).',
    429,
  ],
  'registration.cancelled': [
    'Diese Anmeldung ist storniert oder abgelaufen. Sie können sich erneut anmelden, solange die Anmeldung offen ist.',
    'This registration has been cancelled or has expired. You can register again while registration is open.',
    409,
  ],
  'session_results.not_found': [
    'Für diesen Programmpunkt sind keine Ergebnisse gespeichert.',
    'No results are stored for this programme item.',
    404,
  ],
  'session_results.version_conflict': [
    'Jemand anderes hat diese Ergebnisse inzwischen geändert. Bitte laden Sie die Seite neu und wiederholen Sie Ihre Änderung.',
    'Someone else has changed these results in the meantime. Please reload and repeat your change.',
    409,
  ],
  'session_results.empty': [
    'Es gibt noch nichts zu veröffentlichen. Bitte tragen Sie zuerst Text, Fotos oder nächste Schritte ein.',
    'There is nothing to publish yet. Please add text, photos or next steps first.',
    409,
  ],
  'session_photo.not_found': ['Dieses Foto wurde nicht gefunden.', 'This photo was not found.', 404],
  'session_photo.too_many': [
    'Zu einem Programmpunkt sind höchstens {max} Fotos möglich. Bitte löschen Sie zuerst ein anderes Foto.',
    'A programme item can have at most {max} photos. Please delete another photo first.',
    409,
  ],
  'session_photo.too_large': [
    'Das Foto ist größer als {mb} MB. Bitte verkleinern Sie es und versuchen Sie es erneut.',
    'The photo is larger than {mb} MB. Please make it smaller and try again.',
    413,
  ],
  'session_photo.unsupported_type': [
    'Bitte laden Sie ein Foto im Format JPEG, PNG oder WebP hoch.',
    'Please upload a photo in JPEG, PNG or WebP format.',
    415,
  ],
  'session_photo.type_mismatch': [
    'Die Datei ist kein Foto im angegebenen Format. Bitte laden Sie ein JPEG-, PNG- oder WebP-Foto hoch.',
    'The file is not a photo of the declared type. Please upload a JPEG, PNG or WebP photo.',
    415,
  ],
  'forum_note.not_found': ['Diese Notiz wurde nicht gefunden.', 'This note was not found.', 404],
  'forum_note.version_conflict': [
    'Jemand anderes hat diese Notiz inzwischen geändert. Bitte laden Sie die Seite neu und wiederholen Sie Ihre Änderung.',
    'Someone else has changed this note in the meantime. Please reload and repeat your change.',
    409,
  ],
  'forum_note.not_a_forum': [
    'Gesprächsnotizen gibt es nur für Bürgerforen oder Veranstaltungen mit einem Bürgerforum im Programm.',
    'Conversation notes exist only for citizens’ forums or events with a citizens’ forum on the programme.',
    409,
  ],
  'checkin.ticket_invalid': [
    'Ungültiges Ticket: Dieser Code ist kein Ticket der ITAS-Plattform.',
    'Invalid ticket: this code is not a ticket of the ITAS platform.',
    400,
  ],
  'checkin.ticket_wrong_event': ['Dieses Ticket gehört zu einer anderen Veranstaltung.', 'This ticket belongs to another event.', 409],
  'checkin.ticket_cancelled': [
    'Diese Anmeldung wurde storniert oder ist abgelaufen; das Ticket gilt nicht mehr.',
    'This registration has been cancelled or has expired; the ticket is no longer valid.',
    409,
  ],
  'checkin.ticket_not_confirmed': [
    'Diese Anmeldung ist noch nicht bestätigt (zum Beispiel Warteliste); das Ticket gilt noch nicht.',
    'This registration is not confirmed yet (for example on the waitlist); the ticket is not valid yet.',
    409,
  ],
  'live.not_found': [
    'Zu diesem Code gibt es keine Live-Abstimmung. Bitte prüfen Sie die sechs Ziffern.',
    'There is no live session with this code. Please check the six digits.',
    404,
  ],
  'live.not_enabled': [
    'Für diesen Programmpunkt ist die Live-Abstimmung noch nicht eingeschaltet.',
    'Live polling has not been switched on for this programme item yet.',
    404,
  ],
  'live.question_not_found': ['Diese Frage wurde nicht gefunden.', 'This question was not found.', 404],
  'live.question_closed': [
    'Diese Frage ist gerade nicht zur Abstimmung geöffnet.',
    'This question is not open for voting at the moment.',
    409,
  ],
  'live.already_voted': [
    'Sie haben bei dieser Frage bereits abgestimmt. Jedes Gerät hat eine Stimme.',
    'You have already voted on this question. Each device has one vote.',
    409,
  ],
  'live.answer_invalid': [
    'Diese Antwort passt nicht zur Frage. Bitte laden Sie die Seite neu und wählen Sie erneut.',
    'This answer does not fit the question. Please reload the page and choose again.',
    400,
  ],
  'live.device_invalid': [
    'Dieses Gerät wurde nicht erkannt. Bitte laden Sie die Seite neu.',
    'This device was not recognised. Please reload the page.',
    403,
  ],
  'live.rate_limited': [
    'Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.',
    'Too many requests in a short time. Please wait a moment and try again.',
    429,
  ],
  'live.qa_closed': [
    'Fragen aus dem Publikum sind gerade nicht möglich.',
    'Questions from the audience are not possible at the moment.',
    409,
  ],
  'live.audience_question_not_found': ['Diese Publikumsfrage wurde nicht gefunden.', 'This audience question was not found.', 404],
  'live.already_upvoted': ['Sie haben diese Frage bereits unterstützt.', 'You have already supported this question.', 409],
  'live.question_locked': [
    'Diese Frage kann nicht mehr geändert werden: Sie wurde bereits geöffnet oder hat Stimmen. Legen Sie eine neue Frage an.',
    'This question can no longer be changed: it has been opened or has votes. Create a new question.',
    409,
  ],
  'live.question_has_votes': ['Eine Frage mit Stimmen kann nicht gelöscht werden.', 'A question with votes cannot be deleted.', 409],
  'live.version_conflict': [
    'Jemand anderes hat diese Frage inzwischen geändert. Bitte laden Sie die Seite neu und wiederholen Sie Ihre Änderung.',
    'Someone else has changed this question in the meantime. Please reload and repeat your change.',
    409,
  ],
  'live.question_invalid': [
    'Die Frage ist so nicht verwendbar. Bitte beachten Sie die Hinweise.',
    'The question cannot be used as it is. Please see the notes.',
    400,
  ],
  'live.study_link_invalid': [
    'Die Verknüpfung mit der Studie ist so nicht möglich. Bitte beachten Sie die Hinweise.',
    'The link to the study is not possible like this. Please see the notes.',
    400,
  ],
  'mail.attachment_not_found': [
    'Diesen Anhang gibt es nicht (mehr). Nach dem Versand werden Anhänge nicht aufbewahrt.',
    'This attachment does not exist (any more). Attachments are not kept after delivery.',
    404,
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
