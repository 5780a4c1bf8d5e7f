import { ApiError, isApiError } from '../../lib/api.ts';

/**
 * Moves a server rejection onto one field of the form, in the form's own words: the error
 * summary then links to that field (e.g. "Kürzel vergeben", "the questionnaire has 3 problems",
 * whose details the form lists beside the questionnaire text).
 */
export function onField(err: unknown, code: string, path: string, message?: (err: ApiError) => string): unknown {
  if (!isApiError(err) || err.code !== code) return err;
  return new ApiError({
    status: err.status,
    code: err.code,
    message: err.message,
    fields: [{ path, message: message ? message(err) : err.message }],
  });
}
