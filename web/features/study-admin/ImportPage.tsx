import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MAX_IMPORT_ROWS, type ImportBody, type ImportResult } from '../../../contracts/study-admin.ts';
import { NoPermission, RequireUser } from '../../components/guards.tsx';
import { ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { ApiError, isAbortError } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { PATHS, pagePath } from '../../lib/paths.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { autoMapping, importVariables } from './import-convert.ts';
import { ImportMapping } from './import-mapping.tsx';
import { ImportPreview } from './import-preview.tsx';
import { ACCEPTED_FILES } from './import-read.ts';
import { readImportFile, type ReadFile } from './import-reader.ts';
import { ImportResultView } from './import-result.tsx';
import { ImportFileError, type ImportTable } from './import-table.ts';
import { MAX_UPLOAD_BYTES, uploadImport, type UploadProgress } from './import-upload.ts';
import { loadImportWave } from './import-wave.ts';

type Loaded = ReadFile & { name: string };

const megabytes = (bytes: number, language: 'de' | 'en') => formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, language);

/** Only the columns that are imported travel: mapped ones and the id column. */
function importBody(file: Loaded, mapping: Record<string, string>, idColumn: string): ImportBody {
  const keep = [...Object.keys(mapping), ...(idColumn ? [idColumn] : [])];
  const rows = file.table.rows.map(({ row, cells }) => {
    const kept: ImportTable['rows'][number]['cells'] = {};
    for (const column of keep) if (cells[column] !== undefined) kept[column] = cells[column];
    return { row, cells: kept };
  });
  return { fileHash: file.fileHash, mapping, ...(idColumn ? { idColumn } : {}), rows };
}

