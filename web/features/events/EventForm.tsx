import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_FORMATS, FIELDS_OF_ACTION, ORGANISERS, VISIBILITIES } from '../../../contracts/events.ts';
import { ErrorSummary, FormActions, SelectField, TextAreaField, TextField } from '../../components/forms.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { CheckboxGroup } from '../study-admin/CheckboxGroup.tsx';
import { DateTimeField } from './DateTimeField.tsx';
import { checkEventValues, EVENT_FIELDS, problemMessages, slugFromTitle, type EventField, type EventValues } from './event-form.ts';

/** The fields of an event, for "Neue Veranstaltung" and for changing one. */
export function EventForm({
  form,
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  form: string;
  initial: EventValues;
  submitLabel: string;
  /** Resolves when saved; a rejection is shown in the error summary and at the fields. */
  onSave: (values: EventValues) => Promise<void>;
  onCancel?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<EventValues>(initial);
  // A new event's Kürzel follows its title until someone writes their own.
  const [slugTouched, setSlugTouched] = useState(initial.slug !== '');
  const set =
    <K extends keyof EventValues>(key: K) =>
    (value: EventValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const labels: Record<EventField, string> = {
    title: t('events.form.title'),
    slug: t('events.form.slug'),
    format: t('events.form.format'),
    startsAt: t('events.form.startsAt'),
    endsAt: t('events.form.endsAt'),
    'venue.name': t('events.form.venueName'),
    'venue.street': t('events.form.street'),
    'venue.postalCode': t('events.form.postalCode'),
    'venue.city': t('events.form.city'),
    organisers: t('events.form.organisers'),
    fieldsOfAction: t('events.form.fieldsOfAction'),
    visibility: t('events.form.visibility'),
    description: t('events.form.description'),
  };

  const { errors, busy, onSubmit } = useFormSubmit(form, EVENT_FIELDS, {
    check: () => problemMessages(checkEventValues(values), t),
    send: () => onSave(values),
  });
  const error = (name: EventField) => errors.fields[name];

  return (
    <>
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form form-wide" aria-label={submitLabel}>
        <TextField
          form={form}
          name="title"
          label={labels.title}
          required
          maxLength={200}
          value={values.title}
          onChange={(title) => setValues((v) => ({ ...v, title, slug: slugTouched ? v.slug : slugFromTitle(title) }))}
          error={error('title')}
        />
        <TextField
          form={form}
          name="slug"
          label={labels.slug}
          hint={t('events.form.slugHint')}
          required
          maxLength={80}
          spellCheck={false}
          value={values.slug}
          onChange={(slug) => {
            setSlugTouched(true);
            set('slug')(slug);
          }}
          error={error('slug')}
        />
        <SelectField
          form={form}
          name="format"
          label={labels.format}
          required
          options={EVENT_FORMATS.map((f) => ({ value: f, label: t(`events.formats.${f}`) }))}
          value={values.format}
          onChange={(v) => set('format')(EVENT_FORMATS.find((f) => f === v) ?? values.format)}
          error={error('format')}
        />
        <div className="field-row">
          <DateTimeField
            form={form}
            name="startsAt"
            label={labels.startsAt}
            value={values.startsAt}
            onChange={set('startsAt')}
            error={error('startsAt')}
          />
          <DateTimeField
            form={form}
            name="endsAt"
            label={labels.endsAt}
            value={values.endsAt}
            onChange={set('endsAt')}
            error={error('endsAt')}
          />
        </div>
        <fieldset className="fieldset field">
          <legend>{t('events.form.venue')}</legend>
          <TextField
            form={form}
            name="venue.name"
            label={labels['venue.name']}
            required
            maxLength={200}
            value={values.venueName}
            onChange={set('venueName')}
            error={error('venue.name')}
          />
          <TextField
            form={form}
            name="venue.street"
            label={labels['venue.street']}
            optional
            maxLength={200}
            autoComplete="off"
            value={values.street}
            onChange={set('street')}
            error={error('venue.street')}
          />
          <div className="field-row">
            <TextField
              form={form}
              name="venue.postalCode"
              label={labels['venue.postalCode']}
              required
              maxLength={5}
              autoComplete="off"
              className="field-postal-code"
              value={values.postalCode}
              onChange={set('postalCode')}
              error={error('venue.postalCode')}
            />
            <TextField
              form={form}
              name="venue.city"
              label={labels['venue.city']}
              required
              maxLength={120}
              autoComplete="off"
              value={values.city}
              onChange={set('city')}
              error={error('venue.city')}
            />
          </div>
        </fieldset>
        <CheckboxGroup
          form={form}
          name="organisers"
          legend={labels.organisers}
          options={ORGANISERS.map((o) => ({ value: o, label: t(`events.organisers.${o}`) }))}
          selected={values.organisers}
          onChange={set('organisers')}
          error={error('organisers')}
        />
        <CheckboxGroup
          form={form}
          name="fieldsOfAction"
          legend={labels.fieldsOfAction}
          options={FIELDS_OF_ACTION.map((f) => ({ value: f, label: t(`events.fields.${f}`) }))}
          selected={values.fieldsOfAction}
          onChange={set('fieldsOfAction')}
          error={error('fieldsOfAction')}
        />
        <SelectField
          form={form}
          name="visibility"
          label={labels.visibility}
          hint={t('events.form.visibilityHint')}
          required
          options={VISIBILITIES.map((v) => ({ value: v, label: t(`events.visibility.${v}`) }))}
          value={values.visibility}
          onChange={(v) => set('visibility')(v === 'internal' ? 'internal' : 'public')}
          error={error('visibility')}
        />
        <TextAreaField
          form={form}
          name="description"
          label={labels.description}
          hint={t('events.form.descriptionHint')}
          optional
          rows={6}
          maxLength={10_000}
          value={values.description}
          onChange={set('description')}
          error={error('description')}
        />
        <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
      </form>
    </>
  );
}
