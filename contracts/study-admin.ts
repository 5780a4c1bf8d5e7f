import { z } from 'zod';
import { textSchema } from './common.ts';
import { ChannelSchema } from './study.ts';

/** Official district keys (Amtlicher Gemeindeschlüssel, Kreis level) of the five ITAS districts. */
export const DISTRICTS = {
  '14511': 'Chemnitz',
  '14521': 'Erzgebirgskreis',
  '14522': 'Mittelsachsen',
  '14523': 'Vogtlandkreis',
  '14524': 'Zwickau',
} as const;
export const DistrictSchema = z.enum(Object.keys(DISTRICTS) as [keyof typeof DISTRICTS, ...(keyof typeof DISTRICTS)[]]);

export const StudySlugSchema = z
  .string()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Nur Kleinbuchstaben, Ziffern und Bindestriche.');

/** A questionnaire definition as sent by the UI (SurveyJS JSON); our rules check it on the server. */
export const DefinitionSchema = z.record(z.string(), z.unknown());

export const DefinitionProblemSchema = z.object({ path: z.string(), message: z.string() });
export type DefinitionProblem = z.infer<typeof DefinitionProblemSchema>;

export const CheckDefinitionBodySchema = z.strictObject({ definition: DefinitionSchema });
export const CheckDefinitionResultSchema = z.object({
  ok: z.boolean(),
  problems: z.array(DefinitionProblemSchema),
  /** Counted on the definition as it is (also when it has problems). */
  summary: z.object({ pages: z.number().int(), questions: z.number().int() }),
});
export type CheckDefinitionResult = z.infer<typeof CheckDefinitionResultSchema>;

export const VersionSummarySchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  questionCount: z.number().int(),
  responseCount: z.number().int(),
  /** A version with answers (or used by a published wave) cannot change any more; edit → new version. */
  locked: z.boolean(),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

export const VersionDetailSchema = VersionSummarySchema.extend({ definition: DefinitionSchema });
export type VersionDetail = z.infer<typeof VersionDetailSchema>;

export const WaveStatusSchema = z.enum(['draft', 'open', 'closed']);

export const WaveSchema = z.object({
  id: z.uuid(),
  studyId: z.uuid(),
  code: z.string(),
  name: z.string(),
  status: WaveStatusSchema,
  opensOn: z.string(),
  closesOn: z.string(),
  channels: z.array(ChannelSchema),
  consentDe: z.string(),
  consentEn: z.string(),
  districts: z.array(DistrictSchema),
  versionId: z.uuid(),
  invitationOnly: z.boolean(),
  /** Staff published the aggregated results ("Stimmungsbild") on the public page. */
  resultsPublished: z.boolean(),
  responseCount: z.number().int(),
  /** Optimistic locking: send it back with every change. */
  version: z.number().int(),
});
export type Wave = z.infer<typeof WaveSchema>;

export const StudySummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  isDemo: z.boolean(),
  waveCount: z.number().int(),
  responseCount: z.number().int(),
});
export type StudySummary = z.infer<typeof StudySummarySchema>;
export const StudyListSchema = z.object({ items: z.array(StudySummarySchema) });

export const StudyDetailSchema = StudySummarySchema.extend({
  versions: z.array(VersionSummarySchema),
  waves: z.array(WaveSchema),
});
export type StudyDetail = z.infer<typeof StudyDetailSchema>;

/** A wave with the study it belongs to (versions and sibling waves included). */
export const WaveInStudySchema = z.object({ study: StudyDetailSchema, wave: WaveSchema });
export type WaveInStudy = z.infer<typeof WaveInStudySchema>;

export const CreateStudyBodySchema = z.strictObject({
  slug: StudySlugSchema,
  title: textSchema(200, 1),
  description: textSchema(2000),
  /** Admins may choose; staff always create for their own organisation. */
  organisationId: z.uuid().optional(),
  definition: DefinitionSchema,
});
export type CreateStudyBody = z.infer<typeof CreateStudyBodySchema>;

export const VersionBodySchema = z.strictObject({ definition: DefinitionSchema });

