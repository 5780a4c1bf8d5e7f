import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { API, apiPath, type ApiName } from '../contracts/api.ts';
import { seededRegistration } from './modules/events/checkin.fixtures.ts';
import { createForum, createForumWithNote, createResults, makePng } from './modules/events/session-results.fixtures.ts';
import { shippedQuestionnaire } from './modules/study/shipped.ts';
import { SMALL_DEFINITION, createSmallWave } from './modules/study/study.fixtures.ts';
import { useTestApp, type TestApp, type TestClient } from './test/test-app.ts';

/**
 * Every route of the API table × every kind of caller, checked against the route's declared
 * access level. The request table is keyed by ApiName, so a new route without an entry here
 * does not compile, and the OpenAPI check below fails for a route missing from the table.
 */
type Caller = 'anonymous' | 'admin' | 'ihkStaff' | 'ihkAnalyst' | 'amzCompany' | 'amzStaff';
const CALLERS: Caller[] = ['anonymous', 'admin', 'ihkStaff', 'ihkAnalyst', 'amzCompany', 'amzStaff'];

interface Ctx {
  t: TestApp;
  ihk: string;
  /** A throwaway user, so that deleting or editing it never disturbs another case. */
  freshUser(): Promise<{ id: string; version: number; email: string }>;
  /** Id of the most recent throwaway user. */
  lastFreshUserId: string;
  /** An open wave of a small study. */
  wave: { code: string; versionId: string; waveId: string; studyId: string };
  /** A fresh open wave (for cases that change or close it). */
  freshWave(): Promise<{ id: string; version: number; versionId: string }>;
  /** A public event with one session. */
  event: { id: string; slug: string; sessionId: string };
  /** A fresh event (for cases that change it). */
  freshEvent(): Promise<{ id: string; version: number }>;
  /** A fresh session of `event` (for cases that change or delete it). */
  freshSession(): Promise<{ id: string; version: number }>;
}
type Req = { url: string; body?: unknown; raw?: { type: string; bytes: Buffer } };
const FRESH_PASSWORD = 'ein langes Startpasswort';
const rnd = () => Math.random().toString(36).slice(2, 8);
const EVENT_BODY = {
  seriesId: null,
  title: 'Zukunftsforum Matrix',
  format: 'zukunftsforum',
  startsAt: '2027-03-10T09:00:00+01:00',
  endsAt: '2027-03-10T17:00:00+01:00',
  venue: { name: 'Stadthalle Chemnitz', street: 'Theaterstraße 3', postalCode: '09111', city: 'Chemnitz' },
  organisers: ['cwe'],
  fieldsOfAction: ['qualifizierung'],
  visibility: 'public',
  description: '',
} as const;
const SESSION_BODY = {
  type: 'vortrag',
  title: 'Vortrag',
  abstract: '',
  startsAt: '2027-03-10T10:00:00+01:00',
  endsAt: '2027-03-10T11:00:00+01:00',
  room: 'Saal 1',
  track: '',
  moderators: [],
  speakers: [],
} as const;

/** The live room of the matrix event's session (made once) and fresh questions in it. */
let liveCode: string | undefined;
async function liveRoomCode(c: Ctx): Promise<string> {
  liveCode ??= (await c.t.app.services.live.enable(await c.t.actor('staff'), c.event.sessionId, { qaOpen: true })).code;
  return liveCode;
}
async function liveQuestion(c: Ctx, open = false) {
  await liveRoomCode(c);
  const staff = await c.t.actor('staff');
  const body = { kind: 'single', prompt: 'Matrixfrage', options: ['Ja', 'Nein'], scaleLabels: null, studyLink: null } as const;
  const q = await c.t.app.services.live.createQuestion(staff, c.event.sessionId, { ...body, options: [...body.options] });
  return open ? c.t.app.services.live.setStatus(staff, q.id, { status: 'open', version: q.version }) : q;
}
async function audienceQuestion(c: Ctx, approve: boolean) {
  const code = await liveRoomCode(c);
  const live = c.t.app.services.live;
  const { deviceToken } = await live.issueDevice(code, '192.0.2.1');
  await live.ask(code, { deviceToken, text: `Publikumsfrage ${rnd()}` });
  const staff = await c.t.actor('staff');
  const newest = (await live.adminRoom(staff, c.event.sessionId)).audienceQuestions.filter((q) => q.status === 'pending').at(-1)!;
  if (approve) await live.moderate(staff, newest.id, { status: 'approved' });
  return newest.id;
}
const LIVE_BODY = { kind: 'single', prompt: 'Wie finden Sie das?', options: ['Gut', 'Schlecht'], scaleLabels: null, studyLink: null };

