import type { Generated as _G } from 'kysely';

/**
 * Row types of every table. Conventions: ids are UUID text made in the app, timestamps are ISO
 * strings set in app code, flags are integers 0/1, JSON is text parsed in the repository.
 * This keeps rows identical on SQLite and PostgreSQL (and backups portable between them).
 */
export interface OrganisationTable {
  id: string;
  slug: string;
  name: string;
  short_name: string;
  description: string;
  is_lead: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface AppUserTable {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  status: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  password_changed_at: string | null;
  version: number;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a database leak does not hand out sessions. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  device: string;
}

export interface AuthTokenTable {
  id: string;
  user_id: string;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginThrottleTable {
  /** HMAC of the account e-mail or the client address: neither is stored in clear. */
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export interface AuditEventTable {
  id: string;
  at: string;
  action: string;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  details: string;
}

export interface MailOutboxTable {
  id: string;
  created_at: string;
  to_address: string;
  subject: string;
  text_body: string | null;
  status: string;
  sent_at: string | null;
  error: string | null;
  attempts: number;
  /** JSON [{filename, contentType, base64, cid}]; removed with `text_body` after delivery. */
  attachments: string | null;
}

export interface StudyTable {
  id: string;
  slug: string;
  title: string;
  description: string;
  organisation_id: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface QuestionnaireVersionTable {
  id: string;
  study_id: string;
  version: number;
  definition: string;
  definition_hash: string;
  created_at: string;
}

export interface WaveTable {
  id: string;
  study_id: string;
  code: string;
  name: string;
  status: string;
  opens_on: string;
  closes_on: string;
  channels: string;
  consent_de: string;
  consent_en: string;
  districts: string;
  version_id: string;
  created_at: string;
  updated_at: string;
  version: number;
  invitation_only: number;
  /** 1 when the aggregated results are public; defaults to 0 in the database. */
  results_published?: number;
}

/** A single-use invitation code of a panel wave; knows only whether it was used. */
export interface InvitationTable {
  code: string;
  wave_id: string;
  used: number;
  /** Order of creation, for printing lists in a stable order. */
  seq: number;
}

/** How many respondents reached a page: a bare counter, nothing per person. */
export interface PageReachTable {
  wave_id: string;
  channel: string;
  page: number;
  reached: number;
}

/** Population margins set by staff for raking a wave; without a row the shipped table applies. */
export interface WaveMarginsTable {
  wave_id: string;
  title: string;
  source: string;
  licence: string;
  /** JSON: variable name -> level code -> population total. */
  margins: string;
  updated_at: string;
}

/** One anonymous answer set. No IP, no user agent, no exact time, no session or user id. */
export interface ResponseTable {
  id: string;
  wave_id: string;
  version_id: string;
  channel: string;
  answers: string;
  content_hash: string;
  collected_on: string | null;
  received_on: string;
  paradata: string;
}

/** A second, different payload for an id already stored: kept for review, never overwriting. */
export interface ResponseConflictTable {
  id: string;
  response_id: string;
  wave_id: string;
  version_id: string;
  channel: string;
  answers: string;
  content_hash: string;
  received_on: string;
  paradata: string;
}

export interface EventSeriesTable {
  id: string;
  slug: string;
  title: string;
  description: string;
  is_demo: number;
  created_at: string;
}

/** An event; instants are UTC ISO strings, organisers and fields of action JSON arrays. */
export interface EventTable {
  id: string;
  slug: string;
  series_id: string | null;
  title: string;
  format: string;
  starts_at: string;
  ends_at: string;
  venue_name: string;
  venue_street: string;
  venue_postal_code: string;
  venue_city: string;
  organisers: string;
  fields_of_action: string;
  visibility: string;
  description: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
  version: number;
  /** Seats; null: no limit. */
  capacity: number | null;
  /** UTC instant; null: registration open until the event starts. */
  registration_closes_at: string | null;
  /** When the personal registration rows were deleted after the retention period (counts kept). */
  registrations_purged_at: string | null;
}

/** A speaker or moderator, reused across events. */
export interface PersonTable {
  id: string;
  name: string;
  role: string;
  organisation: string;
  is_demo: number;
  created_at: string;
}

/** One item of an event's programme (table name avoids the sign-in `session`). */
export interface EventSessionTable {
  id: string;
  event_id: string;
  type: string;
  title: string;
  abstract: string;
  starts_at: string;
  ends_at: string;
  room: string;
  track: string;
  created_at: string;
  updated_at: string;
  version: number;
  /** Seats of a workshop or panel; null: no limit. */
  capacity: number | null;
}

export interface EventSessionPersonTable {
  session_id: string;
  person_id: string;
  role: 'moderator' | 'speaker';
  position: number;
}

/** A person's registration for an event; tokens are SHA-256 hashes. */
export interface RegistrationTable {
  id: string;
  event_id: string;
  /** As typed (mails go here). */
  email: string;
  /** Trimmed, NFC, lower case: unique per event. */
  email_key: string;
  name: string;
  organisation: string;
  participant_type: string;
  accessibility_needs: string;
  /** JSON array of session ids chosen at registration (seats are allocated at confirmation). */
  requested_session_ids: string;
  status: 'pending' | 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'expired';
  /** When the person joined the queue (confirmation); null while pending. */
  queued_at: string | null;
  /** Queue order within the event, handed out under the event lock. */
  queue_seq: number | null;
  offer_expires_at: string | null;
  confirm_token_hash: string | null;
  self_token_hash: string | null;
  consent_at: string;
  created_at: string;
  updated_at: string;
  /** When the reminder before the event went into the outbox (once per registration). */
  reminder_sent_at: Generated<string | null>;
}

/** Counts kept after the personal registration rows are deleted: per event, or per session. */
export interface RegistrationTallyTable {
  id: string;
  event_id: string;
  /** null: the event seat; else the workshop session. */
  session_id: string | null;
  status: string;
  participant_type: string;
  count: number;
}

/** Fixed-window counter of registrations per client address or e-mail address (HMAC keys). */
export interface RegistrationThrottleTable {
  key: string;
  hits: number;
  window_started_at: string;
}

/** A workshop (or panel) a registered person chose, with its own seat status. */
export interface RegistrationWorkshopTable {
  registration_id: string;
  session_id: string;
  status: 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'expired';
  queued_at: string;
  /** Queue order within the session, handed out under the event lock. */
  queue_seq: number;
  offer_expires_at: string | null;
}

/** One scan at the door; `id` comes from the device, so uploads are idempotent. */
export interface CheckinTable {
  id: string;
  event_id: string;
  registration_id: string;
  /** The device's time of the scan (UTC ISO, untrusted). */
  checked_in_at: string;
  /** When the server stored it. */
  recorded_at: string;
  by_user_id: string | null;
  method: 'qr' | 'name';
  /** 1: the person had already been checked in (shown twice; not counted again). */
  duplicate: number;
}

/** What came out of a session; a draft until published. */
export interface SessionResultTable {
  session_id: string;
  text: string;
  published: number;
  published_at: string | null;
  is_demo: number;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

/** A photo of a session's results (e.g. a flip chart), bytes in the database. */
export interface SessionResultPhotoTable {
  id: string;
  session_id: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Buffer;
  size: number;
  /** Hex SHA-256 of the bytes: part of the image address. */
  sha256: string;
  width: number | null;
  height: number | null;
  alt: string;
  position: number;
  created_at: string;
  created_by: string | null;
}

/** An agreed next step of a session, with who takes care of it. */
export interface SessionNextStepTable {
  id: string;
  session_id: string;
  text: string;
  owner: string;
  due_date: string | null;
  status: 'offen' | 'in_arbeit' | 'erledigt';
  position: number;
}

/** A short note of a conversation at a Bürgerforum; topics a JSON array. No personal data. */
export interface ForumNoteTable {
  id: string;
  event_id: string;
  session_id: string | null;
  text: string;
  topics: string;
  district: string;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A session's live room (polls and audience Q&A), joined by a 6-digit code. */
export interface LiveRoomTable {
  session_id: string;
  code: string;
  qa_open: number;
  /** What the hall's screen shows: 'results' or 'questions' (default 'results'). */
  projector: string;
  /** Grows with every change the audience can see; the SSE id. */
  revision: number;
  created_at: string;
}

/** A poll question of a live room; options JSON [{id,label}], scale labels JSON {min,max}. */
export interface LiveQuestionTable {
  id: string;
  session_id: string;
  position: number;
  kind: 'single' | 'multiple' | 'scale' | 'words' | 'ranking';
  prompt: string;
  options: string;
  scale_labels: string | null;
  study_wave_id: string | null;
  study_question_name: string | null;
  status: 'draft' | 'open' | 'closed';
  opened_at: string | null;
  closed_at: string | null;
  /** JSON outcome of the last transfer into the linked study wave, or null. */
  study_transfer: string | null;
  version: number;
  created_at: string;
}

/** One vote of one device (SHA-256 of its token) on one question; answer JSON. */
export interface LiveVoteTable {
  question_id: string;
  device_hash: string;
  answer: string;
  created_at: string;
}

/** A question from the audience; waits for approval while pending. */
export interface AudienceQuestionTable {
  id: string;
  session_id: string;
  text: string;
  status: 'pending' | 'approved' | 'answered' | 'hidden';
  upvotes: number;
  device_hash: string;
  created_at: string;
}

export interface AudienceUpvoteTable {
  question_id: string;
  device_hash: string;
}

export interface Database {
  organisation: OrganisationTable;
  app_user: AppUserTable;
  session: SessionTable;
  auth_token: AuthTokenTable;
  login_throttle: LoginThrottleTable;
  audit_event: AuditEventTable;
  mail_outbox: MailOutboxTable;
  study: StudyTable;
  questionnaire_version: QuestionnaireVersionTable;
  wave: WaveTable;
  response: ResponseTable;
  response_conflict: ResponseConflictTable;
  invitation: InvitationTable;
  page_reach: PageReachTable;
  wave_margins: WaveMarginsTable;
  event_series: EventSeriesTable;
  event: EventTable;
  person: PersonTable;
  event_session: EventSessionTable;
  event_session_person: EventSessionPersonTable;
  registration: RegistrationTable;
  registration_workshop: RegistrationWorkshopTable;
  registration_tally: RegistrationTallyTable;
  registration_throttle: RegistrationThrottleTable;
  live_room: LiveRoomTable;
  live_question: LiveQuestionTable;
  live_vote: LiveVoteTable;
  audience_question: AudienceQuestionTable;
  audience_upvote: AudienceUpvoteTable;
  session_result: SessionResultTable;
  session_result_photo: SessionResultPhotoTable;
  session_next_step: SessionNextStepTable;
  forum_note: ForumNoteTable;
  checkin: CheckinTable;
}

/** Tables in an order where every foreign key points backwards: used by backup and restore. */
export const TABLES_IN_DEPENDENCY_ORDER = [
  'organisation',
  'app_user',
  'session',
  'auth_token',
  'login_throttle',
  'audit_event',
  'mail_outbox',
  'study',
  'questionnaire_version',
  'wave',
  'response',
  'response_conflict',
  'invitation',
  'page_reach',
  'wave_margins',
  'event_series',
  'event',
  'person',
  'event_session',
  'event_session_person',
  'registration',
  'registration_workshop',
  'registration_tally',
  'registration_throttle',
  'live_room',
  'live_question',
  'live_vote',
  'audience_question',
  'audience_upvote',
  'session_result',
  'session_result_photo',
  'session_next_step',
  'forum_note',
  'checkin',
] as const satisfies readonly (keyof Database)[];

export type Generated<T> = _G<T>;
