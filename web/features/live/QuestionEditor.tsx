import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_OPTIONS_MAX, LIVE_QUESTION_KINDS, type LiveQuestionBody, type LiveQuestionKind } from '../../../contracts/live.ts';
import { CheckboxField, ErrorSummary, FormActions, SelectField, TextAreaField, TextField } from '../../components/forms.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { moveItem } from './live-answer.ts';
import { checkQuestion, KINDS_WITH_OPTIONS, questionBody, type QuestionValues } from './question-form.ts';

const FIELDS = ['kind', 'prompt', 'options', 'scaleMin', 'scaleMax', 'waveId', 'questionName'] as const;

/** Waves that collect the `live` channel, for the study link (few studies: one request each). */
async function liveWaves(signal: AbortSignal) {
  const { items } = await api.listStudies({ signal });
  const studies = await Promise.all(items.map((s) => api.getStudy(s.id, { signal })));
  return studies.flatMap((study) =>
    study.waves.filter((w) => w.channels.includes('live')).map((w) => ({ value: w.id, label: `${study.title} – ${w.name}` })),
  );
}

function StudyLinkFields({
  form,
  values,
  set,
  errors,
}: {
  form: string;
  values: QuestionValues;
  set: (patch: Partial<QuestionValues>) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const waves = useResource(liveWaves, 'live-waves');
  const options = waves.data ?? [];
  // A linked wave that is not in the list (closed meanwhile, or typed in before): keep it selectable.
  const known = values.waveId === '' || options.some((o) => o.value === values.waveId);
  return (
    <div className="live-link-fields">
      <ErrorAlert error={waves.error} />
      {waves.loading && !waves.data && <Loading label={t('live.editor.wavesLoading')} />}
      {waves.data && options.length === 0 && <p className="hint">{t('live.editor.noWaves')}</p>}
      <SelectField
        form={form}
        name="waveId"
        label={t('live.editor.wave')}
        hint={t('live.editor.waveHint')}
        value={values.waveId}
        onChange={(waveId) => set({ waveId })}
        options={known ? options : [...options, { value: values.waveId, label: values.waveId }]}
        placeholder={t('live.editor.wavePlaceholder')}
        error={errors.waveId}
        required
      />
      <TextField
        form={form}
        name="questionName"
        label={t('live.editor.questionName')}
        hint={t('live.editor.questionNameHint')}
        value={values.questionName}
        onChange={(questionName) => set({ questionName })}
        maxLength={100}
        spellCheck={false}
        autoComplete="off"
        error={errors.questionName}
        required
      />
    </div>
  );
}

function OptionsEditor({
  form,
  options,
  onChange,
  error,
}: {
  form: string;
  options: string[];
  onChange: (o: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const errorId = `${form}-options-error`;
  return (
    <fieldset className={error ? 'field field-invalid live-options-editor' : 'field live-options-editor'}>
      <legend>{t('live.editor.options')}</legend>
      <p className="hint">{t('live.editor.optionsHint', { max: LIVE_OPTIONS_MAX })}</p>
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">{t('forms.errorPrefix')} </span>
          {error}
        </p>
      )}
      <ol>
        {options.map((option, i) => {
          const label = t('live.editor.option', { number: i + 1 });
          return (
            <li key={i} className="live-option-row">
              <label htmlFor={i === 0 ? `${form}-options` : `${form}-options-${i}`} className="visually-hidden">
                {label}
              </label>
              <input
                id={i === 0 ? `${form}-options` : `${form}-options-${i}`}
                className="input"
                value={option}
                maxLength={120}
                dir="auto"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                placeholder={label}
                onChange={(e) => onChange(options.map((o, j) => (j === i ? e.target.value : o)))}
              />
              <span className="live-option-buttons">
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`${label}: ${t('live.answer.up')}`}
                  disabled={i === 0}
                  onClick={() => onChange(moveItem(options, i, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`${label}: ${t('live.answer.down')}`}
                  disabled={i === options.length - 1}
                  onClick={() => onChange(moveItem(options, i, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`${label}: ${t('live.editor.removeOption')}`}
                  disabled={options.length <= 2}
                  onClick={() => onChange(options.filter((_, j) => j !== i))}
                >
                  {t('live.editor.removeOption')}
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={options.length >= LIVE_OPTIONS_MAX}
        onClick={() => onChange([...options, ''])}
      >
        {t('live.editor.addOption')}
      </button>
    </fieldset>
  );
}

/** Writes or changes one poll question: kind, prompt, options or scale labels, optional study link. */
export function QuestionEditor({
  form,
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  form: string;
  initial: QuestionValues;
  submitLabel: string;
  onSave: (body: LiveQuestionBody) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const set = (patch: Partial<QuestionValues>) => setValues((v) => ({ ...v, ...patch }));
  const { errors, busy, onSubmit } = useFormSubmit(form, FIELDS, {
    check: () => Object.fromEntries(Object.entries(checkQuestion(values)).map(([k, key]) => [k, t(key, { max: LIVE_OPTIONS_MAX })])),
    send: () => onSave(questionBody(values)),
  });
  const labels = Object.fromEntries(FIELDS.map((f) => [f, t(`live.editor.labels.${f}`)]));

  return (
    <form id={form} onSubmit={onSubmit} noValidate aria-label={submitLabel} className="live-editor">
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <SelectField
        form={form}
        name="kind"
        label={t('live.editor.kind')}
        value={values.kind}
        onChange={(kind) => set({ kind: kind as LiveQuestionKind })}
        options={LIVE_QUESTION_KINDS.map((k) => ({ value: k, label: t(`live.kinds.${k}`) }))}
        error={errors.fields.kind}
      />
      <TextAreaField
        form={form}
        name="prompt"
        label={t('live.editor.prompt')}
        value={values.prompt}
        onChange={(prompt) => set({ prompt })}
        maxLength={300}
        rows={2}
        error={errors.fields.prompt}
        required
      />
      {KINDS_WITH_OPTIONS.includes(values.kind) && (
        <OptionsEditor form={form} options={values.options} onChange={(options) => set({ options })} error={errors.fields.options} />
      )}
      {values.kind === 'scale' && (
        <div className="live-scale-labels">
          <TextField
            form={form}
            name="scaleMin"
            label={t('live.editor.scaleMin')}
            hint={t('live.editor.scaleMinHint')}
            value={values.scaleMin}
            onChange={(scaleMin) => set({ scaleMin })}
            maxLength={60}
            error={errors.fields.scaleMin}
            optional
          />
          <TextField
            form={form}
            name="scaleMax"
            label={t('live.editor.scaleMax')}
            hint={t('live.editor.scaleMaxHint')}
            value={values.scaleMax}
            onChange={(scaleMax) => set({ scaleMax })}
            maxLength={60}
            error={errors.fields.scaleMax}
            optional
          />
        </div>
      )}
      <CheckboxField
        form={form}
        name="linked"
        label={t('live.editor.linked')}
        hint={t('live.editor.linkedHint')}
        checked={values.linked}
        onChange={(linked) => set({ linked })}
      />
      {values.linked && <StudyLinkFields form={form} values={values} set={set} errors={errors.fields} />}
      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