const REQUESTS: Record<ApiName, (c: Ctx) => Promise<Req> | Req> = {
  meta: () => ({ url: apiPath('meta') }),
  me: () => ({ url: apiPath('me') }),
  login: async (c) => ({ url: apiPath('login'), body: { email: (await c.freshUser()).email, password: FRESH_PASSWORD } }),
  logout: () => ({ url: apiPath('logout') }),
  resetRequest: () => ({ url: apiPath('resetRequest'), body: { email: 'niemand@test.itas.example' } }),
  resetConfirm: () => ({ url: apiPath('resetConfirm'), body: { token: 'x'.repeat(43), newPassword: 'ein neues langes Passwort' } }),
  changePassword: () => ({ url: apiPath('changePassword'), body: { currentPassword: 'falsch', newPassword: 'ein neues langes Passwort' } }),
  listSessions: () => ({ url: apiPath('listSessions') }),
  revokeSession: () => ({ url: apiPath('revokeSession', { id: 'a'.repeat(24) }) }),
  logoutEverywhere: () => ({ url: apiPath('logoutEverywhere') }),
  listOrganisations: () => ({ url: apiPath('listOrganisations') }),
  createOrganisation: () => ({
    url: apiPath('createOrganisation'),
    body: { slug: `org-${Math.random().toString(36).slice(2, 8)}`, name: 'Neue Organisation', shortName: 'Neu', description: '' },
  }),
  updateOrganisation: (c) => ({
    url: apiPath('updateOrganisation', { id: c.ihk }),
    body: { description: `Kammer der Region ${Math.random().toString(36).slice(2, 8)}` },
  }),
  listMembers: (c) => ({ url: apiPath('listMembers', { id: c.ihk }) }),
  listUsers: () => ({ url: apiPath('listUsers') }),
  createUser: (c) => ({
    url: apiPath('createUser'),
    body: {
      email: `neu-${Math.random().toString(36).slice(2, 10)}@test.itas.example`,
      displayName: 'Neue Person',
      role: 'staff',
      organisationId: c.ihk,
      password: 'ein langes Startpasswort',
    },
  }),
  getUser: async (c) => ({ url: apiPath('getUser', { id: (await c.freshUser()).id }) }),
  updateUser: async (c) => {
    const u = await c.freshUser();
    return { url: apiPath('updateUser', { id: u.id }), body: { displayName: 'Umbenannt', version: u.version } };
  },
  deleteUser: async (c) => ({ url: apiPath('deleteUser', { id: (await c.freshUser()).id }) }),
  endUserSessions: async (c) => ({ url: apiPath('endUserSessions', { id: (await c.freshUser()).id }) }),
  listEvents: () => ({ url: `${apiPath('listEvents')}?zeit=kommend` }),
  getEvent: (c) => ({ url: apiPath('getEvent', { slug: c.event.slug }) }),
  eventCalendar: (c) => ({ url: apiPath('eventCalendar', { slug: c.event.slug }) }),
  sessionCalendar: (c) => ({ url: apiPath('sessionCalendar', { slug: c.event.slug, sessionId: c.event.sessionId }) }),
  eventSchedule: (c) => ({ url: apiPath('eventSchedule', { slug: c.event.slug }) }),
  createEvent: () => ({ url: apiPath('createEvent'), body: { ...EVENT_BODY, slug: `forum-${rnd()}` } }),
  updateEvent: async (c) => {
    const e = await c.freshEvent();
    return { url: apiPath('updateEvent', { id: e.id }), body: { ...EVENT_BODY, slug: `forum-${rnd()}`, version: e.version } };
  },
  createSession: (c) => ({ url: apiPath('createSession', { id: c.event.id }), body: SESSION_BODY }),
  updateSession: async (c) => {
    const s = await c.freshSession();
    return { url: apiPath('updateSession', { id: c.event.id, sessionId: s.id }), body: { ...SESSION_BODY, version: s.version } };
  },
  deleteSession: async (c) => ({ url: apiPath('deleteSession', { id: c.event.id, sessionId: (await c.freshSession()).id }) }),
  listPeople: () => ({ url: apiPath('listPeople') }),
  registrationInfo: (c) => ({ url: apiPath('registrationInfo', { slug: c.event.slug }) }),
  register: (c) => ({
    url: apiPath('register', { slug: c.event.slug }),
    body: {
      name: 'Erika Beispiel',
      email: `anmeldung-${rnd()}@test.itas.example`,
      organisation: '',
      participantType: 'buerger',
      accessibilityNeeds: '',
      workshopSessionIds: [],
      consent: true,
    },
  }),
  confirmRegistration: () => ({ url: apiPath('confirmRegistration'), body: { token: 'x'.repeat(43) } }),
  getRegistration: () => ({ url: apiPath('getRegistration'), body: { token: 'x'.repeat(43) } }),
  changeRegistration: () => ({ url: apiPath('changeRegistration'), body: { token: 'x'.repeat(43), workshopSessionIds: [] } }),
  cancelRegistration: () => ({ url: apiPath('cancelRegistration'), body: { token: 'x'.repeat(43) } }),
  acceptOffer: () => ({ url: apiPath('acceptOffer'), body: { token: 'x'.repeat(43) } }),
  listRegistrations: (c) => ({ url: apiPath('listRegistrations', { id: c.event.id }) }),
  exportRegistrations: (c) => ({ url: apiPath('exportRegistrations', { id: c.event.id }) }),
  enableLive: (c) => ({ url: apiPath('enableLive', { id: c.event.sessionId }), body: { qaOpen: true } }),
  adminLiveRoom: async (c) => (await liveRoomCode(c), { url: apiPath('adminLiveRoom', { id: c.event.sessionId }) }),
  adminLiveStream: async (c) => (await liveRoomCode(c), { url: `${apiPath('adminLiveStream', { id: c.event.sessionId })}?once=1` }),
  exportLiveResults: async (c) => (await liveRoomCode(c), { url: apiPath('exportLiveResults', { id: c.event.sessionId }) }),
  createLiveQuestion: async (c) => (
    await liveRoomCode(c),
    { url: apiPath('createLiveQuestion', { id: c.event.sessionId }), body: LIVE_BODY }
  ),
  updateLiveQuestion: async (c) => {
    const q = await liveQuestion(c);
    return { url: apiPath('updateLiveQuestion', { id: q.id }), body: { ...LIVE_BODY, version: q.version } };
  },
  deleteLiveQuestion: async (c) => ({ url: apiPath('deleteLiveQuestion', { id: (await liveQuestion(c)).id }) }),
  setLiveQuestionStatus: async (c) => {
    const q = await liveQuestion(c);
    return { url: apiPath('setLiveQuestionStatus', { id: q.id }), body: { status: 'open', version: q.version } };
  },
  moderateAudienceQuestion: async (c) => ({
    url: apiPath('moderateAudienceQuestion', { id: await audienceQuestion(c, false) }),
    body: { status: 'approved' },
  }),
  liveDevice: async (c) => ({ url: apiPath('liveDevice', { code: await liveRoomCode(c) }) }),
  liveRoom: async (c) => ({ url: apiPath('liveRoom', { code: await liveRoomCode(c) }) }),
  liveStream: async (c) => ({ url: `${apiPath('liveStream', { code: await liveRoomCode(c) })}?once=1` }),
  liveVote: async (c) => {
    const q = await liveQuestion(c, true);
    const code = await liveRoomCode(c);
    const { deviceToken } = await c.t.app.services.live.issueDevice(code, '192.0.2.1');
    return { url: apiPath('liveVote', { code, questionId: q.id }), body: { deviceToken, answer: { optionId: q.options[0]!.id } } };
  },
  liveAsk: async (c) => {
    const code = await liveRoomCode(c);
    const { deviceToken } = await c.t.app.services.live.issueDevice(code, '192.0.2.1');
    return { url: apiPath('liveAsk', { code }), body: { deviceToken, text: 'Wann gibt es die Folien?' } };
  },
  liveUpvote: async (c) => {
    const code = await liveRoomCode(c);
    const questionId = await audienceQuestion(c, true);
    const { deviceToken } = await c.t.app.services.live.issueDevice(code, '192.0.2.1');
    return { url: apiPath('liveUpvote', { code, questionId }), body: { deviceToken } };
  },
  exportRegistrationsXlsx: (c) => ({ url: apiPath('exportRegistrationsXlsx', { id: c.event.id }) }),
  checkinList: (c) => ({ url: apiPath('checkinList', { id: c.event.id }) }),
  syncCheckins: async (c) => {
    const { token } = await seededRegistration(c.t, c.event.id);
    const items = [{ id: randomUUID(), token, at: '2027-03-10T08:30:00Z', method: 'qr' }];
    return { url: apiPath('syncCheckins', { id: c.event.id }), body: { items } };
  },
  checkInTicket: async (c) => {
    const { token } = await seededRegistration(c.t, c.event.id);
    return { url: apiPath('checkInTicket', { id: c.event.id }), body: { id: randomUUID(), token, at: '2027-03-10T08:30:00Z' } };
  },
  badgesPdf: (c) => ({ url: apiPath('badgesPdf', { id: c.event.id }) }),
  updateEventCapacity: async (c) => {
    const e = await c.freshEvent();
    return { url: apiPath('updateEventCapacity', { id: e.id }), body: { capacity: 100, registrationClosesAt: null, sessions: [] } };
  },
  eventResults: (c) => ({ url: apiPath('eventResults', { slug: c.event.slug }) }),
  sessionPhoto: async (c) => ({ url: (await createResults(c.t, { publish: true })).photo.url }),
  getSessionResults: (c) => ({ url: apiPath('getSessionResults', { id: c.event.id, sessionId: c.event.sessionId }) }),
  saveSessionResults: async (c) => {
    const r = await createResults(c.t);
    return {
      url: apiPath('saveSessionResults', { id: r.id, sessionId: r.sessionId }),
      body: { text: 'Neu', nextSteps: [], version: r.version },
    };
  },
  deleteSessionResults: async (c) => {
    const r = await createResults(c.t);
    return { url: apiPath('deleteSessionResults', { id: r.id, sessionId: r.sessionId }) };
  },
  publishSessionResults: async (c) => {
    const r = await createResults(c.t);
    return { url: apiPath('publishSessionResults', { id: r.id, sessionId: r.sessionId }), body: { version: r.version } };
  },
  unpublishSessionResults: async (c) => {
    const r = await createResults(c.t, { publish: true });
    return { url: apiPath('unpublishSessionResults', { id: r.id, sessionId: r.sessionId }), body: { version: r.version } };
  },
  uploadSessionPhoto: (c) => ({
    url: `${apiPath('uploadSessionPhoto', { id: c.event.id, sessionId: c.event.sessionId })}?alt=Flipchart`,
    raw: { type: 'image/png', bytes: makePng(2, 2, [Math.floor(Math.random() * 255), 0, 0]) },
  }),
  updateSessionPhoto: async (c) => {
    const r = await createResults(c.t);
    return { url: apiPath('updateSessionPhoto', { id: r.id, sessionId: r.sessionId, photoId: r.photo.id }), body: { alt: 'Neu' } };
  },
  deleteSessionPhoto: async (c) => {
    const r = await createResults(c.t);
    return { url: apiPath('deleteSessionPhoto', { id: r.id, sessionId: r.sessionId, photoId: r.photo.id }) };
  },
  forumOverview: async (c) => ({ url: apiPath('forumOverview', { id: (await createForum(c.t)).id }) }),
  exportForumNotes: async (c) => ({ url: apiPath('exportForumNotes', { id: (await createForumWithNote(c.t)).id }) }),
  createForumNote: async (c) => ({
    url: apiPath('createForumNote', { id: (await createForum(c.t)).id }),
    body: { text: 'Sorge um den Arbeitsplatz', topics: ['sorge'], district: '14511', sessionId: null },
  }),
  updateForumNote: async (c) => {
    const f = await createForumWithNote(c.t);
    return {
      url: apiPath('updateForumNote', { id: f.id, noteId: f.noteId }),
      body: { text: 'Geändert', topics: ['idee'], district: 'ausserhalb', sessionId: null, version: f.noteVersion },
    };
  },
  deleteForumNote: async (c) => {
    const f = await createForumWithNote(c.t);
    return { url: apiPath('deleteForumNote', { id: f.id, noteId: f.noteId }) };
  },
  createPerson: () => ({
    url: apiPath('createPerson'),
    body: { name: 'Erika Beispiel', role: 'Referentin', organisation: 'Beispiel GmbH' },
  }),
  listOutbox: () => ({ url: apiPath('listOutbox') }),
  outboxAttachment: async (c) => {
    const to = `anhang-${rnd()}@test.itas.example`;
    const png = { filename: 'ticket.png', contentType: 'image/png', content: makePng() };
    await c.t.app.services.mail.enqueue({ to, subject: 'Mit Anhang', text: 'Siehe Anhang.', attachments: [png] });
    const row = await c.t.database.db.selectFrom('mail_outbox').select('id').where('to_address', '=', to).executeTakeFirstOrThrow();
    return { url: apiPath('outboxAttachment', { id: row.id, index: '0' }) };
  },
  listAudit: () => ({ url: apiPath('listAudit') }),
  publicWave: (c) => ({ url: apiPath('publicWave', { code: c.wave.code }) }),
  submitResponses: (c) => ({
    url: apiPath('submitResponses', { code: c.wave.code }),
    body: { channel: 'online', responses: [{ id: randomUUID(), versionId: c.wave.versionId, answers: { zustimmung: 4 } }] },
  }),
  checkInvitation: (c) => ({ url: apiPath('checkInvitation', { code: c.wave.code, invite: 'abcdefghjk' }) }),
  recordProgress: (c) => ({ url: apiPath('recordProgress', { code: c.wave.code }), body: { channel: 'online', page: 0 } }),
  waveQrCode: (c) => ({ url: apiPath('waveQrCode', { code: c.wave.code }) }),
  listStudies: () => ({ url: apiPath('listStudies') }),
  createStudy: () => ({
    url: apiPath('createStudy'),
    body: { slug: `studie-${Math.random().toString(36).slice(2, 8)}`, title: 'Neue Studie', description: '', definition: SMALL_DEFINITION },
  }),
  checkDefinition: () => ({ url: apiPath('checkDefinition'), body: { definition: SMALL_DEFINITION } }),
  getStudy: (c) => ({ url: apiPath('getStudy', { id: c.wave.studyId }) }),
  addVersion: (c) => ({ url: apiPath('addVersion', { id: c.wave.studyId }), body: { definition: SMALL_DEFINITION } }),
  getVersion: (c) => ({ url: apiPath('getVersion', { id: c.wave.studyId, versionId: c.wave.versionId }) }),
  updateVersion: async (c) => {
    const v = await c.t.app.services.studyAdmin.addVersion(await c.t.actor('staff'), c.wave.studyId, SMALL_DEFINITION);
    return { url: apiPath('updateVersion', { id: c.wave.studyId, versionId: v.id }), body: { definition: SMALL_DEFINITION } };
  },
  createWave: (c) => ({
    url: apiPath('createWave', { id: c.wave.studyId }),
    body: {
      name: 'Welle 2',
      opensOn: '2026-05-01',
      closesOn: '2026-06-30',
      channels: ['online'],
      consentDe: 'Anonym.',
      consentEn: 'Anonymous.',
      districts: ['14511'],
      versionId: c.wave.versionId,
      invitationOnly: false,
    },
  }),
  getWave: (c) => ({ url: apiPath('getWave', { id: c.wave.waveId }) }),
  updateWave: async (c) => {
    const w = await c.freshWave();
    return {
      url: apiPath('updateWave', { id: w.id }),
      body: {
        name: 'Welle 1 (geändert)',
        opensOn: '2026-03-01',
        closesOn: '2026-04-30',
        channels: ['online'],
        consentDe: 'Anonym.',
        consentEn: 'Anonymous.',
        districts: ['14511'],
        versionId: w.versionId,
        invitationOnly: false,
        version: w.version,
      },
    };
  },
  publishWave: async (c) => {
    const w = await c.freshWave();
    await c.t.app.services.studyAdmin.closeWave(await c.t.actor('staff'), w.id, w.version);
    return { url: apiPath('publishWave', { id: w.id }), body: { version: w.version + 1 } };
  },
  closeWave: async (c) => {
    const w = await c.freshWave();
    return { url: apiPath('closeWave', { id: w.id }), body: { version: w.version } };
  },
  waveOverview: (c) => ({ url: apiPath('waveOverview', { id: c.wave.waveId }) }),
  openAnswers: (c) => ({ url: apiPath('openAnswers', { id: c.wave.waveId }) }),
  createInvitations: (c) => ({ url: apiPath('createInvitations', { id: c.wave.waveId }), body: { count: 3 } }),
  listInvitations: (c) => ({ url: apiPath('listInvitations', { id: c.wave.waveId }) }),
  importResponses: (c) => ({
    url: apiPath('importResponses', { id: c.wave.waveId }),
    body: { fileHash: 'a'.repeat(64), mapping: { Zustimmung: 'zustimmung' }, rows: [{ row: 2, cells: { Zustimmung: '4' } }] },
  }),
  interviewerWaves: () => ({ url: apiPath('interviewerWaves') }),
  exportResponsesCsv: (c) => ({ url: apiPath('exportResponsesCsv', { id: c.wave.waveId }) }),
  exportResponsesXlsx: (c) => ({ url: apiPath('exportResponsesXlsx', { id: c.wave.waveId }) }),
  exportResponsesSav: (c) => ({ url: apiPath('exportResponsesSav', { id: c.wave.waveId }) }),
  waveCodebook: (c) => ({ url: apiPath('waveCodebook', { id: c.wave.waveId }) }),
  waveResults: (c) => ({ url: apiPath('waveResults', { id: c.wave.waveId }) }),
  getWaveMargins: (c) => ({ url: apiPath('getWaveMargins', { id: c.wave.waveId }) }),
  setWaveMargins: async (c) => {
    const w = await createSmallWave(c.t, {}, shippedQuestionnaire());
    return {
      url: apiPath('setWaveMargins', { id: w.waveId }),
      body: { title: 'Zensus', source: 'Landesamt', licence: 'dl-de/by-2-0', margins: { sex: { '1': 49, '2': 51 } } },
    };
  },
  publishResults: (c) => ({ url: apiPath('publishResults', { id: c.wave.waveId }), body: { published: true } }),
  publicResults: async (c) => {
    const w = await createSmallWave(c.t);
    await c.t.app.services.results.publish(await c.t.actor('staff'), w.waveId, true);
    return { url: apiPath('publicResults', { code: w.code }) };
  },
};

