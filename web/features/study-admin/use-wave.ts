import type { WaveInStudy } from '../../../contracts/study-admin.ts';
import { api } from '../../lib/api.ts';
import { useResource, type Resource } from '../../lib/use-resource.ts';

export type { WaveInStudy };

/** A wave with its study (versions and sibling waves), as the wave pages show it. */
export function useWave(waveId: string): Resource<WaveInStudy> {
  return useResource((signal) => api.getWave(waveId, { signal }), waveId);
}
