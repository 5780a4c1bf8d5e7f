import { apiPath } from '../../../contracts/api.ts';
import { ErrorBodySchema } from '../../../contracts/common.ts';
import { ImportResultSchema, type ImportResult } from '../../../contracts/study-admin.ts';
import i18n, { currentLanguage } from '../../i18n.ts';
import { ApiError, csrfTokenForUpload, refreshMe } from '../../lib/api.ts';

/** What the server takes in one import request (its body limit). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export interface UploadProgress {
  /** Bytes sent so far, and of how many. */
  loaded: number;
  total: number;
  /** All bytes are sent: the server now checks and stores. */
  sent: boolean;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function send(waveId: string, body: Blob, token: string, onProgress: (p: UploadProgress) => void, signal: AbortSignal) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiPath('importResponses', { id: waveId }));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', currentLanguage());
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : body.size, sent: false });
    xhr.upload.onload = () => onProgress({ loaded: body.size, total: body.size, sent: true });
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network', message: i18n.t('errors.network') }));
    const abort = () => xhr.abort();
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.onloadend = () => signal.removeEventListener('abort', abort);
    signal.addEventListener('abort', abort, { once: true });
    xhr.send(body);
  });
}

/**
 * POST /api/waves/:id/import like `api.importResponses`, but through XMLHttpRequest, whose upload
 * events tell how much of a body of several megabytes is sent. Same headers, same CSRF token,
 * same error shape (ApiError with the server's German or English message).
 */
export async function uploadImport(
  waveId: string,
  body: Blob,
  onProgress: (p: UploadProgress) => void,
  signal: AbortSignal,
): Promise<ImportResult> {
  for (let attempt = 0; ; attempt++) {
    const { status, text } = await send(waveId, body, await csrfTokenForUpload(), onProgress, signal);
    const json = parse(text);
    if (status >= 200 && status < 300) {
      const result = ImportResultSchema.safeParse(json);
      if (result.success) return result.data;
      throw new ApiError({ status, code: 'response.invalid', message: i18n.t('errors.invalidResponse') });
    }
    const error = ErrorBodySchema.safeParse(json);
    if (!error.success) {
      const message = status >= 500 ? i18n.t('errors.server') : i18n.t('errors.unknown');
      throw new ApiError({ status, code: `http.${status}`, message });
    }
    const { code, message, fields } = error.data.error;
    // A token of an older session: fetch a fresh one and send once more, as the API client does.
    if (status === 403 && code === 'csrf.invalid' && attempt === 0) {
      await refreshMe();
      continue;
    }
    if (status === 401) refreshMe().catch(() => undefined);
    throw new ApiError({ status, code, message, fields: fields ?? [] });
  }
}