const DENIAL_CODE = { 401: 'auth.required', 403: 'auth.forbidden', 404: 'organisation.not_found' } as const;

/** What the route's access level promises each caller. */
function expected(name: ApiName, caller: Caller): 'allowed' | 401 | 403 | 404 {
  const access = API[name].access;
  if (access === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (access === 'user') return 'allowed';
  if (access === 'admin') return caller === 'admin' ? 'allowed' : 403;
  if (access === 'staff') return ['admin', 'ihkStaff', 'amzStaff'].includes(caller) ? 'allowed' : 403;
  if (access === 'team') return ['admin', 'ihkStaff', 'ihkAnalyst', 'amzStaff'].includes(caller) ? 'allowed' : 403;
  // org-member, for IHK Chemnitz: its staff and analysts, and admins; nobody else learns it exists.
  return ['admin', 'ihkStaff', 'ihkAnalyst'].includes(caller) ? 'allowed' : 404;
}

describe('authorisation matrix', () => {
  const t = useTestApp();
  let ctx: Ctx;
  beforeAll(async () => {
    const ihk = await t.orgId('ihk-chemnitz');
    ctx = {
      t,
      ihk,
      wave: await (async () => {
        const w = await createSmallWave(t, { channels: ['online', 'interviewer', 'kiosk', 'import'] });
        const row = await t.database.db.selectFrom('wave').select('study_id').where('id', '=', w.waveId).executeTakeFirstOrThrow();
        return { ...w, studyId: row.study_id };
      })(),
      freshWave: async () => {
        const w = await createSmallWave(t);
        return { id: w.waveId, version: 1, versionId: w.versionId };
      },
      event: await (async () => {
        const staff = await t.actor('staff');
        const e = await t.app.services.events.createEvent(staff, {
          ...EVENT_BODY,
          slug: `matrix-${rnd()}`,
          organisers: ['cwe'],
          fieldsOfAction: [],
        });
        const s = await t.app.services.events.createSession(staff, e.id, { ...SESSION_BODY, moderators: [], speakers: [] });
        return { id: e.id, slug: e.slug, sessionId: s.session.id };
      })(),
      freshEvent: async () => {
        const e = await t.app.services.events.createEvent(await t.actor('staff'), {
          ...EVENT_BODY,
          slug: `frisch-${rnd()}`,
          organisers: ['cwe'],
          fieldsOfAction: [],
        });
        return { id: e.id, version: e.version };
      },
      freshSession: async () => {
        const s = await t.app.services.events.createSession(await t.actor('staff'), ctx.event.id, {
          ...SESSION_BODY,
          moderators: [],
          speakers: [],
        });
        return { id: s.session.id, version: s.session.version };
      },
      lastFreshUserId: '',
      freshUser: async () => {
        const u = await t.app.services.users.create(
          null,
          {
            email: `wegwerf-${Math.random().toString(36).slice(2, 10)}@test.itas.example`,
            displayName: 'Wegwerf',
            role: 'staff',
            organisationId: ihk,
            password: FRESH_PASSWORD,
          },
          { trusted: true },
        );
        ctx.lastFreshUserId = u.id;
        return { id: u.id, version: u.version, email: u.email };
      },
    };
  });

  /** A new client per case: routes like logout end the caller's session. */
  async function clientFor(caller: Caller): Promise<TestClient> {
    switch (caller) {
      case 'anonymous':
        return t.client().init();
      case 'admin':
        return (await t.signIn({ role: 'admin', org: 'cwe' })).client;
      case 'ihkStaff':
        return (await t.signIn({ role: 'staff', org: 'ihk-chemnitz' })).client;
      case 'ihkAnalyst':
        return (await t.signIn({ role: 'analyst', org: 'ihk-chemnitz' })).client;
      case 'amzCompany':
        return (await t.signIn({ role: 'company', org: 'amz' })).client;
      case 'amzStaff':
        return (await t.signIn({ role: 'staff', org: 'amz' })).client;
    }
  }

  const cases = (Object.keys(API) as ApiName[]).flatMap((name) => CALLERS.map((caller) => [name, caller] as const));

  const ihkDescription = async () =>
    (await t.database.db.selectFrom('organisation').select(['description']).where('id', '=', ctx.ihk).executeTakeFirstOrThrow())
      .description;

  it.each(cases)('%s as %s', async (name, caller) => {
    const client = await clientFor(caller);
    const req = await REQUESTS[name](ctx);
    const descriptionBefore = await ihkDescription();
    const photosBefore = (
      await t.database.db.selectFrom('session_result_photo').select('id').where('session_id', '=', ctx.event.sessionId).execute()
    ).length;
    const res = await client.request(
      API[name].method,
      req.url,
      req.body,
      req.raw ? { raw: req.raw.bytes, headers: { 'content-type': req.raw.type } } : {},
    );
    const want = expected(name, caller);
    if (want === 'allowed') {
      expect([401, 403], `${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (['admin', 'staff', 'team'].includes(API[name].access)) expect(res.statusCode, res.body).toBeLessThan(300);
      if (API[name].access === 'org-member') expect(res.statusCode, res.body).toBe(200);
    } else {
      expect(res.statusCode, res.body).toBe(want);
      // The refusal comes from the authorisation check, not from something else (a CSRF 403 would fit the status too).
      expect(res.json().error.code).toBe(DENIAL_CODE[want]);
      // …and it happens before anything changes.
      if (name === 'deleteUser' || name === 'updateUser') {
        const row = await t.database.db
          .selectFrom('app_user')
          .select(['display_name'])
          .where('id', '=', ctx.lastFreshUserId)
          .executeTakeFirst();
        expect(row, 'the user survives a refused call').toBeDefined();
        expect(row?.display_name).toBe('Wegwerf');
      }
      if (name === 'createOrganisation') {
        const slug = (req.body as { slug: string }).slug;
        expect(await t.app.services.organisations.bySlug(slug), 'no organisation created').toBeFalsy();
      }
      if (name === 'createUser') {
        const email = (req.body as { email: string }).email;
        const row = await t.database.db.selectFrom('app_user').select(['id']).where('email', '=', email).executeTakeFirst();
        expect(row, 'no user created').toBeUndefined();
      }
      if (name === 'createEvent') {
        const slug = (req.body as { slug: string }).slug;
        const row = await t.database.db.selectFrom('event').select(['id']).where('slug', '=', slug).executeTakeFirst();
        expect(row, 'no event created').toBeUndefined();
      }
      if (name === 'deleteSession') {
        const id = req.url.split('/').at(-1)!;
        const row = await t.database.db.selectFrom('event_session').select(['id']).where('id', '=', id).executeTakeFirst();
        expect(row, 'the session survives a refused call').toBeDefined();
      }
      if (name === 'uploadSessionPhoto') {
        const rows = await t.database.db
          .selectFrom('session_result_photo')
          .select('id')
          .where('session_id', '=', ctx.event.sessionId)
          .execute();
        expect(rows.length, 'no photo stored by a refused call').toBe(photosBefore);
      }
      if (name === 'deleteSessionResults' || name === 'deleteForumNote') {
        const id = name === 'deleteForumNote' ? req.url.split('/').at(-1)! : req.url.split('/').at(-2)!;
        const row =
          name === 'deleteForumNote'
            ? await t.database.db.selectFrom('forum_note').select('id').where('id', '=', id).executeTakeFirst()
            : await t.database.db.selectFrom('session_result').select('session_id').where('session_id', '=', id).executeTakeFirst();
        expect(row, 'the record survives a refused call').toBeDefined();
      }
      if (name === 'updateEventCapacity') {
        const id = req.url.split('/').at(-2)!;
        const row = await t.database.db.selectFrom('event').select(['capacity']).where('id', '=', id).executeTakeFirstOrThrow();
        expect(row.capacity, 'the capacity is unchanged').toBeNull();
      }
      if (name === 'updateOrganisation') expect(await ihkDescription(), 'the organisation is unchanged').toBe(descriptionBefore);
      if (name === 'checkInTicket' || name === 'syncCheckins') {
        const body = req.body as { id?: string; items?: { id: string }[] };
        const scanId = body.id ?? body.items![0]!.id;
        const row = await t.database.db.selectFrom('checkin').select(['id']).where('id', '=', scanId).executeTakeFirst();
        expect(row, 'no check-in stored').toBeUndefined();
      }
    }
  });

  it('registers every route of the table and documents exactly these in the OpenAPI document', async () => {
    for (const def of Object.values(API)) expect(t.app.hasRoute({ method: def.method, url: def.path }), def.path).toBe(true);
    const doc = (await t.client().get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    const table = Object.values(API).map((d) => `${d.method} ${d.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(table.sort());
  });

  it('registers no /api route outside the table but the API description itself', () => {
    // The router's own listing also shows routes hidden from the OpenAPI document.
    const registered = registeredRoutes(t.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'HEAD')
      .filter((r) => !['/api/openapi.json', '/api/docs', '/api/docs*'].includes(r.path) && !r.path.startsWith('/api/docs/'))
      .map((r) => `${r.method} ${anyParam(r.path)}`);
    const table = Object.values(API).map((d) => `${d.method} ${anyParam(d.path)}`);
    expect(registered.sort()).toEqual(table.sort());
  });
});

/**
 * Parameter names do not identify a route, and the router's listing merges the names that
 * different methods give the same segment (`GET /api/events/:slug`, `PUT /api/events/:id` print
 * as `:slug|:id`); the names themselves are checked by `hasRoute` and the OpenAPI test above.
 */
const anyParam = (path: string) => path.replace(/:[A-Za-z|:]+/g, ':');

/** Reads Fastify's route tree (`printRoutes({ commonPrefix: false })`) into method + full path. */
function registeredRoutes(tree: string): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth > 0 ? prefixes[depth - 1]! : '') + m[2]!;
    prefixes[depth] = path;
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, path });
  }
  return routes;
}