const DaySchema = z.iso.date();
const WaveFields = {
  name: textSchema(120, 1),
  opensOn: DaySchema,
  closesOn: DaySchema,
  channels: z.array(ChannelSchema).min(1),
  consentDe: textSchema(5000, 1),
  consentEn: textSchema(5000, 1),
  districts: z.array(DistrictSchema).min(1),
  versionId: z.uuid(),
  invitationOnly: z.boolean(),
};
export const CreateWaveBodySchema = z.strictObject(WaveFields);
export type CreateWaveBody = z.infer<typeof CreateWaveBodySchema>;
export const UpdateWaveBodySchema = z.strictObject({ ...WaveFields, version: z.number().int() });
export type UpdateWaveBody = z.infer<typeof UpdateWaveBodySchema>;
export const WaveVersionBodySchema = z.strictObject({ version: z.number().int() });

export const WaveOverviewSchema = z.object({
  waveId: z.uuid(),
  today: z.string(),
  total: z.number().int(),
  channels: z.array(z.object({ channel: ChannelSchema, complete: z.number().int(), today: z.number().int() })),
  /** How many respondents reached each page (counts only, never linked to answers). */
  pages: z.array(z.object({ index: z.number().int(), name: z.string(), title: z.string(), reached: z.number().int() })),
  conflicts: z.number().int(),
  invitations: z.object({ total: z.number().int(), used: z.number().int() }),
});
export type WaveOverview = z.infer<typeof WaveOverviewSchema>;

export const OpenAnswersQuerySchema = z.strictObject({
  question: z.string().max(64).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const OpenAnswersSchema = z.object({
  questions: z.array(z.object({ name: z.string(), title: z.string() })),
  question: z.string().nullable(),
  total: z.number().int(),
  items: z.array(z.object({ question: z.string(), text: z.string(), receivedOn: z.string(), channel: ChannelSchema })),
});
export type OpenAnswers = z.infer<typeof OpenAnswersSchema>;

export const MAX_INVITATIONS_PER_REQUEST = 5000;
export const CreateInvitationsBodySchema = z.strictObject({ count: z.number().int().min(1).max(MAX_INVITATIONS_PER_REQUEST) });
export const InvitationListSchema = z.object({
  total: z.number().int(),
  used: z.number().int(),
  items: z.array(z.object({ code: z.string(), used: z.boolean() })),
});
export type InvitationList = z.infer<typeof InvitationListSchema>;
export const InvitationCodeSchema = z.string().regex(/^[a-z0-9]{10}$/, 'Ungültiger Einladungscode.');
export const InvitationCheckSchema = z.object({ valid: z.literal(true) });

export const ProgressBodySchema = z.strictObject({ channel: z.enum(['online', 'kiosk']), page: z.number().int().min(0).max(200) });

/** Waves a signed-in interviewer may collect for (channel "interviewer", open). */
export const InterviewerWavesSchema = z.object({
  items: z.array(z.object({ code: z.string(), studyTitle: z.string(), waveName: z.string(), opensOn: z.string(), closesOn: z.string() })),
});
export type InterviewerWaves = z.infer<typeof InterviewerWavesSchema>;

/** Import of answers collected elsewhere: the browser reads the file, the server checks and stores. */
export const MAX_IMPORT_ROWS = 50_000;
export const ImportBodySchema = z.strictObject({
  /** SHA-256 of the file (hex): row ids derive from it, so importing the same file again stores nothing twice. */
  fileHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Column header → variable name of the questionnaire; unmapped columns are ignored. */
  mapping: z.record(z.string().max(200), z.string().max(64)),
  /** Optional column holding the source's own response id (UUID) instead of the derived one. */
  idColumn: z.string().max(200).optional(),
  rows: z
    .array(
      z.strictObject({ row: z.number().int().min(1), cells: z.record(z.string().max(200), z.union([z.string(), z.number(), z.null()])) }),
    )
    .min(1)
    .max(MAX_IMPORT_ROWS),
});
export type ImportBody = z.infer<typeof ImportBodySchema>;
export const ImportResultSchema = z.object({
  stored: z.number().int(),
  duplicate: z.number().int(),
  conflict: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), errors: z.record(z.string(), z.string()) })),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** CSV export: ';' for German spreadsheets (default) or ','. */
export const ExportQuerySchema = z.strictObject({ separator: z.enum(['semicolon', 'comma']).default('semicolon') });
