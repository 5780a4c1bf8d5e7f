import type { StudyDetail, Wave } from '../../../contracts/study-admin.ts';
import { api } from '../../lib/api.ts';

export interface ImportWave {
  study: StudyDetail;
  wave: Wave;
  /** The questionnaire of the wave's current version: its answers are what the import stores. */
  definition: Record<string, unknown>;
}

/** The wave and the questionnaire of its current version. */
export async function loadImportWave(waveId: string, signal: AbortSignal): Promise<ImportWave> {
  const { study, wave } = await api.getWave(waveId, { signal });
  const version = await api.getVersion(study.id, wave.versionId, { signal });
  return { study, wave, definition: version.definition };
}
