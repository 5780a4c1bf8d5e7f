/**
 * The HTTP API in one table: method, path, who may call it. The server registers exactly these
 * routes (a test checks it), the authorisation matrix test walks them, and the web client
 * reads paths from here.
 *
 * Access: `public` anyone; `user` any signed-in user; `admin` role admin;
 * `org-member` admin, or staff/analyst of the organisation in the path;
 * `staff` admin or staff of a partner (manage studies, interview, import);
 * `team` admin, staff or analyst (read study figures and open answers).
 */
export type Access = 'public' | 'user' | 'admin' | 'org-member' | 'staff' | 'team';

export const API = {
  meta: { method: 'GET', path: '/api/meta', access: 'public' },
  me: { method: 'GET', path: '/api/auth/me', access: 'public' },
  login: { method: 'POST', path: '/api/auth/login', access: 'public' },
  logout: { method: 'POST', path: '/api/auth/logout', access: 'public' },
  resetRequest: { method: 'POST', path: '/api/auth/password-reset', access: 'public' },
  resetConfirm: { method: 'POST', path: '/api/auth/password-reset/confirm', access: 'public' },

  changePassword: { method: 'POST', path: '/api/account/password', access: 'user' },
  listSessions: { method: 'GET', path: '/api/account/sessions', access: 'user' },
  revokeSession: { method: 'DELETE', path: '/api/account/sessions/:id', access: 'user' },
  logoutEverywhere: { method: 'POST', path: '/api/account/logout-everywhere', access: 'user' },

  listOrganisations: { method: 'GET', path: '/api/organisations', access: 'public' },
  createOrganisation: { method: 'POST', path: '/api/organisations', access: 'admin' },
  updateOrganisation: { method: 'PATCH', path: '/api/organisations/:id', access: 'admin' },
  listMembers: { method: 'GET', path: '/api/organisations/:id/members', access: 'org-member' },

  listUsers: { method: 'GET', path: '/api/users', access: 'admin' },
  createUser: { method: 'POST', path: '/api/users', access: 'admin' },
  getUser: { method: 'GET', path: '/api/users/:id', access: 'admin' },
  updateUser: { method: 'PATCH', path: '/api/users/:id', access: 'admin' },
  deleteUser: { method: 'DELETE', path: '/api/users/:id', access: 'admin' },
  endUserSessions: { method: 'POST', path: '/api/users/:id/end-sessions', access: 'admin' },

  publicWave: { method: 'GET', path: '/api/study/waves/:code', access: 'public' },
  submitResponses: { method: 'POST', path: '/api/study/waves/:code/responses', access: 'public' },
  checkInvitation: { method: 'GET', path: '/api/study/waves/:code/invitations/:invite', access: 'public' },
  recordProgress: { method: 'POST', path: '/api/study/waves/:code/progress', access: 'public' },
  waveQrCode: { method: 'GET', path: '/api/study/waves/:code/qr', access: 'public' },

  listStudies: { method: 'GET', path: '/api/studies', access: 'team' },
  createStudy: { method: 'POST', path: '/api/studies', access: 'staff' },
  checkDefinition: { method: 'POST', path: '/api/questionnaires/check', access: 'staff' },
  getStudy: { method: 'GET', path: '/api/studies/:id', access: 'team' },
  addVersion: { method: 'POST', path: '/api/studies/:id/versions', access: 'staff' },
  getVersion: { method: 'GET', path: '/api/studies/:id/versions/:versionId', access: 'team' },
  updateVersion: { method: 'PUT', path: '/api/studies/:id/versions/:versionId', access: 'staff' },
  createWave: { method: 'POST', path: '/api/studies/:id/waves', access: 'staff' },
  getWave: { method: 'GET', path: '/api/waves/:id', access: 'team' },
  updateWave: { method: 'PUT', path: '/api/waves/:id', access: 'staff' },
  publishWave: { method: 'POST', path: '/api/waves/:id/publish', access: 'staff' },
  closeWave: { method: 'POST', path: '/api/waves/:id/close', access: 'staff' },
  waveOverview: { method: 'GET', path: '/api/waves/:id/overview', access: 'team' },
  openAnswers: { method: 'GET', path: '/api/waves/:id/open-answers', access: 'team' },
  createInvitations: { method: 'POST', path: '/api/waves/:id/invitations', access: 'staff' },
  listInvitations: { method: 'GET', path: '/api/waves/:id/invitations', access: 'staff' },
  importResponses: { method: 'POST', path: '/api/waves/:id/import', access: 'staff' },
  exportResponsesCsv: { method: 'GET', path: '/api/waves/:id/responses.csv', access: 'team' },
  exportResponsesXlsx: { method: 'GET', path: '/api/waves/:id/responses.xlsx', access: 'team' },
  exportResponsesSav: { method: 'GET', path: '/api/waves/:id/responses.sav', access: 'team' },
  waveCodebook: { method: 'GET', path: '/api/waves/:id/codebook', access: 'team' },
  interviewerWaves: { method: 'GET', path: '/api/interviewer/waves', access: 'staff' },

  waveResults: { method: 'GET', path: '/api/waves/:id/results', access: 'team' },
  getWaveMargins: { method: 'GET', path: '/api/waves/:id/margins', access: 'team' },
  setWaveMargins: { method: 'PUT', path: '/api/waves/:id/margins', access: 'staff' },
  publishResults: { method: 'PUT', path: '/api/waves/:id/results/published', access: 'staff' },
  publicResults: { method: 'GET', path: '/api/study/waves/:code/results', access: 'public' },

  listEvents: { method: 'GET', path: '/api/events', access: 'public' },
  getEvent: { method: 'GET', path: '/api/events/:slug', access: 'public' },
  eventCalendar: { method: 'GET', path: '/api/events/:slug/calendar.ics', access: 'public' },
  sessionCalendar: { method: 'GET', path: '/api/events/:slug/sessions/:sessionId/calendar.ics', access: 'public' },
  eventSchedule: { method: 'GET', path: '/api/events/:slug/schedule.json', access: 'public' },
  createEvent: { method: 'POST', path: '/api/events', access: 'staff' },
  updateEvent: { method: 'PUT', path: '/api/events/:id', access: 'staff' },
  createSession: { method: 'POST', path: '/api/events/:id/sessions', access: 'staff' },
  updateSession: { method: 'PUT', path: '/api/events/:id/sessions/:sessionId', access: 'staff' },
  deleteSession: { method: 'DELETE', path: '/api/events/:id/sessions/:sessionId', access: 'staff' },
  listPeople: { method: 'GET', path: '/api/people', access: 'staff' },
  createPerson: { method: 'POST', path: '/api/people', access: 'staff' },

  registrationInfo: { method: 'GET', path: '/api/events/:slug/registration', access: 'public' },
  register: { method: 'POST', path: '/api/events/:slug/registrations', access: 'public' },
  confirmRegistration: { method: 'POST', path: '/api/registrations/confirm', access: 'public' },
  getRegistration: { method: 'POST', path: '/api/registrations/self', access: 'public' },
  changeRegistration: { method: 'POST', path: '/api/registrations/self/workshops', access: 'public' },
  cancelRegistration: { method: 'POST', path: '/api/registrations/self/cancel', access: 'public' },
  acceptOffer: { method: 'POST', path: '/api/registrations/self/accept', access: 'public' },
  listRegistrations: { method: 'GET', path: '/api/events/:id/registrations', access: 'staff' },
  exportRegistrations: { method: 'GET', path: '/api/events/:id/registrations.csv', access: 'staff' },
  exportRegistrationsXlsx: { method: 'GET', path: '/api/events/:id/registrations.xlsx', access: 'staff' },
  updateEventCapacity: { method: 'PUT', path: '/api/events/:id/capacity', access: 'staff' },
  checkinList: { method: 'GET', path: '/api/events/:id/checkin', access: 'staff' },
  syncCheckins: { method: 'POST', path: '/api/events/:id/checkins', access: 'staff' },
  checkInTicket: { method: 'POST', path: '/api/events/:id/checkins/ticket', access: 'staff' },
  badgesPdf: { method: 'GET', path: '/api/events/:id/badges.pdf', access: 'staff' },

  eventResults: { method: 'GET', path: '/api/events/:slug/results', access: 'public' },
  sessionPhoto: { method: 'GET', path: '/api/session-photos/:id/:hash', access: 'public' },
  getSessionResults: { method: 'GET', path: '/api/events/:id/sessions/:sessionId/results', access: 'staff' },
  saveSessionResults: { method: 'PUT', path: '/api/events/:id/sessions/:sessionId/results', access: 'staff' },
  deleteSessionResults: { method: 'DELETE', path: '/api/events/:id/sessions/:sessionId/results', access: 'staff' },
  publishSessionResults: { method: 'POST', path: '/api/events/:id/sessions/:sessionId/results/publish', access: 'staff' },
  unpublishSessionResults: { method: 'POST', path: '/api/events/:id/sessions/:sessionId/results/unpublish', access: 'staff' },
  uploadSessionPhoto: { method: 'POST', path: '/api/events/:id/sessions/:sessionId/results/photos', access: 'staff' },
  updateSessionPhoto: { method: 'PUT', path: '/api/events/:id/sessions/:sessionId/results/photos/:photoId', access: 'staff' },
  deleteSessionPhoto: { method: 'DELETE', path: '/api/events/:id/sessions/:sessionId/results/photos/:photoId', access: 'staff' },
  forumOverview: { method: 'GET', path: '/api/events/:id/forum-notes', access: 'team' },
  exportForumNotes: { method: 'GET', path: '/api/events/:id/forum-notes.csv', access: 'team' },
  createForumNote: { method: 'POST', path: '/api/events/:id/forum-notes', access: 'staff' },
  updateForumNote: { method: 'PUT', path: '/api/events/:id/forum-notes/:noteId', access: 'staff' },
  deleteForumNote: { method: 'DELETE', path: '/api/events/:id/forum-notes/:noteId', access: 'staff' },

  enableLive: { method: 'PUT', path: '/api/sessions/:id/live', access: 'staff' },
  adminLiveRoom: { method: 'GET', path: '/api/sessions/:id/live', access: 'staff' },
  adminLiveStream: { method: 'GET', path: '/api/sessions/:id/live/stream', access: 'staff' },
  exportLiveResults: { method: 'GET', path: '/api/sessions/:id/live/results.csv', access: 'staff' },
  createLiveQuestion: { method: 'POST', path: '/api/sessions/:id/live/questions', access: 'staff' },
  updateLiveQuestion: { method: 'PUT', path: '/api/live-questions/:id', access: 'staff' },
  deleteLiveQuestion: { method: 'DELETE', path: '/api/live-questions/:id', access: 'staff' },
  setLiveQuestionStatus: { method: 'PUT', path: '/api/live-questions/:id/status', access: 'staff' },
  moderateAudienceQuestion: { method: 'PUT', path: '/api/audience-questions/:id/status', access: 'staff' },
  liveDevice: { method: 'POST', path: '/api/live/:code/device', access: 'public' },
  liveRoom: { method: 'GET', path: '/api/live/:code', access: 'public' },
  liveStream: { method: 'GET', path: '/api/live/:code/stream', access: 'public' },
  liveVote: { method: 'POST', path: '/api/live/:code/questions/:questionId/votes', access: 'public' },
  liveAsk: { method: 'POST', path: '/api/live/:code/audience-questions', access: 'public' },
  liveUpvote: { method: 'POST', path: '/api/live/:code/audience-questions/:questionId/upvotes', access: 'public' },

  listOutbox: { method: 'GET', path: '/api/admin/outbox', access: 'admin' },
  outboxAttachment: { method: 'GET', path: '/api/admin/outbox/:id/attachments/:index', access: 'admin' },
  listAudit: { method: 'GET', path: '/api/admin/audit', access: 'admin' },
} as const satisfies Record<string, { method: string; path: string; access: Access }>;

export type ApiName = keyof typeof API;

/** Fills `:param` segments. */
export function apiPath(name: ApiName, params: Record<string, string> = {}): string {
  return API[name].path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
}
