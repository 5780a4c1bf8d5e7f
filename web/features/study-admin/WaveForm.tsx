import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISTRICTS, type VersionSummary, type Wave } from '../../../contracts/study-admin.ts';
import { CheckboxField, ErrorSummary, Field, SelectField, FormActions, TextAreaField, TextField } from '../../components/forms.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { CheckboxGroup } from './CheckboxGroup.tsx';
import { DEFAULT_CONSENT_DE, DEFAULT_CONSENT_EN } from './consent-defaults.ts';
import {
  checkWaveValues,
  CONSENT_MAX,
  defaultPeriod,
  DISTRICT_KEYS,
  WAVE_CHANNELS,
  WAVE_NAME_MAX,
  type WaveChannel,
  type WaveValues,
} from './study-helpers.ts';

const FIELDS = ['name', 'opensOn', 'closesOn', 'channels', 'districts', 'versionId', 'invitationOnly', 'consentDe', 'consentEn'] as const;

/** A new wave: online only, the whole region, the newest questionnaire version, six weeks from today. */
export function newWaveValues(versions: readonly VersionSummary[], today = new Date()): WaveValues {
  const newest = [...versions].sort((a, b) => b.version - a.version)[0];
  return {
    name: '',
    ...defaultPeriod(today),
    channels: ['online'],
    consentDe: DEFAULT_CONSENT_DE,
    consentEn: DEFAULT_CONSENT_EN,
    districts: [...DISTRICT_KEYS],
    versionId: newest?.id ?? '',
    invitationOnly: false,
  };
}

export function waveValues(wave: Wave): WaveValues {
  return {
    name: wave.name,
    opensOn: wave.opensOn,
    closesOn: wave.closesOn,
    // "live" is set by the congress module; this form keeps it as it is (see onSave's caller).
    channels: wave.channels.filter((c): c is WaveChannel => (WAVE_CHANNELS as readonly string[]).includes(c)),
    consentDe: wave.consentDe,
    consentEn: wave.consentEn,
    districts: [...wave.districts],
    versionId: wave.versionId,
    invitationOnly: wave.invitationOnly,
  };
}

function DateField({
  form,
  name,
  label,
  value,
  onChange,
  error,
}: {
  form: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <Field form={form} name={name} label={label} error={error} required className="field-date">
      {(control) => <input {...control} type="date" className="input" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** The fields of a wave, for "Neue Welle" and for changing a wave. */
export function WaveForm({
  form,
  versions,
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  form: string;
  versions: readonly VersionSummary[];
  initial: WaveValues;
  submitLabel: string;
  /** Resolves when saved; a rejection is shown in the error summary and at the fields. */
  onSave: (values: WaveValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<WaveValues>(initial);
  const set =
    <K extends keyof WaveValues>(key: K) =>
    (value: WaveValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const labels: Record<(typeof FIELDS)[number], string> = {
    name: t('studies.waveForm.name'),
    opensOn: t('studies.waveForm.opensOn'),
    closesOn: t('studies.waveForm.closesOn'),
    channels: t('studies.waveForm.channels'),
    districts: t('studies.waveForm.districts'),
    versionId: t('studies.waveForm.version'),
    invitationOnly: t('studies.waveForm.invitationOnly'),
    consentDe: t('studies.waveForm.consentDe'),
    consentEn: t('studies.waveForm.consentEn'),
  };

  const { errors, busy, onSubmit } = useFormSubmit(form, FIELDS, {
    check: () => Object.fromEntries(Object.entries(checkWaveValues(values)).map(([field, key]) => [field, t(key, { max: CONSENT_MAX })])),
    send: () => onSave({ ...values, name: values.name.trim(), consentDe: values.consentDe.trim(), consentEn: values.consentEn.trim() }),
  });

  const versionOptions = [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      value: v.id,
      label: t(v.locked ? 'studies.waveForm.versionOptionLocked' : 'studies.waveForm.versionOption', {
        version: v.version,
        count: v.questionCount,
      }),
    }));

  return (
    <>
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form form-wide" aria-label={submitLabel}>
        <TextField
          form={form}
          name="name"
          label={labels.name}
          hint={t('studies.waveForm.nameHint')}
          required
          maxLength={WAVE_NAME_MAX}
          value={values.name}
          onChange={set('name')}
          error={errors.fields.name}
        />
        <div className="field-row">
          <DateField
            form={form}
            name="opensOn"
            label={labels.opensOn}
            value={values.opensOn}
            onChange={set('opensOn')}
            error={errors.fields.opensOn}
          />
          <DateField
            form={form}
            name="closesOn"
            label={labels.closesOn}
            value={values.closesOn}
            onChange={set('closesOn')}
            error={errors.fields.closesOn}
          />
        </div>
        <CheckboxGroup
          form={form}
          name="channels"
          legend={labels.channels}
          options={WAVE_CHANNELS.map((channel) => ({
            value: channel,
            label: t(`studies.channels.${channel}`),
            hint: t(`studies.channelHints.${channel}`),
          }))}
          selected={values.channels}
          onChange={set('channels')}
          error={errors.fields.channels}
        />
        <CheckboxGroup
          form={form}
          name="districts"
          legend={labels.districts}
          hint={t('studies.waveForm.districtsHint')}
          options={DISTRICT_KEYS.map((key) => ({ value: key, label: DISTRICTS[key] }))}
          selected={values.districts}
          onChange={set('districts')}
          error={errors.fields.districts}
        />
        <SelectField
          form={form}
          name="versionId"
          label={labels.versionId}
          hint={t('studies.waveForm.versionHint')}
          required
          options={versionOptions}
          value={values.versionId}
          onChange={set('versionId')}
          error={errors.fields.versionId}
        />
        <CheckboxField
          form={form}
          name="invitationOnly"
          label={labels.invitationOnly}
          hint={t('studies.waveForm.invitationOnlyHint')}
          checked={values.invitationOnly}
          onChange={set('invitationOnly')}
        />
        <TextAreaField
          form={form}
          name="consentDe"
          label={labels.consentDe}
          hint={t('studies.waveForm.consentHint')}
          required
          rows={10}
          maxLength={CONSENT_MAX}
          value={values.consentDe}
          onChange={set('consentDe')}
          error={errors.fields.consentDe}
        />
        <TextAreaField
          form={form}
          name="consentEn"
          label={labels.consentEn}
          required
          rows={10}
          maxLength={CONSENT_MAX}
          value={values.consentEn}
          onChange={set('consentEn')}
          error={errors.fields.consentEn}
        />
        <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
      </form>
    </>
  );
}
