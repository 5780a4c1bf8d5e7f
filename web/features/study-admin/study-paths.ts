import { pagePath, PATHS } from '../../lib/paths.ts';

/** Addresses of the study pages, filled in. */

export const studyPath = (id: string) => pagePath(PATHS.adminStudy, { id });
export const versionPath = (id: string, versionId: string) => pagePath(PATHS.adminVersion, { id, versionId });
export const wavePath = (id: string) => pagePath(PATHS.adminWave, { id });
export const posterPath = (id: string) => pagePath(PATHS.adminWavePoster, { id });
export const codesPath = (id: string) => pagePath(PATHS.adminWaveCodes, { id });
export const importPath = (id: string) => pagePath(PATHS.adminWaveImport, { id });
export const kioskPath = (code: string) => pagePath(PATHS.kiosk, { code });

/**
 * Router state for links to a wave's pages: which study the wave belongs to, so the page asks
 * for that study first instead of looking through all of them.
 */
export interface WaveLinkState {
  studyId: string;
}

export function waveLinkState(studyId: string): WaveLinkState {
  return { studyId };
}

export function studyIdFromState(state: unknown): string | undefined {
  return state && typeof state === 'object' && 'studyId' in state && typeof state.studyId === 'string' ? state.studyId : undefined;
}
