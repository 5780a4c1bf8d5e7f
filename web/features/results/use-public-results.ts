import type { WaveResults } from '../../../contracts/results.ts';
import { api, isApiError } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';

/** The published results of a wave by its public code; `notPublished` when the server answers 404. */
export function usePublicResults(code: string) {
  const loaded = useResource<WaveResults>((signal) => api.publicResults(code, { signal }), code);
  const notPublished = isApiError(loaded.error) && loaded.error.status === 404;
  return { ...loaded, notPublished };
}
