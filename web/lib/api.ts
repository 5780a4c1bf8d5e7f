import { z } from 'zod';
import {
  MeSchema,
  OrganisationSchema,
  SessionInfoSchema,
  UserSchema,
  type ChangePasswordSchema,
  type LoginSchema,
  type Me,
  type OrganisationInputSchema,
  type ResetConfirmSchema,
  type ResetRequestSchema,
  type UserCreateSchema,
  type UserUpdateSchema,
} from '../../contracts/accounts.ts';
import { AuditPageSchema, EndedSessionsSchema, MetaSchema, OutboxPageSchema, type AuditAction } from '../../contracts/admin.ts';
import { CheckinBatchResultSchema, CheckinListSchema, type CheckinBatch } from '../../contracts/checkin.ts';
import { API, apiPath, type ApiName } from '../../contracts/api.ts';
import { ErrorBodySchema, OkSchema, type Role } from '../../contracts/common.ts';
import {
  EventListSchema,
  EventSchema,
  PersonListSchema,
  PersonSchema,
  ProgrammeSchema,
  SessionResultSchema,
  type CreateEventBody,
  type CreatePersonBody,
  type CreateSessionBody,
  type EventListQuery,
  type UpdateEventBody,
  type UpdateSessionBody,
} from '../../contracts/events.ts';
import {
  RegisterResultSchema,
  RegistrationInfoSchema,
  RegistrationListSchema,
  RegistrationViewSchema,
  type RegisterBodySchema,
  type UpdateCapacityBody,
} from '../../contracts/registration.ts';
import { PublicWaveSchema, SubmitResultSchema, type SubmitBatch } from '../../contracts/study.ts';
import {
  AdminLiveRoomSchema,
  LiveAskResultSchema,
  LiveDeviceResultSchema,
  LiveUpvoteResultSchema,
  LiveVoteResultSchema,
  PublicLiveRoomSchema,
  type AudienceQuestionStatus,
  type EnableLiveBody,
  type LiveAnswer,
  type LiveQuestionBody,
  type LiveQuestionStatusBody,
  type UpdateLiveQuestionBody,
} from '../../contracts/live.ts';
import { WaveMarginsSchema, WaveResultsSchema, type MarginsBody, type ResultsQuery } from '../../contracts/results.ts';
import {
  CheckDefinitionResultSchema,
  ImportResultSchema,
  InterviewerWavesSchema,
  InvitationCheckSchema,
  InvitationListSchema,
  OpenAnswersSchema,
  StudyDetailSchema,
  StudyListSchema,
  VersionDetailSchema,
  WaveInStudySchema,
  WaveOverviewSchema,
  WaveSchema,
  type CreateStudyBody,
  type CreateWaveBody,
  type ImportBody,
  type UpdateWaveBody,
} from '../../contracts/study-admin.ts';
import i18n, { currentLanguage } from '../i18n.ts';

export interface FieldError {
  path: string;
  message: string;
}

/** Everything that can go wrong with a request, in one shape the pages can show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** Seconds to wait, from the Retry-After header (429, 503). */
  readonly retryAfter: number | null;

  constructor(init: { status: number; code: string; message: string; fields?: FieldError[]; retryAfter?: number | null }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.retryAfter = init.retryAfter ?? null;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** A readable message for anything a request may throw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return i18n.t('errors.unknown');
}

// --- session token and listeners ---------------------------------------------------------

let csrfToken: string | null = null;
const meListeners = new Set<(me: Me) => void>();
let pendingMe: Promise<Me> | null = null;

/** Called with every fresh `Me` (from /me, login, logout, logout everywhere). */
export function subscribeMe(listener: (me: Me) => void): () => void {
  meListeners.add(listener);
  return () => {
    meListeners.delete(listener);
  };
}

function acceptMe(me: Me): Me {
  csrfToken = me.csrfToken;
  for (const listener of meListeners) listener(me);
  return me;
}