function Importer() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const wave = useResource((signal) => loadImportWave(id, signal), id);
  const variables = useMemo(() => (wave.data ? importVariables(wave.data.definition, language) : []), [wave.data, language]);

  const [file, setFile] = useState<Loaded | null>(null);
  const [reading, setReading] = useState<{ share: number | null } | null>(null);
  const [fileError, setFileError] = useState<ImportFileError | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [idColumn, setIdColumn] = useState('');
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const work = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => () => work.current?.abort(), []);
  // After a step appears, keyboard and screen reader users continue at its heading.
  const [focusTarget, setFocusTarget] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget.id)?.focus();
  }, [focusTarget]);

  const restart = () => {
    work.current?.abort();
    setFile(null);
    setFileError(null);
    setUploadError(null);
    setResult(null);
    setMapping({});
    setIdColumn('');
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    restart();
    if (!chosen) return;
    const controller = new AbortController();
    work.current = controller;
    setReading({ share: null });
    readImportFile(chosen, (share) => setReading({ share }), controller.signal).then(
      (read) => {
        setReading(null);
        setFile({ ...read, name: chosen.name });
        setMapping(autoMapping(read.table.headers, variables));
        setFocusTarget({ id: 'import-schritt-2' });
      },
      (err: unknown) => {
        if (isAbortError(err)) return;
        setReading(null);
        setFileError(err instanceof ImportFileError ? err : new ImportFileError('unreadable'));
      },
    );
  };

  const startImport = () => {
    if (!file) return;
    setUploadError(null);
    const body = new Blob([JSON.stringify(importBody(file, mapping, idColumn))], { type: 'application/json' });
    if (body.size > MAX_UPLOAD_BYTES) {
      setUploadError(new ApiError({ status: 413, code: 'request.too_large', message: t('importer.import.tooLarge') }));
      return;
    }
    const controller = new AbortController();
    work.current = controller;
    setUpload({ loaded: 0, total: body.size, sent: false });
    uploadImport(id, body, setUpload, controller.signal).then(
      (done) => {
        setUpload(null);
        setResult(done);
        setFocusTarget({ id: 'import-ergebnis' });
      },
      (err: unknown) => {
        setUpload(null);
        if (!isAbortError(err)) setUploadError(err);
      },
    );
  };

  const heading = <PageHeading title={t('importer.title')} />;
  if (wave.loading && !wave.data) {
    return (
      <>
        {heading}
        <Loading />
      </>
    );
  }
  if (!wave.data) {
    return (
      <>
        {heading}
        <ErrorAlert error={wave.error} />
      </>
    );
  }
  const { study, wave: w } = wave.data;
  const acceptsImports = w.channels.includes('import');
  const mappedCount = Object.keys(mapping).length;

  return (
    <>
      <PageHeading title={t('importer.title')}>
        <p className="lead">
          <bdi>{study.title}</bdi> – <bdi>{w.name}</bdi>
        </p>
      </PageHeading>
      <p>
        <Link to={pagePath(PATHS.adminWave, { id })}>{t('importer.backToWave')}</Link>
      </p>
      <div className="prose">
        <p>{t('importer.intro')}</p>
      </div>
      {!acceptsImports ? (
        <div className="alert alert-info" role="status">
          <p>{t('importer.channelClosed')}</p>
        </div>
      ) : (
        <>
          <section className="section" aria-labelledby="import-schritt-1">
            <h2 id="import-schritt-1">{t('importer.steps.file')}</h2>
            <div className={fileError ? 'field field-invalid' : 'field'}>
              <label htmlFor="import-datei">{t('importer.file.label')}</label>
              <p className="hint" id="import-datei-hinweis">
                {t('importer.file.hint', { max: MAX_IMPORT_ROWS })}
              </p>
              {fileError && (
                <p className="error-message" id="import-datei-fehler" role="alert">
                  <span className="visually-hidden">{t('forms.errorPrefix')} </span>
                  {t(`importer.fileErrors.${fileError.key}`, fileError.values)}
                </p>
              )}
              <input
                ref={input}
                id="import-datei"
                type="file"
                accept={ACCEPTED_FILES}
                className="input"
                aria-describedby={fileError ? 'import-datei-hinweis import-datei-fehler' : 'import-datei-hinweis'}
                aria-invalid={fileError ? true : undefined}
                disabled={upload !== null}
                onChange={onFile}
              />
            </div>
            {reading && (
              <div role="status">
                <label htmlFor="import-lesen">
                  {reading.share === null
                    ? t('importer.file.reading')
                    : t('importer.file.readingShare', { percent: Math.round(reading.share * 100) })}
                </label>
                <progress id="import-lesen" max={100} {...(reading.share === null ? {} : { value: Math.round(reading.share * 100) })} />
              </div>
            )}
            {file && (
              <p role="status">
                {t('importer.file.read', {
                  name: file.name,
                  rows: formatNumber(file.table.rows.length, language),
                  count: file.table.headers.length,
                })}
              </p>
            )}
          </section>

          {file && !result && (
            <>
              <section className="section" aria-labelledby="import-schritt-2">
                <h2 id="import-schritt-2" tabIndex={-1}>
                  {t('importer.steps.mapping')}
                </h2>
                <ImportMapping
                  table={file.table}
                  variables={variables}
                  mapping={mapping}
                  idColumn={idColumn}
                  onMapping={setMapping}
                  onIdColumn={setIdColumn}
                />
              </section>
              <section className="section" aria-labelledby="import-schritt-3">
                <h2 id="import-schritt-3">{t('importer.steps.preview')}</h2>
                <ImportPreview table={file.table} variables={variables} mapping={mapping} />
              </section>
              <section className="section" aria-labelledby="import-schritt-4">
                <h2 id="import-schritt-4">{t('importer.steps.import')}</h2>
                <p>{t('importer.import.explain')}</p>
                <ErrorAlert error={uploadError} />
                {upload ? (
                  <div role="status">
                    <label htmlFor="import-senden">
                      {upload.sent
                        ? t('importer.import.checking')
                        : t('importer.import.uploading', {
                            loaded: megabytes(upload.loaded, language),
                            total: megabytes(upload.total, language),
                          })}
                    </label>
                    <progress id="import-senden" max={upload.total} {...(upload.sent ? {} : { value: upload.loaded })} />
                    {!upload.sent && (
                      <p>
                        <button type="button" className="button button-secondary" onClick={() => work.current?.abort()}>
                          {t('common.cancel')}
                        </button>
                      </p>
                    )}
                  </div>
                ) : (
                  <p>
                    <button type="button" className="button button-primary" disabled={mappedCount === 0} onClick={startImport}>
                      {t('importer.import.button', { count: file.table.rows.length, rows: formatNumber(file.table.rows.length, language) })}
                    </button>
                  </p>
                )}
                {mappedCount === 0 && <p className="hint">{t('importer.import.mapFirst')}</p>}
              </section>
            </>
          )}

          {file && result && (
            <section className="section" aria-labelledby="import-ergebnis">
              <h2 id="import-ergebnis" tabIndex={-1}>
                {t('importer.steps.result')}
              </h2>
              <ImportResultView result={result} table={file.table} fileName={file.name} />
              <p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    restart();
                    if (input.current) input.current.value = '';
                    input.current?.focus();
                  }}
                >
                  {t('importer.result.again')}
                </button>
              </p>
            </section>
          )}
        </>
      )}
    </>
  );
}

/** Import of answers from a CSV or XLSX file into a wave: for staff and admins. */
export default function ImportPage() {
  const { user } = useSession();
  return <RequireUser>{user && (user.role === 'admin' || user.role === 'staff') ? <Importer /> : <NoPermission />}</RequireUser>;
}
