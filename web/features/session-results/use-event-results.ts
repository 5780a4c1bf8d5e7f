import { createContext, useContext } from 'react';
import type { PublicSessionResults } from '../../../contracts/session-results.ts';

/** Published results of the event page's sessions, by session id (empty while loading or without results). */
export const EventResultsContext = createContext<ReadonlyMap<string, PublicSessionResults>>(new Map());

export function useEventResults(): ReadonlyMap<string, PublicSessionResults> {
  return useContext(EventResultsContext);
}

export function useSessionResults(sessionId: string): PublicSessionResults | undefined {
  return useContext(EventResultsContext).get(sessionId);
}
