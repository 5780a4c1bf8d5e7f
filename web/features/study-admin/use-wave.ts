import { useLocation } from 'react-router';
import type { StudyDetail, Wave } from '../../../contracts/study-admin.ts';
import i18n from '../../i18n.ts';
import { api, ApiError } from '../../lib/api.ts';
import { useResource, type Resource } from '../../lib/use-resource.ts';
import { studyIdFromState } from './study-paths.ts';

export interface WaveInStudy {
  study: StudyDetail;
  wave: Wave;
}

/**
 * A wave with its study. The API serves waves as part of their study, so the page asks the
 * study it came from (router state) and otherwise looks through the studies (a handful).
 */
export async function loadWave(waveId: string, studyHint: string | undefined, signal: AbortSignal): Promise<WaveInStudy> {
  if (studyHint) {
    try {
      const study = await api.getStudy(studyHint, { signal });
      const wave = study.waves.find((w) => w.id === waveId);
      if (wave) return { study, wave };
    } catch (err) {
      if (signal.aborted) throw err;
      // A stale hint (study gone, no access): fall through to the search.
    }
  }
  const { items } = await api.listStudies({ signal });
  const studies = await Promise.all(items.filter((s) => s.waveCount > 0).map((s) => api.getStudy(s.id, { signal })));
  for (const study of studies) {
    const wave = study.waves.find((w) => w.id === waveId);
    if (wave) return { study, wave };
  }
  throw new ApiError({ status: 404, code: 'wave.unknown', message: i18n.t('studies.wave.notFound') });
}

export function useWave(waveId: string): Resource<WaveInStudy> {
  const location = useLocation();
  const hint = studyIdFromState(location.state);
  return useResource((signal) => loadWave(waveId, hint, signal), waveId);
}
