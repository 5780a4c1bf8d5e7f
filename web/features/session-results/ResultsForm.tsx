import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NEXT_STEPS, NEXT_STEP_STATUSES, type NextStepStatus, type SessionResults } from '../../../contracts/session-results.ts';
import { ErrorSummary, Field, FormActions, SelectField, TextAreaField, TextField } from '../../components/forms.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';

interface StepValues {
  key: string;
  text: string;
  owner: string;
  dueDate: string;
  status: NextStepStatus;
}

const FORM = 'ergebnisse';
let counter = 0;
const newKey = () => `schritt-${++counter}`;
const emptyStep = (): StepValues => ({ key: newKey(), text: '', owner: '', dueDate: '', status: 'offen' });

/** Text and agreed next steps of a session's results; saving keeps them a draft or published as they are. */
export function ResultsForm({
  results,
  onSave,
}: {
  results: SessionResults;
  onSave: (body: {
    text: string;
    nextSteps: { text: string; owner: string; dueDate: string | null; status: NextStepStatus }[];
  }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(results.text);
  const [steps, setSteps] = useState<StepValues[]>(() =>
    results.nextSteps.map((s) => ({ key: newKey(), text: s.text, owner: s.owner, dueDate: s.dueDate ?? '', status: s.status })),
  );
  const names = ['text', ...steps.flatMap((_, i) => ['text', 'owner', 'dueDate', 'status'].map((f) => `nextSteps.${i}.${f}`))];
  const labels: Record<string, string> = { text: t('sessionResults.form.text') };
  steps.forEach((_, i) => {
    for (const f of ['text', 'owner', 'dueDate', 'status'] as const)
      labels[`nextSteps.${i}.${f}`] = `${t('sessionResults.steps.step', { n: i + 1 })}, ${t(`sessionResults.steps.${f}`)}`;
  });

  const { errors, busy, onSubmit } = useFormSubmit(FORM, names, {
    check: () => {
      const problems: Record<string, string> = {};
      steps.forEach((s, i) => {
        if (!s.text.trim()) problems[`nextSteps.${i}.text`] = t('sessionResults.form.stepTextMissing');
        if (!s.owner.trim()) problems[`nextSteps.${i}.owner`] = t('sessionResults.form.ownerMissing');
      });
      return problems;
    },
    send: () =>
      onSave({
        text,
        nextSteps: steps.map((s) => ({ text: s.text.trim(), owner: s.owner.trim(), dueDate: s.dueDate || null, status: s.status })),
      }),
  });

  const update = (key: string, patch: Partial<StepValues>) => setSteps((list) => list.map((s) => (s.key === key ? { ...s, ...patch } : s)));

  return (
    <form id={FORM} onSubmit={onSubmit} noValidate className="results-form">
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <TextAreaField
        form={FORM}
        name="text"
        label={t('sessionResults.form.text')}
        hint={t('sessionResults.form.textHint')}
        value={text}
        onChange={setText}
        rows={10}
        maxLength={20_000}
        error={errors.fields.text}
      />

      <fieldset className="fieldset next-steps-editor">
        <legend>{t('sessionResults.steps.heading')}</legend>
        <p className="hint">{t('sessionResults.form.stepsHint')}</p>
        {steps.length === 0 && <p>{t('sessionResults.form.noSteps')}</p>}
        <ol className="next-steps-list">
          {steps.map((step, i) => {
            const n = i + 1;
            const name = (f: string) => `nextSteps.${i}.${f}`;
            return (
              <li key={step.key} className="panel next-step-item">
                <fieldset className="fieldset">
                  <legend>{t('sessionResults.steps.step', { n })}</legend>
                  <TextField
                    form={FORM}
                    name={name('text')}
                    label={t('sessionResults.steps.text')}
                    value={step.text}
                    onChange={(v) => update(step.key, { text: v })}
                    maxLength={1000}
                    required
                    error={errors.fields[name('text')]}
                  />
                  <TextField
                    form={FORM}
                    name={name('owner')}
                    label={t('sessionResults.steps.owner')}
                    hint={t('sessionResults.form.ownerHint')}
                    value={step.owner}
                    onChange={(v) => update(step.key, { owner: v })}
                    maxLength={200}
                    required
                    error={errors.fields[name('owner')]}
                  />
                  <Field
                    form={FORM}
                    name={name('dueDate')}
                    label={t('sessionResults.steps.dueDate')}
                    optional
                    error={errors.fields[name('dueDate')]}
                  >
                    {(control) => (
                      <input
                        {...control}
                        type="date"
                        className="input input-date"
                        value={step.dueDate}
                        onChange={(e) => update(step.key, { dueDate: e.target.value })}
                      />
                    )}
                  </Field>
                  <SelectField
                    form={FORM}
                    name={name('status')}
                    label={t('sessionResults.steps.status')}
                    value={step.status}
                    onChange={(v) => update(step.key, { status: v as NextStepStatus })}
                    options={NEXT_STEP_STATUSES.map((s) => ({ value: s, label: t(`sessionResults.statuses.${s}`) }))}
                    error={errors.fields[name('status')]}
                  />
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => setSteps((list) => list.filter((s) => s.key !== step.key))}
                  >
                    {t('sessionResults.form.removeStep', { n })}
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
        {steps.length < MAX_NEXT_STEPS && (
          <button type="button" className="button button-secondary" onClick={() => setSteps((list) => [...list, emptyStep()])}>
            {t('sessionResults.form.addStep')}
          </button>
        )}
      </fieldset>

      <FormActions busy={busy} submitLabel={t('sessionResults.form.save')} />
    </form>
  );
}
