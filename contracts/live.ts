import { z } from 'zod';
import { textSchema } from './common.ts';

/**
 * Live polls and audience Q&A for a session of an event (what Mentimeter or Slido do).
 *
 * Staff switch a session's live room on (`enableLive`): it gets a 6-digit join code. The audience
 * opens `/live` (or scans the QR code for `/live/<code>`), gets an anonymous device token
 * (`liveDevice`: random part + server signature; stored in the browser, never linked to a person)
 * and votes with it: one vote per device and question. Everybody in a hall shares one IP address,
 * so the device token — not the IP — is what limits votes.
 *
 * The moderator prepares questions (single choice, multiple choice, 1–5 scale, short words shown
 * as a word cloud, ranking), opens and closes them (at most one question is open per room: opening
 * one closes the other) and moderates audience questions (new ones wait for approval). The
 * projector view and the moderator page read the staff stream (results included, updated at most
 * a few times per second); phones read the audience stream, which changes only when a question
 * opens or closes or the Q&A list changes — never per vote.
 *
 * A question may be linked to a question of a study wave with the `live` channel: when it closes,
 * its votes are stored in that wave as responses of the channel `live` (one per vote, idempotent).
 */

export const LIVE_QUESTION_KINDS = ['single', 'multiple', 'scale', 'words', 'ranking'] as const;
export const LiveQuestionKindSchema = z.enum(LIVE_QUESTION_KINDS);
export type LiveQuestionKind = z.infer<typeof LiveQuestionKindSchema>;

export const LIVE_QUESTION_STATUSES = ['draft', 'open', 'closed'] as const;
export const LiveQuestionStatusSchema = z.enum(LIVE_QUESTION_STATUSES);
export type LiveQuestionStatus = z.infer<typeof LiveQuestionStatusSchema>;

/** pending: waits for the moderator; approved: visible to all; answered: done (still listed); hidden: removed. */
export const AUDIENCE_QUESTION_STATUSES = ['pending', 'approved', 'answered', 'hidden'] as const;
export const AudienceQuestionStatusSchema = z.enum(AUDIENCE_QUESTION_STATUSES);
export type AudienceQuestionStatus = z.infer<typeof AudienceQuestionStatusSchema>;

/** What the hall's screen shows: the poll's results or the approved audience questions. */
export const LIVE_PROJECTOR_VIEWS = ['results', 'questions'] as const;
export const LiveProjectorViewSchema = z.enum(LIVE_PROJECTOR_VIEWS);
export type LiveProjectorView = z.infer<typeof LiveProjectorViewSchema>;

/**
 * The hall's screen shows a question's results only once at least this many devices answered, so
 * nobody in a small room can be singled out (staff see the numbers on the moderator page).
 */
export const LIVE_MIN_VOTES_SHOWN = 5;

/** Six digits, no leading zero. */
export const LiveCodeSchema = z.string().regex(/^[1-9]\d{5}$/, 'Der Code hat sechs Ziffern.');
/** A device token as issued by `liveDevice`. */
export const DeviceTokenSchema = z.string().min(20).max(200);

export const LIVE_WORDS_MAX = 3;
export const LIVE_WORD_MAX_LENGTH = 30;
export const LIVE_OPTIONS_MAX = 12;

export const LiveOptionSchema = z.object({ id: z.string(), label: z.string() });
export type LiveOption = z.infer<typeof LiveOptionSchema>;

/** What the moderator writes. Options only for single, multiple and ranking (2 … 12). */
export const LiveQuestionBodySchema = z.strictObject({
  kind: LiveQuestionKindSchema,
  prompt: textSchema(300, 1),
  options: z.array(textSchema(120, 1)).max(LIVE_OPTIONS_MAX),
  /** Labels of the ends of the 1–5 scale (scale only), e.g. "gar nicht" … "voll und ganz". */
  scaleLabels: z.strictObject({ min: textSchema(60), max: textSchema(60) }).nullable(),
  /** Optional link to a question of a study wave that collects the `live` channel. */
  studyLink: z.strictObject({ waveId: z.uuid(), questionName: z.string().min(1).max(100) }).nullable(),
});
export type LiveQuestionBody = z.infer<typeof LiveQuestionBodySchema>;
export const UpdateLiveQuestionBodySchema = LiveQuestionBodySchema.extend({ version: z.number().int() });
export type UpdateLiveQuestionBody = z.infer<typeof UpdateLiveQuestionBodySchema>;
export const LiveQuestionStatusBodySchema = z.strictObject({ status: LiveQuestionStatusSchema, version: z.number().int() });
export type LiveQuestionStatusBody = z.infer<typeof LiveQuestionStatusBodySchema>;

