/**
 * The statistics engine of the study module: pure functions, no I/O. Weighting (raking to
 * population margins), weighted means and shares with linearisation standard errors that take the
 * calibration into account, domain estimates, wave differences, Rao–Scott crosstabs, scale
 * indices and Cronbach's alpha; plus a streaming CSV reader into typed columns.
 * Checked against R's survey package (golden/); methods in docs/statistics.md.
 */
export { categorical, numeric, CellError, TableBuilder } from './columns.ts';
export type { CategoricalColumn, NumericColumn, Table, ColumnKind, ColumnPlan } from './columns.ts';
export { CsvReader, CsvFormatError, detectSeparator } from './csv.ts';
export { crosstab } from './crosstab.ts';
export type { Crosstab } from './crosstab.ts';
export { chiSquareSurvival, normalCdf, normalQuantile, studentTQuantile } from './distributions.ts';
export { logitInterval, shareCovariance, waveDifference, weightedMean, weightedShares, CONFIDENCE } from './estimates.ts';
export type { Difference, EstimateValue, LevelEstimate, MeanResult, ShareResult } from './estimates.ts';
export { calibratedDesign, uncalibratedDesign } from './linearization.ts';
export type { SurveyDesign } from './linearization.ts';
export { resilienzMargins, RESILIENZ_CODES } from './margins.ts';
export type { Margins, PopulationTable } from './margins.ts';
export {
  rake,
  EmptyMarginLevelError,
  LevelWithoutMarginError,
  MarginTotalsError,
  MissingWeightingValueError,
  WeightingError,
} from './raking.ts';
export type { Calibration, RakeOptions, RakingResult, TrimBounds, WeightDiagnostics } from './raking.ts';
export { cronbachAlpha, scaleIndex, scalesOf, NON_SUBSTANTIVE_CODES } from './scales.ts';
export type { ScaleDefinition, ScaleItem } from './scales.ts';
