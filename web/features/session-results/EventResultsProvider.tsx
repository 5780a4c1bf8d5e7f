import { useMemo, type ReactNode } from 'react';
import { useResource } from '../../lib/use-resource.ts';
import { resultsApi } from './session-results-api.ts';
import { EventResultsContext } from './use-event-results.ts';

/**
 * Loads the published results of an event once for its page; sessions show theirs below them.
 * Results are an addition to the programme: when they cannot be loaded the programme still shows.
 */
export function EventResultsProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const loaded = useResource((signal) => resultsApi.eventResults(slug, { signal }), slug);
  const items = loaded.data?.items;
  const bySession = useMemo(() => new Map((items ?? []).map((r) => [r.sessionId, r])), [items]);
  return <EventResultsContext value={bySession}>{children}</EventResultsContext>;
}
