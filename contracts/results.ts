import { z } from 'zod';

/**
 * Results of a wave: weighted estimates ("Stimmungsbild"), weighting margins, exports. Every
 * aggregate passes disclosure control on the server before it leaves: a cell or group with too
 * few unweighted answers carries `suppressed: true`, a reason, and no numbers.
 */

/** Smallest unweighted n shown for estimates and groups; for crosstabs and open answers the larger. */
export const DEFAULT_MIN_CELL = 5;
export const DEFAULT_MIN_CELL_CROSSTAB = 10;
/** Never configurable below this. */
export const MIN_CELL_FLOOR = 3;

const num = z.number().nullable();

/** One estimate; numbers are null when suppressed or undefined (e.g. SE with one answer), never NaN. */
export const EstimateSchema = z.object({
  estimate: num,
  se: num,
  ciLow: num,
  ciHigh: num,
  /** Unweighted number of non-missing answers; null when suppressed (a small count is itself disclosive). */
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  /** Why the numbers are missing, in German (suppression or "not defined"). */
  reason: z.string().nullable(),
});
export type Estimate = z.infer<typeof EstimateSchema>;

export const ChangeSchema = z.object({
  previousWaveId: z.uuid(),
  previousWaveName: z.string(),
  previous: num,
  difference: num,
  se: num,
  p: num,
  /** p < 0.05 */
  significant: z.boolean(),
});

export const BREAKDOWNS = ['district', 'age_band', 'sex', 'automotive'] as const;
export const BreakdownSchema = z.enum(BREAKDOWNS);
export type Breakdown = z.infer<typeof BreakdownSchema>;

/** A group of a breakdown (group = answer code as text, e.g. AGS "14511" for Chemnitz). */
export const GroupEstimateSchema = EstimateSchema.extend({ group: z.string(), label: z.string() });
export type GroupEstimate = z.infer<typeof GroupEstimateSchema>;

/** A scale index (mean of its items, reverse-coded where marked; range of the answer scale). */
export const IndexResultSchema = z.object({
  scale: z.string(),
  title: z.string(),
  /** Lowest and highest possible index value (for axes). */
  min: z.number(),
  max: z.number(),
  overall: EstimateSchema,
  alpha: num,
  change: ChangeSchema.nullable(),
  /** By breakdown variable: one estimate per group. */
  groups: z.record(BreakdownSchema, z.array(GroupEstimateSchema)),
});
export type IndexResult = z.infer<typeof IndexResultSchema>;

/** Weighted distribution of one closed question: the share of each answer level. */
export const QuestionResultSchema = z.object({
  name: z.string(),
  title: z.string(),
  /** radiogroup, dropdown, rating, boolean: shares sum to 1; checkbox: share of people choosing each option. */
  type: z.string(),
  /** Unweighted number of people who answered the question (after filters). */
  n: z.number().int(),
  levels: z.array(EstimateSchema.extend({ code: z.number(), label: z.string() })),
});
export type QuestionResult = z.infer<typeof QuestionResultSchema>;

export const WeightsSummarySchema = z.object({
  sum: z.number(),
  min: z.number(),
  max: z.number(),
  deff: z.number(),
  effectiveN: z.number(),
  iterations: z.number().int(),
  converged: z.boolean(),
});

export const ResultsQuerySchema = z.strictObject({
  weighted: z.enum(['true', 'false']).default('true'),
  district: z.string().max(8).optional(),
  sex: z.string().max(8).optional(),
  age_band: z.string().max(8).optional(),
  automotive: z.string().max(8).optional(),
});
export type ResultsQuery = z.input<typeof ResultsQuerySchema>;

export const WaveResultsSchema = z.object({
  waveId: z.uuid(),
  waveName: z.string(),
  studyTitle: z.string(),
  weighted: z.boolean(),
  /** First and last day of the field period (YYYY-MM-DD). */
  opensOn: z.string(),
  closesOn: z.string(),
  /**
   * Responses used (after filters and, when weighted, after excluding those that cannot be
   * weighted); null when a filter leaves fewer than minCell (the small count itself is hidden).
   */
  n: z.number().int().nullable(),
  /** All stored responses of the wave, and per channel (online, interview, kiosk, live, import). */
  sample: z.object({ total: z.number().int(), byChannel: z.record(z.string(), z.number().int()) }),
  /** Filters applied (breakdown → group code); empty on the public page. */
  filters: z.record(z.string(), z.string()),
  /** Responses that could not be weighted (outside the region, weighting variable missing) with reasons. */
  /** Counts below minCell are merged into one entry; its count is null if still below minCell. */
  excluded: z.array(z.object({ reason: z.string(), count: z.number().int().nullable() })),
  weights: WeightsSummarySchema.nullable(),
  /** Why the results are not weighted although asked for (e.g. the questionnaire lacks a weighting variable). */
  weightingProblem: z.string().nullable(),
  margins: z.object({ title: z.string(), source: z.string(), licence: z.string(), custom: z.boolean(), variables: z.array(z.string()) }),
  /** Smallest unweighted n shown (disclosure control). */
  minCell: z.number().int(),
  /** Half-width of the 95% CI of a 50% share at this sample size and design effect, in percentage points. */
  marginOfError: z.number().nullable(),
  indices: z.array(IndexResultSchema),
  questions: z.array(QuestionResultSchema),
  /** Labels of the breakdown groups (code → label), for filters. */
  groupLabels: z.record(BreakdownSchema, z.array(z.object({ group: z.string(), label: z.string() }))),
  /** Whether staff published these results on the public page. */
  published: z.boolean(),
  generatedAt: z.string(),
});
export type WaveResults = z.infer<typeof WaveResultsSchema>;

/** Population margins of a wave: per raking variable, level code → population total. */
export const MarginsBodySchema = z.strictObject({
  title: z.string().min(1).max(300),
  source: z.string().min(1).max(2000),
  licence: z.string().min(1).max(300),
  margins: z.record(z.string().max(32), z.record(z.string().max(16), z.number().positive())),
});
export type MarginsBody = z.infer<typeof MarginsBodySchema>;
export const WaveMarginsSchema = MarginsBodySchema.extend({ custom: z.boolean() });
export type WaveMargins = z.infer<typeof WaveMarginsSchema>;

export const PublishResultsBodySchema = z.strictObject({ published: z.boolean() });