/** One answer; its shape must fit the question's kind (the server checks options and ranges). */
export const LiveAnswerSchema = z.union([
  z.strictObject({ optionId: z.string().max(40) }),
  z.strictObject({ optionIds: z.array(z.string().max(40)).min(1).max(LIVE_OPTIONS_MAX) }),
  z.strictObject({ value: z.number().int().min(1).max(5) }),
  z.strictObject({ words: z.array(textSchema(LIVE_WORD_MAX_LENGTH, 1)).min(1).max(LIVE_WORDS_MAX) }),
  z.strictObject({ order: z.array(z.string().max(40)).min(2).max(LIVE_OPTIONS_MAX) }),
]);
export type LiveAnswer = z.infer<typeof LiveAnswerSchema>;

export const LiveDeviceResultSchema = z.object({ deviceToken: DeviceTokenSchema });
export const LiveVoteBodySchema = z.strictObject({ deviceToken: DeviceTokenSchema, answer: LiveAnswerSchema });
export type LiveVoteBody = z.infer<typeof LiveVoteBodySchema>;
export const LiveVoteResultSchema = z.object({ accepted: z.literal(true) });
export const LiveAskBodySchema = z.strictObject({ deviceToken: DeviceTokenSchema, text: textSchema(280, 3) });
export type LiveAskBody = z.infer<typeof LiveAskBodySchema>;
export const LiveAskResultSchema = z.object({ status: z.literal('pending') });
export const LiveUpvoteBodySchema = z.strictObject({ deviceToken: DeviceTokenSchema });
export type LiveUpvoteBody = z.infer<typeof LiveUpvoteBodySchema>;
export const LiveUpvoteResultSchema = z.object({ upvotes: z.number().int() });
export const ModerateAudienceQuestionBodySchema = z.strictObject({ status: AudienceQuestionStatusSchema });
export type ModerateAudienceQuestionBody = z.infer<typeof ModerateAudienceQuestionBodySchema>;

/** Results by kind. Counts are numbers of votes (devices); `voters` is the number of devices that answered. */
export const LiveResultsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('single'),
    voters: z.number().int(),
    options: z.array(z.object({ id: z.string(), label: z.string(), count: z.number().int() })),
  }),
  z.object({
    kind: z.literal('multiple'),
    voters: z.number().int(),
    options: z.array(z.object({ id: z.string(), label: z.string(), count: z.number().int() })),
  }),
  z.object({
    kind: z.literal('scale'),
    voters: z.number().int(),
    /** counts[0] is the number of 1s … counts[4] the number of 5s. */
    counts: z.array(z.number().int()).length(5),
    mean: z.number().nullable(),
  }),
  z.object({
    kind: z.literal('words'),
    voters: z.number().int(),
    /** The 60 most frequent words (compared case-insensitively, shown as first typed), most frequent first. */
    words: z.array(z.object({ text: z.string(), count: z.number().int() })),
  }),
  z.object({
    kind: z.literal('ranking'),
    voters: z.number().int(),
    /** Sorted best first: mean rank (1 = top) and Borda points (n−1 for a first place … 0 for the last). */
    options: z.array(z.object({ id: z.string(), label: z.string(), meanRank: z.number().nullable(), points: z.number().int() })),
  }),
]);
export type LiveResults = z.infer<typeof LiveResultsSchema>;

/** A question as the audience sees it (no results). */
export const PublicLiveQuestionSchema = z.object({
  id: z.uuid(),
  kind: LiveQuestionKindSchema,
  prompt: z.string(),
  options: z.array(LiveOptionSchema),
  scaleLabels: z.object({ min: z.string(), max: z.string() }).nullable(),
  status: LiveQuestionStatusSchema,
});
export type PublicLiveQuestion = z.infer<typeof PublicLiveQuestionSchema>;

export const AudienceQuestionSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  status: AudienceQuestionStatusSchema,
  upvotes: z.number().int(),
  createdAt: z.string(),
});
export type AudienceQuestion = z.infer<typeof AudienceQuestionSchema>;

