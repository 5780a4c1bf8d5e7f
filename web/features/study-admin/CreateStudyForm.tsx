import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckDefinitionResult, StudyDetail } from '../../../contracts/study-admin.ts';
import { ErrorSummary, Field, fieldId, SubmitButton, TextAreaField, TextField } from '../../components/forms.tsx';
import { ErrorAlert } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { api, isApiError } from '../../lib/api.ts';
import { DefinitionReport, useSyntaxMessage } from './DefinitionReport.tsx';
import { onField } from './form-errors.ts';
import { fileText, lineCount, parseDefinition, type JsonSyntaxError } from './definition-text.ts';
import { isValidSlug, suggestSlug } from './study-helpers.ts';

const FORM = 'studie-neu';
const FIELDS = ['title', 'slug', 'description', 'definition'] as const;
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 2000;
/** Larger files are no questionnaire (the shipped one has about 60 KB). */
const FILE_MAX_BYTES = 2_000_000;

/** "Neue Studie": title, Kürzel, description and the questionnaire (file or pasted), checked before it is sent. */
export function CreateStudyForm({ onCreated }: { onCreated: (study: StudyDetail) => void }) {
  const { t } = useTranslation();
  const syntaxMessage = useSyntaxMessage();
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [description, setDescription] = useState('');
  const [text, setText] = useState('');
  const [syntax, setSyntax] = useState<JsonSyntaxError | null>(null);
  const [result, setResult] = useState<CheckDefinitionResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const labels = {
    title: t('studies.create.title'),
    slug: t('studies.create.slug'),
    description: t('studies.create.description'),
    definition: t('studies.create.definition'),
  };
  const definitionId = fieldId(FORM, 'definition');

  function changeTitle(value: string) {
    setTitle(value);
    // The Kürzel follows the title until someone writes their own.
    if (!slugTouched) setSlug(suggestSlug(value));
  }

  function changeText(value: string) {
    setText(value);
    setSyntax(null);
    setResult(null);
  }

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileProblem(null);
    if (!file) return;
    if (file.size > FILE_MAX_BYTES) {
      setFileProblem(t('studies.create.fileTooLarge'));
      return;
    }
    changeText(fileText(await file.text()));
  }

  const { errors, busy, onSubmit } = useFormSubmit(FORM, FIELDS, {
    check: () => {
      const problems: Record<string, string> = {};
      const trimmed = title.trim();
      if (trimmed === '') problems.title = t('validation.required');
      else if (trimmed.length > TITLE_MAX) problems.title = t('validation.length', { min: 1, max: TITLE_MAX });
      if (!isValidSlug(slug)) problems.slug = t('studies.create.slugRule');
      if (description.trim().length > DESCRIPTION_MAX) problems.description = t('validation.length', { min: 0, max: DESCRIPTION_MAX });
      const parsed = parseDefinition(text);
      if (text.trim() === '') problems.definition = t('studies.create.definitionRequired');
      else if (!parsed.ok) {
        setSyntax(parsed.error);
        problems.definition = syntaxMessage(parsed.error);
      }
      return problems;
    },
    send: async () => {
      const parsed = parseDefinition(text);
      if (!parsed.ok) return;
      try {
        const study = await api.createStudy({ title: title.trim(), slug, description: description.trim(), definition: parsed.definition });
        onCreated(study);
      } catch (err) {
        if (isApiError(err) && err.code === 'study.definition_invalid')
          setResult({ ok: false, problems: err.fields, summary: { pages: 0, questions: 0 } });
        throw onField(
          onField(err, 'study.definition_invalid', 'definition', (e) => t('studies.check.problems', { count: e.fields.length })),
          'study.slug_taken',
          'slug',
        );
      }
    },
  });

  async function check() {
    if (checking) return;
    setCheckError(null);
    const parsed = parseDefinition(text);
    if (!parsed.ok) {
      setSyntax(parsed.error);
      setResult(null);
      return;
    }
    setSyntax(null);
    setChecking(true);
    try {
      setResult(await api.checkDefinition(parsed.definition));
    } catch (err) {
      setCheckError(err);
    } finally {
      setChecking(false);
    }
  }

  const reportId = `${definitionId}-report`;
  return (
    <>
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form form-wide" aria-label={t('studies.create.heading')}>
        <TextField
          form={FORM}
          name="title"
          label={labels.title}
          required
          maxLength={TITLE_MAX}
          value={title}
          onChange={changeTitle}
          error={errors.fields.title}
        />
        <TextField
          form={FORM}
          name="slug"
          label={labels.slug}
          hint={t('studies.create.slugHint')}
          required
          maxLength={60}
          spellCheck={false}
          autoComplete="off"
          dir="ltr"
          value={slug}
          onChange={(value) => {
            setSlugTouched(true);
            setSlug(value);
          }}
          error={errors.fields.slug}
        />
        <TextAreaField
          form={FORM}
          name="description"
          label={labels.description}
          optional
          rows={3}
          maxLength={DESCRIPTION_MAX}
          value={description}
          onChange={setDescription}
          error={errors.fields.description}
        />
        <div className="field">
          <label htmlFor={`${FORM}-file`}>{t('studies.create.file')}</label>
          <p className="hint" id={`${FORM}-file-hint`}>
            {t('studies.create.fileHint')}
          </p>
          {fileProblem && (
            <p className="error-message" role="alert">
              {fileProblem}
            </p>
          )}
          <input
            id={`${FORM}-file`}
            type="file"
            accept=".json,application/json"
            className="file-input"
            aria-describedby={`${FORM}-file-hint`}
            onChange={(event) => void readFile(event)}
          />
        </div>
        <Field
          form={FORM}
          name="definition"
          label={labels.definition}
          hint={t('studies.create.definitionHint')}
          error={errors.fields.definition}
          required
        >
          {(control) => (
            <textarea
              {...control}
              aria-describedby={[control['aria-describedby'], reportId].filter(Boolean).join(' ')}
              className="input json-editor"
              rows={14}
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              wrap="off"
              dir="ltr"
              value={text}
              onChange={(event) => changeText(event.target.value)}
            />
          )}
        </Field>
        <p className="hint">{t('studies.editor.lines', { count: lineCount(text) })}</p>
        <DefinitionReport id={reportId} fieldId={definitionId} text={text} syntax={syntax} result={result} />
        <ErrorAlert error={checkError} />
        <div className="actions">
          <button type="button" className="button button-secondary" aria-disabled={checking || undefined} onClick={() => void check()}>
            {t('studies.create.check')}
            {checking && <span className="visually-hidden"> – {t('forms.sending')}</span>}
          </button>
          <SubmitButton busy={busy}>{t('studies.create.submit')}</SubmitButton>
        </div>
      </form>
    </>
  );
}
