import { isApiError } from '../../lib/api.ts';
import { onField } from '../study-admin/form-errors.ts';

/** Server rejections that belong to one field of the event form (the message is the server's German one). */
const EVENT_FIELD_CODES: Record<string, string> = {
  'event.slug_taken': 'slug',
};

// Sessions have no rejection of their own that belongs to one field yet; 400s arrive with field paths.
const SESSION_FIELD_CODES: Record<string, string> = {};

function mapped(err: unknown, codes: Record<string, string>): unknown {
  if (!isApiError(err)) return err;
  const path = codes[err.code];
  return path ? onField(err, err.code, path) : err;
}

export const eventFormError = (err: unknown) => mapped(err, EVENT_FIELD_CODES);
export const sessionFormError = (err: unknown) => mapped(err, SESSION_FIELD_CODES);

/** Someone else saved the event or session meanwhile (optimistic locking). */
export function isVersionConflict(err: unknown): boolean {
  return isApiError(err) && err.status === 409 && err.code.endsWith('version_conflict');
}
