import { pagePath, PATHS } from '../../lib/paths.ts';

/** Addresses of the study pages, filled in. */

export const studyPath = (id: string) => pagePath(PATHS.adminStudy, { id });
export const versionPath = (id: string, versionId: string) => pagePath(PATHS.adminVersion, { id, versionId });
export const wavePath = (id: string) => pagePath(PATHS.adminWave, { id });
export const posterPath = (id: string) => pagePath(PATHS.adminWavePoster, { id });
export const codesPath = (id: string) => pagePath(PATHS.adminWaveCodes, { id });
export const importPath = (id: string) => pagePath(PATHS.adminWaveImport, { id });
export const kioskPath = (code: string) => pagePath(PATHS.kiosk, { code });
export const resultsPath = (id: string) => pagePath(PATHS.adminWaveResults, { id });
export const reportPath = (id: string) => pagePath(PATHS.adminWaveReport, { id });
export const publicResultsPath = (code: string) => pagePath(PATHS.publicResults, { code });
export const publicReportPath = (code: string) => pagePath(PATHS.publicReport, { code });
