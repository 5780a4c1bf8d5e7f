import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { CheckDefinitionResult, StudyDetail, VersionDetail } from '../../../contracts/study-admin.ts';
import { ErrorSummary, Field, fieldId, SubmitButton } from '../../components/forms.tsx';
import { Badge, ErrorAlert, Loading, PageHeading, StatusMessage, useMessage } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { api, isApiError } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';
import { DefinitionReport, useSyntaxMessage } from './DefinitionReport.tsx';
import { formatDefinition, lineCount, parseDefinition } from './definition-text.ts';
import { onField } from './form-errors.ts';
import { studyPath, versionPath } from './study-paths.ts';
import { SurveyPreview } from './SurveyPreview.tsx';
import { useCanManageStudies } from './use-study-access.ts';
import { downloadBlob } from '../../lib/download.ts';

const FORM = 'fragebogen';
const CHECK_DELAY_MS = 500;

/** The value, once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const handle = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(handle);
  }, [value, ms]);
  return settled;
}

const downloadText = (text: string, filename: string) => downloadBlob(filename, new Blob([text], { type: 'application/json' }));

function Editor({
  study,
  version,
  onSaved,
  onLocked,
}: {
  study: StudyDetail;
  version: VersionDetail;
  onSaved: (version: VersionDetail) => void;
  onLocked: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const syntaxMessage = useSyntaxMessage();
  const canManage = useCanManageStudies();
  const [savedText, setSavedText] = useState(() => formatDefinition(version.definition));
  const [text, setText] = useState(savedText);
  const [checked, setChecked] = useState<{ text: string; result: CheckDefinitionResult } | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [previewLanguage, setPreviewLanguage] = useState<'de' | 'en'>('de');
  const [message, setMessage] = useMessage();
  const settledText = useSettled(text, CHECK_DELAY_MS);
  const parsed = useMemo(() => parseDefinition(settledText), [settledText]);
  const dirty = text !== savedText;
  const editorId = fieldId(FORM, 'definition');

  // The preview keeps the last readable state while the text has a syntax error.
  const [preview, setPreview] = useState<Record<string, unknown>>(version.definition);
  if (parsed.ok && parsed.definition !== preview) setPreview(parsed.definition);

  // The server's rules, checked shortly after typing stops (staff only: analysts read).
  useEffect(() => {
    if (!canManage || !parsed.ok) return;
    let current = true;
    api.checkDefinition(parsed.definition).then(
      (result) => {
        if (!current) return;
        setChecked({ text: settledText, result });
        setCheckError(null);
      },
      (err: unknown) => {
        if (current) setCheckError(err);
      },
    );
    return () => {
      current = false;
    };
  }, [canManage, parsed, settledText]);

  // Leaving with unsaved changes asks first (reload, closing the tab, typing another address).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const { errors, busy, onSubmit } = useFormSubmit(FORM, ['definition'], {
    check: (): Record<string, string> => {
      const now = parseDefinition(text);
      return now.ok ? {} : { definition: syntaxMessage(now.error) };
    },
    skip: () => {
      if (dirty) return false;
      setMessage({ key: 'common.noChanges' });
      return true;
    },
    send: async () => {
      const now = parseDefinition(text);
      if (!now.ok) return;
      setMessage();
      try {
        if (version.locked) {
          const created = await api.addVersion(study.id, now.definition);
          setSavedText(text);
          void navigate(versionPath(study.id, created.id), { state: { savedAs: created.version } });
        } else {
          const saved = await api.updateVersion(study.id, version.id, now.definition);
          setSavedText(text);
          onSaved(saved);
          setMessage({ key: 'studies.editor.saved' });
        }
      } catch (err) {
        if (isApiError(err) && err.code === 'study.definition_invalid')
          setChecked({ text, result: { ok: false, problems: err.fields, summary: { pages: 0, questions: 0 } } });
        if (isApiError(err) && err.code === 'study.version_locked') onLocked();
        throw onField(err, 'study.definition_invalid', 'definition', (e) => t('studies.check.problems', { count: e.fields.length }));
      }
    },
  });

  const syntax = parsed.ok ? null : parsed.error;
  const result = parsed.ok && checked?.text === settledText ? checked.result : null;
  const reportId = `${editorId}-report`;
  const lines = lineCount(text);

  return (
    <div className="version-layout">
      <section className="version-editor" aria-labelledby="editor-titel">
        <h2 id="editor-titel">{t('studies.editor.heading')}</h2>
        <StatusMessage message={message} />
        <ErrorSummary form={FORM} errors={errors} labels={{ definition: t('studies.editor.label') }} />
        <form noValidate onSubmit={onSubmit} aria-labelledby="editor-titel">
          <Field
            form={FORM}
            name="definition"
            label={canManage ? t('studies.editor.label') : t('studies.editor.labelReadOnly')}
            hint={canManage ? t('studies.editor.hint') : undefined}
            error={errors.fields.definition}
          >
            {(control) => (
              <textarea
                {...control}
                aria-describedby={[control['aria-describedby'], `${editorId}-lines`, reportId].filter(Boolean).join(' ')}
                className="input json-editor"
                rows={28}
                spellCheck={false}
                autoCapitalize="off"
                autoCorrect="off"
                wrap="off"
                dir="ltr"
                readOnly={!canManage}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            )}
          </Field>
          <p className="hint" id={`${editorId}-lines`}>
            {t('studies.editor.lines', { count: lines })}
            {dirty && <> · {t('studies.editor.unsaved')}</>}
          </p>
          <DefinitionReport id={reportId} fieldId={editorId} text={settledText} syntax={syntax} result={result} live />
          <ErrorAlert error={checkError} />
          <div className="actions">
            {canManage && (
              <SubmitButton busy={busy}>{version.locked ? t('studies.editor.saveAsNew') : t('studies.editor.save')}</SubmitButton>
            )}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => downloadText(text, `${study.slug}-version-${version.version}.json`)}
            >
              {t('studies.editor.download')}
            </button>
          </div>
        </form>
      </section>

      <section className="version-preview" aria-labelledby="vorschau-titel">
        <h2 id="vorschau-titel">{t('studies.preview.heading')}</h2>
        <fieldset className="fieldset field">
          <legend>{t('studies.preview.language')}</legend>
          {(['de', 'en'] as const).map((lang) => (
            <div className="radio" key={lang}>
              <input
                id={`vorschau-${lang}`}
                type="radio"
                name="vorschau-sprache"
                checked={previewLanguage === lang}
                onChange={() => setPreviewLanguage(lang)}
              />
              <label htmlFor={`vorschau-${lang}`} lang={lang}>
                {lang === 'de' ? 'Deutsch' : 'English'}
              </label>
            </div>
          ))}
        </fieldset>
        <p className="hint">{syntax ? t('studies.preview.stale') : t('studies.preview.hint')}</p>
        <SurveyPreview definition={preview} language={previewLanguage} />
      </section>
    </div>
  );
}

/** A questionnaire version: its JSON, checked while typing, and a preview to click through. */
export default function VersionPage() {
  const { t } = useTranslation();
  const { id = '', versionId = '' } = useParams();
  const location = useLocation();
  const study = useResource((signal) => api.getStudy(id, { signal }), id);
  const version = useResource((signal) => api.getVersion(id, versionId, { signal }), `${id}/${versionId}`);
  const state: unknown = location.state;
  const savedAs = state && typeof state === 'object' && 'savedAs' in state && typeof state.savedAs === 'number' ? state.savedAs : null;
  const message = savedAs !== null ? t('studies.editor.savedAsNew', { version: savedAs }) : null;

  const s = study.data;
  const v = version.data?.id === versionId ? version.data : undefined;
  if (!s || !v) {
    return (
      <>
        <PageHeading title={t('studies.editor.fallbackTitle')} />
        {study.loading || version.loading ? <Loading /> : <ErrorAlert error={study.error ?? version.error} />}
        <p>
          <Link to={s ? studyPath(s.id) : PATHS.adminStudies}>{s ? t('studies.backToStudy') : t('studies.backToList')}</Link>
        </p>
      </>
    );
  }
  const others = [...s.versions].filter((other) => other.id !== v.id).sort((a, b) => a.version - b.version);
  return (
    <>
      <p className="breadcrumb">
        <Link to={studyPath(s.id)}>
          {t('studies.backToStudyNamed')} <bdi>{s.title}</bdi>
        </Link>
      </p>
      <PageHeading title={t('studies.editor.title', { version: v.version })}>
        <p className="lead">
          <bdi>{s.title}</bdi>{' '}
          {v.locked ? <Badge tone="warning">{t('studies.versions.locked')}</Badge> : <Badge>{t('studies.versions.editable')}</Badge>}
        </p>
        <p className="hint">{v.locked ? t('studies.editor.lockedHint') : t('studies.editor.editableHint')}</p>
      </PageHeading>
      <StatusMessage message={message} />
      {others.length > 0 && (
        <nav className="version-nav" aria-label={t('studies.editor.otherVersions')}>
          <span>{t('studies.editor.otherVersions')}:</span>
          <ul>
            {others.map((other) => (
              <li key={other.id}>
                <Link to={versionPath(s.id, other.id)}>{t('studies.versions.name', { version: other.version })}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Editor
        key={v.id}
        study={s}
        version={v}
        onSaved={(saved) => {
          version.setData(saved);
          study.reload();
        }}
        onLocked={() => {
          version.reload();
          study.reload();
        }}
      />
    </>
  );
}
