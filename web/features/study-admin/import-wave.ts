import type { StudyDetail, Wave } from '../../../contracts/study-admin.ts';
import i18n from '../../i18n.ts';
import { api, ApiError } from '../../lib/api.ts';

export interface ImportWave {
  study: StudyDetail;
  wave: Wave;
  /** The questionnaire of the wave's current version: its answers are what the import stores. */
  definition: Record<string, unknown>;
}

/** Finds the wave among the studies (the API has no "wave by id" read) and loads its questionnaire. */
export async function loadImportWave(waveId: string, signal: AbortSignal): Promise<ImportWave> {
  const { items } = await api.listStudies({ signal });
  const studies = await Promise.all(items.filter((s) => s.waveCount > 0).map((s) => api.getStudy(s.id, { signal })));
  for (const study of studies) {
    const wave = study.waves.find((w) => w.id === waveId);
    if (!wave) continue;
    const version = await api.getVersion(study.id, wave.versionId, { signal });
    return { study, wave, definition: version.definition };
  }
  throw new ApiError({ status: 404, code: 'wave.unknown', message: i18n.t('importer.waveNotFound') });
}