const RoomHeaderSchema = z.object({
  code: LiveCodeSchema,
  /** Absolute join address (for the QR code), e.g. https://…/live/123456. */
  joinUrl: z.string(),
  session: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), endsAt: z.string(), room: z.string() }),
  event: z.object({ slug: z.string(), title: z.string() }),
  qaOpen: z.boolean(),
});

/** The audience's view (GET and every `room` message of the audience stream). */
export const PublicLiveRoomSchema = RoomHeaderSchema.extend({
  /** The open question, or null between questions. */
  current: PublicLiveQuestionSchema.nullable(),
  /** Approved and answered audience questions, most upvotes first. */
  questions: z.array(AudienceQuestionSchema),
  /** Increases with every change; the stream sends it as the SSE id. */
  revision: z.number().int(),
});
export type PublicLiveRoom = z.infer<typeof PublicLiveRoomSchema>;

export const AdminLiveQuestionSchema = PublicLiveQuestionSchema.extend({
  position: z.number().int(),
  studyLink: z.object({ waveId: z.uuid(), questionName: z.string() }).nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  results: LiveResultsSchema,
  /**
   * Linked questions only: what happened when the votes went into the study wave at closing.
   * `stored`: all votes are responses of the wave (`responses` of them); `failed`: nothing was
   * stored (e.g. the wave was not open) and the votes are kept — closing the question again
   * (status `closed` once more) repeats the transfer; it never stores a vote twice.
   */
  studyTransfer: z
    .object({
      status: z.enum(['stored', 'failed']),
      responses: z.number().int(),
      at: z.string(),
      /** German explanation when it failed. */
      message: z.string().nullable(),
    })
    .nullable()
    .optional(),
});
export type AdminLiveQuestion = z.infer<typeof AdminLiveQuestionSchema>;

/** Staff view (moderator page and projector): all questions with results, all audience questions. */
export const AdminLiveRoomSchema = RoomHeaderSchema.extend({
  /** Set on the moderator page or with the key F on the projector; audience questions only while Q&A is open. */
  projector: LiveProjectorViewSchema,
  questions: z.array(AdminLiveQuestionSchema),
  audienceQuestions: z.array(AudienceQuestionSchema),
  revision: z.number().int(),
});
export type AdminLiveRoom = z.infer<typeof AdminLiveRoomSchema>;

/** Room settings; `projector` left out keeps what the screen shows. */
export const EnableLiveBodySchema = z.strictObject({ qaOpen: z.boolean(), projector: LiveProjectorViewSchema.optional() });
export type EnableLiveBody = z.infer<typeof EnableLiveBodySchema>;

/**
 * Server-Sent Events. Both streams send `event: room` with the whole JSON room (public or admin)
 * on connect and after every change (coalesced: at most one message per 200 ms per room), and a
 * comment line every 20 s as keep-alive. `id:` carries the revision.
 */
export const LIVE_STREAM_EVENT = 'room' as const;

/** `?once=1`: send the current room as one message and end the response (polling fallback, checks). */
export const LiveStreamQuerySchema = z.strictObject({ once: z.literal('1').optional() });

/**
 * What the routes answer (errors: `{ error: { code, message, fields? } }`, German or English):
 * - enableLive 200 AdminLiveRoom · adminLiveRoom 200 AdminLiveRoom · exportLiveResults 200 text/csv
 * - createLiveQuestion 201 AdminLiveQuestion · updateLiveQuestion 200 AdminLiveQuestion ·
 *   setLiveQuestionStatus 200 AdminLiveQuestion · deleteLiveQuestion 200 `{ ok: true }` ·
 *   moderateAudienceQuestion 200 AudienceQuestion
 * - liveDevice 201 LiveDeviceResult · liveRoom 200 PublicLiveRoom · liveVote 201 LiveVoteResult ·
 *   liveAsk 201 LiveAskResult · liveUpvote 200 LiveUpvoteResult
 * - 404 `live.not_found` (unknown code), `live.not_enabled`; 409 `live.question_closed`,
 *   `live.already_voted`, `live.already_upvoted`, `live.qa_closed`; 403 `live.device_invalid`
 *   (fetch a new token); 429 `live.rate_limited` with Retry-After.
 */
