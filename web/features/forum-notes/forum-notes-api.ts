import { apiPath } from '../../../contracts/api.ts';
import { OkSchema } from '../../../contracts/common.ts';
import {
  ForumNoteSchema,
  ForumOverviewSchema,
  type CreateForumNoteBody,
  type ForumNoteQuery,
  type UpdateForumNoteBody,
} from '../../../contracts/session-results.ts';
import { call } from '../../lib/api.ts';

type Signal = { signal?: AbortSignal };

/** The address of the CSV export with the filters shown on the page. */
export function forumCsvUrl(eventId: string, query: ForumNoteQuery): string {
  const search = new URLSearchParams();
  if (query.thema) search.set('thema', query.thema);
  if (query.kreis) search.set('kreis', query.kreis);
  const qs = search.toString();
  return `${apiPath('exportForumNotes', { id: eventId })}${qs ? `?${qs}` : ''}`;
}

/** The endpoints of Bürgerforum notes. */
export const forumApi = {
  overview: (id: string, query: ForumNoteQuery, o: Signal = {}) =>
    call('forumOverview', { schema: ForumOverviewSchema, params: { id }, query: { thema: query.thema, kreis: query.kreis }, ...o }),
  create: (id: string, body: CreateForumNoteBody) => call('createForumNote', { schema: ForumNoteSchema, params: { id }, body }),
  update: (id: string, noteId: string, body: UpdateForumNoteBody) =>
    call('updateForumNote', { schema: ForumNoteSchema, params: { id, noteId }, body }),
  remove: (id: string, noteId: string) => call('deleteForumNote', { schema: OkSchema, params: { id, noteId } }),
};
