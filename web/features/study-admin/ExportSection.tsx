import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPath } from '../../../contracts/api.ts';
import type { Wave } from '../../../contracts/study-admin.ts';
import { downloadBlob } from '../../lib/download.ts';

type Format = 'csvSemicolon' | 'csvComma' | 'xlsx' | 'sav';
const FORMATS: Format[] = ['csvSemicolon', 'csvComma', 'xlsx', 'sav'];

function urlOf(format: Format, id: string): string {
  if (format === 'xlsx') return apiPath('exportResponsesXlsx', { id });
  if (format === 'sav') return apiPath('exportResponsesSav', { id });
  return `${apiPath('exportResponsesCsv', { id })}?separator=${format === 'csvComma' ? 'comma' : 'semicolon'}`;
}

/** The server's German message from an error body, if there is one. */
async function serverMessage(res: Response): Promise<string | null> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : null;
  } catch {
    return null;
  }
}

const megabytes = (bytes: number, language: string) =>
  (bytes / 1e6).toLocaleString(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * Raw responses for researchers (R, SPSS, Excel) and the codebook. The server streams the file;
 * the page reads it chunk by chunk to show how much has arrived, then saves it as a download.
 */
export function ExportSection({ wave }: { wave: Wave }) {
  const { t, i18n } = useTranslation();
  const [format, setFormat] = useState<Format>('csvSemicolon');
  const [received, setReceived] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastUpdate = useRef(0);

  async function download() {
    setError(null);
    setReceived(0);
    try {
      let res: Response;
      try {
        res = await fetch(urlOf(format, wave.id), { credentials: 'same-origin' });
      } catch {
        throw new Error(t('studies.export.offline'));
      }
      if (!res.ok || !res.body) throw new Error((await serverMessage(res)) ?? t('studies.export.serverError', { status: res.status }));
      const reader = res.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      for (;;) {
        let part: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>;
        try {
          part = await reader.read();
        } catch {
          throw new Error(t('studies.export.interrupted'));
        }
        if (part.done) break;
        chunks.push(part.value);
        bytes += part.value.byteLength;
        const now = performance.now();
        if (now - lastUpdate.current > 150) {
          lastUpdate.current = now;
          setReceived(bytes);
        }
      }
      const blob = new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' });
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `itas-${wave.code}`;
      downloadBlob(name, blob);
    } catch (e) {
      setError(t('studies.export.failed', { reason: e instanceof Error ? e.message : t('errors.unknown') }));
    } finally {
      setReceived(null);
    }
  }

  const busy = received !== null;
  return (
    <section className="section" aria-labelledby="export">
      <h2 id="export">{t('studies.export.heading')}</h2>
      <p className="hint">{t('studies.export.intro')}</p>
      <fieldset className="fieldset field">
        <legend>{t('studies.export.format')}</legend>
        {FORMATS.map((f) => (
          <div className="radio" key={f}>
            <input id={`export-format-${f}`} type="radio" name="export-format" checked={format === f} onChange={() => setFormat(f)} />
            <label htmlFor={`export-format-${f}`}>{t(`studies.export.${f}`)}</label>
          </div>
        ))}
      </fieldset>
      <p>
        <button type="button" className="button" onClick={() => void download()} disabled={busy} aria-describedby="export-status">
          {t('studies.export.download')}
        </button>
      </p>
      <div id="export-status" role="status" aria-live="polite">
        {busy && <p>{t('studies.export.receiving', { size: megabytes(received, i18n.language) })}</p>}
      </div>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      <p>
        <a href={apiPath('waveCodebook', { id: wave.id })} target="_blank" rel="noopener">
          {t('studies.export.codebook')}
        </a>{' '}
        <span className="hint">{t('studies.export.codebookHint')}</span>
      </p>
    </section>
  );
}
