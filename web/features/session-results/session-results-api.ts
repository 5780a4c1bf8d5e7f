import { apiPath } from '../../../contracts/api.ts';
import { ErrorBodySchema, OkSchema } from '../../../contracts/common.ts';
import {
  EventResultsSchema,
  SessionPhotoSchema,
  SessionResultsPageSchema,
  SessionResultsSchema,
  type SaveSessionResultsBody,
  type SessionPhoto,
} from '../../../contracts/session-results.ts';
import i18n, { currentLanguage } from '../../i18n.ts';
import { ApiError, call, csrfTokenForUpload, isAbortError, refreshMe } from '../../lib/api.ts';

type Signal = { signal?: AbortSignal };
type SessionKey = { id: string; sessionId: string };

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * POST the photo file itself as the body (image/jpeg, image/png or image/webp): the JSON client
 * cannot send bytes. Same headers, same CSRF token, same error shape as every other request.
 */
async function uploadPhoto(params: SessionKey, file: Blob, alt: string): Promise<SessionPhoto> {
  const url = `${apiPath('uploadSessionPhoto', params)}?${new URLSearchParams({ alt }).toString()}`;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'accept-language': currentLanguage(),
          'content-type': file.type,
          'x-csrf-token': await csrfTokenForUpload(),
        },
        body: file,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (err) {
      if (isAbortError(err)) throw err;
      throw new ApiError({ status: 0, code: 'network', message: i18n.t('errors.network') });
    }
    const json = await readJson(response);
    if (response.ok) {
      const photo = SessionPhotoSchema.safeParse(json);
      if (photo.success) return photo.data;
      throw new ApiError({ status: response.status, code: 'response.invalid', message: i18n.t('errors.invalidResponse') });
    }
    const error = ErrorBodySchema.safeParse(json);
    if (!error.success) {
      const message = response.status >= 500 ? i18n.t('errors.server') : i18n.t('errors.unknown');
      throw new ApiError({ status: response.status, code: `http.${response.status}`, message });
    }
    const { code, message, fields } = error.data.error;
    // A token of an older session: fetch a fresh one and send once more, as the API client does.
    if (response.status === 403 && code === 'csrf.invalid' && attempt === 0) {
      await refreshMe();
      continue;
    }
    if (response.status === 401) refreshMe().catch(() => undefined);
    throw new ApiError({ status: response.status, code, message, fields: fields ?? [] });
  }
}

/** The endpoints of session results (staff pages and the public event page). */
export const resultsApi = {
  eventResults: (slug: string, o: Signal = {}) => call('eventResults', { schema: EventResultsSchema, params: { slug }, ...o }),
  get: (p: SessionKey, o: Signal = {}) => call('getSessionResults', { schema: SessionResultsPageSchema, params: { ...p }, ...o }),
  save: (p: SessionKey, body: SaveSessionResultsBody) =>
    call('saveSessionResults', { schema: SessionResultsSchema, params: { ...p }, body }),
  remove: (p: SessionKey) => call('deleteSessionResults', { schema: OkSchema, params: { ...p } }),
  publish: (p: SessionKey, version: number) =>
    call('publishSessionResults', { schema: SessionResultsSchema, params: { ...p }, body: { version } }),
  unpublish: (p: SessionKey, version: number) =>
    call('unpublishSessionResults', { schema: SessionResultsSchema, params: { ...p }, body: { version } }),
  uploadPhoto,
  updatePhoto: (p: SessionKey, photoId: string, alt: string) =>
    call('updateSessionPhoto', { schema: SessionPhotoSchema, params: { ...p, photoId }, body: { alt } }),
  deletePhoto: (p: SessionKey, photoId: string) => call('deleteSessionPhoto', { schema: OkSchema, params: { ...p, photoId } }),
};