/** The session's CSRF token, for the few requests sent without `call` (an upload with progress). */
export async function csrfTokenForUpload(): Promise<string> {
  if (csrfToken === null) await refreshMe();
  return csrfToken ?? '';
}

/** Asks the server who is signed in; concurrent callers share one request. */
export function refreshMe(): Promise<Me> {
  pendingMe ??= call('me', { schema: MeSchema })
    .then(acceptMe)
    .finally(() => {
      pendingMe = null;
    });
  return pendingMe;
}

// --- the request itself -----------------------------------------------------------------------

type Query = Record<string, string | number | undefined>;

interface CallOptions<T> {
  schema: z.ZodType<T>;
  params?: Record<string, string>;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** No session, no cookie, no CSRF token: a respondent's anonymous request. */
  anonymous?: boolean;
  /** Non-2xx statuses whose body follows `schema` (per-item results of a submission). */
  resultStatuses?: number[];
}

function buildUrl(name: ApiName, params: Record<string, string> | undefined, query: Query | undefined): string {
  const path = apiPath(name, params);
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function retryAfterSeconds(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = ErrorBodySchema.safeParse(await readJson(response));
  const retryAfter = retryAfterSeconds(response);
  if (body.success) {
    const { code, message, fields } = body.data.error;
    return new ApiError({ status: response.status, code, message, fields: fields ?? [], retryAfter });
  }
  const code = response.status === 429 ? 'rate_limited' : 'http.' + response.status;
  const message =
    response.status === 429
      ? i18n.t('errors.rateLimited', { count: retryAfter ?? 60 })
      : response.status >= 500
        ? i18n.t('errors.server')
        : i18n.t('errors.unknown');
  return new ApiError({ status: response.status, code, message, retryAfter });
}

/** One JSON request of the API table, parsed with its contract; features with their own endpoint modules use it too. */
export async function call<T>(name: ApiName, options: CallOptions<T>, isRetry = false): Promise<T> {
  const { method } = API[name];
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLanguage(),
  };
  if (method !== 'GET' && !options.anonymous) {
    if (csrfToken === null) await refreshMe();
    headers['x-csrf-token'] = csrfToken ?? '';
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(name, options.params, options.query), {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: options.anonymous ? 'omit' : 'same-origin',
      cache: 'no-store',
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw new ApiError({ status: 0, code: 'network', message: i18n.t('errors.network') });
  }

  if (response.ok || options.resultStatuses?.includes(response.status)) {
    const parsed = options.schema.safeParse(await readJson(response));
    if (!parsed.success) {
      throw new ApiError({ status: response.status, code: 'response.invalid', message: i18n.t('errors.invalidResponse') });
    }
    return parsed.data;
  }

  const error = await toApiError(response);
  if (error.status === 403 && error.code === 'csrf.invalid' && !isRetry && name !== 'me') {
    // The token belongs to an older session (e.g. it expired meanwhile): fetch a fresh one, try once more.
    await refreshMe();
    return call(name, options, true);
  }
  if (error.status === 401 && error.code === 'auth.required' && name !== 'me') {
    // The session has ended: let the app know, so protected pages send the person to the login.
    refreshMe().catch(() => undefined);
  }
  throw error;
}

// --- the endpoints ------------------------------------------------------------------------

export type OutboxPage = z.infer<typeof OutboxPageSchema>;
export type RegisterInput = z.input<typeof RegisterBodySchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type OrganisationInput = z.input<typeof OrganisationInputSchema>;
export type UserCreateInput = z.input<typeof UserCreateSchema>;
export type UserUpdateInput = z.input<typeof UserUpdateSchema>;

export interface UserFilter {
  organisationId?: string | undefined;
  role?: Role | undefined;
  q?: string | undefined;
}

export interface PageQuery {
  limit: number;
  offset: number;
}

type Signal = { signal?: AbortSignal };

export const api = {
  meta: (o: Signal = {}) => call('meta', { schema: MetaSchema, ...o }),
  me: () => refreshMe(),
  login: (body: z.input<typeof LoginSchema>) => call('login', { schema: MeSchema, body }).then(acceptMe),
  logout: () => call('logout', { schema: MeSchema }).then(acceptMe),
  resetRequest: (body: z.input<typeof ResetRequestSchema>) => call('resetRequest', { schema: OkSchema, body }),
  resetConfirm: (body: z.input<typeof ResetConfirmSchema>) => call('resetConfirm', { schema: OkSchema, body }),

  changePassword: (body: z.input<typeof ChangePasswordSchema>) => call('changePassword', { schema: OkSchema, body }),
  listSessions: (o: Signal = {}) => call('listSessions', { schema: z.array(SessionInfoSchema), ...o }),
  revokeSession: (id: string) => call('revokeSession', { schema: OkSchema, params: { id } }),
  logoutEverywhere: () => call('logoutEverywhere', { schema: MeSchema }).then(acceptMe),

  listOrganisations: (o: Signal = {}) => call('listOrganisations', { schema: z.array(OrganisationSchema), ...o }),
  createOrganisation: (body: OrganisationInput) => call('createOrganisation', { schema: OrganisationSchema, body }),
  updateOrganisation: (id: string, body: Partial<OrganisationInput>) =>
    call('updateOrganisation', { schema: OrganisationSchema, params: { id }, body }),
  listMembers: (id: string, o: Signal = {}) => call('listMembers', { schema: z.array(UserSchema), params: { id }, ...o }),

  listUsers: (filter: UserFilter, o: Signal = {}) => call('listUsers', { schema: z.array(UserSchema), query: { ...filter }, ...o }),
  createUser: (body: UserCreateInput) => call('createUser', { schema: UserSchema, body }),
  getUser: (id: string, o: Signal = {}) => call('getUser', { schema: UserSchema, params: { id }, ...o }),
  updateUser: (id: string, body: UserUpdateInput) => call('updateUser', { schema: UserSchema, params: { id }, body }),
  deleteUser: (id: string) => call('deleteUser', { schema: OkSchema, params: { id } }),
  endUserSessions: (id: string) => call('endUserSessions', { schema: EndedSessionsSchema, params: { id } }),

  publicWave: (code: string, o: Signal = {}) => call('publicWave', { schema: PublicWaveSchema, params: { code }, anonymous: true, ...o }),
  submitResponses: (code: string, body: SubmitBatch, anonymous = true) =>
    call('submitResponses', { schema: SubmitResultSchema, params: { code }, body, anonymous, resultStatuses: [409, 422] }),
  checkInvitation: (code: string, invite: string, o: Signal = {}) =>
    call('checkInvitation', { schema: InvitationCheckSchema, params: { code, invite }, anonymous: true, ...o }),
  /** Counts that someone reached a page (drop-off figures); nothing identifies the respondent. */
  recordProgress: (code: string, body: { channel: 'online' | 'kiosk'; page: number }) =>
    call('recordProgress', { schema: OkSchema, params: { code }, body, anonymous: true }),

  listStudies: (o: Signal = {}) => call('listStudies', { schema: StudyListSchema, ...o }),
  createStudy: (body: CreateStudyBody) => call('createStudy', { schema: StudyDetailSchema, body }),
  checkDefinition: (definition: Record<string, unknown>) =>
    call('checkDefinition', { schema: CheckDefinitionResultSchema, body: { definition } }),
  getStudy: (id: string, o: Signal = {}) => call('getStudy', { schema: StudyDetailSchema, params: { id }, ...o }),
  addVersion: (id: string, definition: Record<string, unknown>) =>
    call('addVersion', { schema: VersionDetailSchema, params: { id }, body: { definition } }),
  getVersion: (id: string, versionId: string, o: Signal = {}) =>
    call('getVersion', { schema: VersionDetailSchema, params: { id, versionId }, ...o }),
  updateVersion: (id: string, versionId: string, definition: Record<string, unknown>) =>
    call('updateVersion', { schema: VersionDetailSchema, params: { id, versionId }, body: { definition } }),
  createWave: (id: string, body: CreateWaveBody) => call('createWave', { schema: WaveSchema, params: { id }, body }),
  getWave: (id: string, o: Signal = {}) => call('getWave', { schema: WaveInStudySchema, params: { id }, ...o }),
  updateWave: (id: string, body: UpdateWaveBody) => call('updateWave', { schema: WaveSchema, params: { id }, body }),
  publishWave: (id: string, version: number) => call('publishWave', { schema: WaveSchema, params: { id }, body: { version } }),
  closeWave: (id: string, version: number) => call('closeWave', { schema: WaveSchema, params: { id }, body: { version } }),
  waveOverview: (id: string, o: Signal = {}) => call('waveOverview', { schema: WaveOverviewSchema, params: { id }, ...o }),
  openAnswers: (id: string, query: { question?: string | undefined; offset: number; limit: number }, o: Signal = {}) =>
    call('openAnswers', { schema: OpenAnswersSchema, params: { id }, query: { ...query }, ...o }),
  createInvitations: (id: string, count: number) =>
    call('createInvitations', { schema: InvitationListSchema, params: { id }, body: { count } }),
  listInvitations: (id: string, o: Signal = {}) => call('listInvitations', { schema: InvitationListSchema, params: { id }, ...o }),
  importResponses: (id: string, body: ImportBody, o: Signal = {}) =>
    call('importResponses', { schema: ImportResultSchema, params: { id }, body, ...o }),
  waveResults: (id: string, query: ResultsQuery, o: Signal = {}) =>
    call('waveResults', { schema: WaveResultsSchema, params: { id }, query: { ...query }, ...o }),
  getWaveMargins: (id: string, o: Signal = {}) => call('getWaveMargins', { schema: WaveMarginsSchema, params: { id }, ...o }),
  setWaveMargins: (id: string, body: MarginsBody) => call('setWaveMargins', { schema: WaveMarginsSchema, params: { id }, body }),
  publishResults: (id: string, published: boolean) => call('publishResults', { schema: WaveSchema, params: { id }, body: { published } }),
  publicResults: (code: string, o: Signal = {}) => call('publicResults', { schema: WaveResultsSchema, params: { code }, ...o }),
  interviewerWaves: (o: Signal = {}) => call('interviewerWaves', { schema: InterviewerWavesSchema, ...o }),

  listEvents: (query: EventListQuery, o: Signal = {}) => call('listEvents', { schema: EventListSchema, query: { ...query }, ...o }),
  getEvent: (slug: string, o: Signal = {}) => call('getEvent', { schema: ProgrammeSchema, params: { slug }, ...o }),
  createEvent: (body: CreateEventBody) => call('createEvent', { schema: EventSchema, body }),
  updateEvent: (id: string, body: UpdateEventBody) => call('updateEvent', { schema: EventSchema, params: { id }, body }),
  createSession: (id: string, body: CreateSessionBody) => call('createSession', { schema: SessionResultSchema, params: { id }, body }),
  updateSession: (id: string, sessionId: string, body: UpdateSessionBody) =>
    call('updateSession', { schema: SessionResultSchema, params: { id, sessionId }, body }),
  deleteSession: (id: string, sessionId: string) => call('deleteSession', { schema: OkSchema, params: { id, sessionId } }),
  listPeople: (q: string | undefined, o: Signal = {}) => call('listPeople', { schema: PersonListSchema, query: { q }, ...o }),
  createPerson: (body: CreatePersonBody) => call('createPerson', { schema: PersonSchema, body }),

  // Registration: the link tokens travel in request bodies only, never in paths or query strings.
  registrationInfo: (slug: string, o: Signal = {}) => call('registrationInfo', { schema: RegistrationInfoSchema, params: { slug }, ...o }),
  register: (slug: string, body: RegisterInput) => call('register', { schema: RegisterResultSchema, params: { slug }, body }),
  confirmRegistration: (token: string) => call('confirmRegistration', { schema: RegistrationViewSchema, body: { token } }),
  getRegistration: (token: string, o: Signal = {}) => call('getRegistration', { schema: RegistrationViewSchema, body: { token }, ...o }),
  changeRegistration: (token: string, workshopSessionIds: string[]) =>
    call('changeRegistration', { schema: RegistrationViewSchema, body: { token, workshopSessionIds } }),
  cancelRegistration: (token: string) => call('cancelRegistration', { schema: RegistrationViewSchema, body: { token } }),
  acceptOffer: (token: string, sessionId?: string) =>
    call('acceptOffer', { schema: RegistrationViewSchema, body: sessionId ? { token, sessionId } : { token } }),
  listRegistrations: (id: string, o: Signal = {}) => call('listRegistrations', { schema: RegistrationListSchema, params: { id }, ...o }),
  checkinList: (id: string, o: Signal = {}) => call('checkinList', { schema: CheckinListSchema, params: { id }, ...o }),
  syncCheckins: (id: string, body: CheckinBatch) => call('syncCheckins', { schema: CheckinBatchResultSchema, params: { id }, body }),
  // The page reloads the list afterwards, so the answer's shape does not matter here.
  updateEventCapacity: (id: string, body: UpdateCapacityBody) => call('updateEventCapacity', { schema: z.unknown(), params: { id }, body }),

  // Live polls: staff manage a session's room; the audience votes anonymously with a device token (no cookie).
  // Staff changes answer with whatever the server finds useful: the pages read the room again (or get it from the stream).
  enableLive: (id: string, body: EnableLiveBody) => call('enableLive', { schema: z.unknown(), params: { id }, body }),
  adminLiveRoom: (id: string, o: Signal = {}) => call('adminLiveRoom', { schema: AdminLiveRoomSchema, params: { id }, ...o }),
  createLiveQuestion: (id: string, body: LiveQuestionBody) => call('createLiveQuestion', { schema: z.unknown(), params: { id }, body }),
  updateLiveQuestion: (id: string, body: UpdateLiveQuestionBody) =>
    call('updateLiveQuestion', { schema: z.unknown(), params: { id }, body }),
  deleteLiveQuestion: (id: string) => call('deleteLiveQuestion', { schema: z.unknown(), params: { id } }),
  setLiveQuestionStatus: (id: string, body: LiveQuestionStatusBody) =>
    call('setLiveQuestionStatus', { schema: z.unknown(), params: { id }, body }),
  moderateAudienceQuestion: (id: string, status: AudienceQuestionStatus) =>
    call('moderateAudienceQuestion', { schema: z.unknown(), params: { id }, body: { status } }),
  liveDevice: (code: string) => call('liveDevice', { schema: LiveDeviceResultSchema, params: { code }, anonymous: true }),
  liveRoom: (code: string, o: Signal = {}) => call('liveRoom', { schema: PublicLiveRoomSchema, params: { code }, anonymous: true, ...o }),
  liveVote: (code: string, questionId: string, deviceToken: string, answer: LiveAnswer) =>
    call('liveVote', { schema: LiveVoteResultSchema, params: { code, questionId }, body: { deviceToken, answer }, anonymous: true }),
  liveAsk: (code: string, deviceToken: string, text: string) =>
    call('liveAsk', { schema: LiveAskResultSchema, params: { code }, body: { deviceToken, text }, anonymous: true }),
  liveUpvote: (code: string, questionId: string, deviceToken: string) =>
    call('liveUpvote', { schema: LiveUpvoteResultSchema, params: { code, questionId }, body: { deviceToken }, anonymous: true }),

  listOutbox: (page: PageQuery, o: Signal = {}) => call('listOutbox', { schema: OutboxPageSchema, query: { ...page }, ...o }),
  listAudit: (query: PageQuery & { action?: AuditAction | undefined }, o: Signal = {}) =>
    call('listAudit', { schema: AuditPageSchema, query: { ...query }, ...o }),
};
