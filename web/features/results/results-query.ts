import { BREAKDOWNS, type Breakdown, type ResultsQuery } from '../../../contracts/results.ts';

/**
 * The dashboard keeps its choices (weighted or not, one filter per breakdown) in the URL, so a
 * view can be bookmarked, shared and printed as the report: ?weighted=false&district=14511
 * (the API's own parameter names).
 */
export const WEIGHTED_PARAM = 'weighted';

export function queryFromSearch(search: URLSearchParams): ResultsQuery {
  const query: ResultsQuery = { weighted: search.get(WEIGHTED_PARAM) === 'false' ? 'false' : 'true' };
  for (const breakdown of BREAKDOWNS) {
    const value = search.get(breakdown);
    if (value && value.length <= 8) query[breakdown] = value;
  }
  return query;
}

/** The search params after a change of one choice; defaults are left out of the URL. */
export function withChoice(
  search: URLSearchParams,
  choice: { weighted: boolean } | { breakdown: Breakdown; group: string },
): URLSearchParams {
  const next = new URLSearchParams(search);
  if ('weighted' in choice) {
    if (choice.weighted) next.delete(WEIGHTED_PARAM);
    else next.set(WEIGHTED_PARAM, 'false');
  } else if (choice.group === '') next.delete(choice.breakdown);
  else next.set(choice.breakdown, choice.group);
  return next;
}

/** A stable key of a query (for reloading when it changes). */
export const queryKey = (query: ResultsQuery): string =>
  [query.weighted ?? 'true', ...BREAKDOWNS.map((b) => `${b}=${query[b] ?? ''}`)].join('&');
