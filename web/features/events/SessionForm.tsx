import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_TYPES, type Person } from '../../../contracts/events.ts';
import { ErrorSummary, FormActions, SelectField, TextAreaField, TextField } from '../../components/forms.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { DateTimeField } from './DateTimeField.tsx';
import { checkSessionValues, problemMessages, SESSION_FIELDS, type SessionValues } from './event-form.ts';
import { PeoplePicker } from './PeoplePicker.tsx';
import { PersonDialog } from './PersonDialog.tsx';

type PeopleField = 'moderators' | 'speakers';

/** The fields of a programme item; moderators and speakers are chosen from the known people. */
export function SessionForm({
  form,
  initial,
  people,
  submitLabel,
  onPersonCreated,
  onSave,
  onCancel,
}: {
  form: string;
  initial: SessionValues;
  people: readonly Person[];
  submitLabel: string;
  onPersonCreated: (person: Person) => void;
  onSave: (values: SessionValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<SessionValues>(initial);
  const [creatingFor, setCreatingFor] = useState<PeopleField | null>(null);
  const set =
    <K extends keyof SessionValues>(key: K) =>
    (value: SessionValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const labels: Record<(typeof SESSION_FIELDS)[number], string> = {
    type: t('events.sessionForm.type'),
    title: t('events.sessionForm.title'),
    startsAt: t('events.sessionForm.startsAt'),
    endsAt: t('events.sessionForm.endsAt'),
    room: t('events.sessionForm.room'),
    track: t('events.sessionForm.track'),
    abstract: t('events.sessionForm.abstract'),
    moderators: t('events.session.moderation'),
    speakers: t('events.session.speakers'),
  };
  const { errors, busy, onSubmit } = useFormSubmit(form, SESSION_FIELDS, {
    check: () => problemMessages(checkSessionValues(values), t),
    send: () => onSave(values),
  });

  return (
    <>
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form form-wide" aria-label={submitLabel}>
        <SelectField
          form={form}
          name="type"
          label={labels.type}
          required
          options={SESSION_TYPES.map((type) => ({ value: type, label: t(`events.sessionTypes.${type}`) }))}
          value={values.type}
          onChange={(v) => set('type')(SESSION_TYPES.find((type) => type === v) ?? values.type)}
          error={errors.fields.type}
        />
        <TextField
          form={form}
          name="title"
          label={labels.title}
          required
          maxLength={300}
          value={values.title}
          onChange={set('title')}
          error={errors.fields.title}
        />
        <div className="field-row">
          <DateTimeField
            form={form}
            name="startsAt"
            label={labels.startsAt}
            value={values.startsAt}
            onChange={set('startsAt')}
            error={errors.fields.startsAt}
          />
          <DateTimeField
            form={form}
            name="endsAt"
            label={labels.endsAt}
            value={values.endsAt}
            onChange={set('endsAt')}
            error={errors.fields.endsAt}
          />
        </div>
        <div className="field-row">
          <TextField
            form={form}
            name="room"
            label={labels.room}
            hint={t('events.sessionForm.roomHint')}
            optional
            maxLength={120}
            value={values.room}
            onChange={set('room')}
            error={errors.fields.room}
          />
          <TextField
            form={form}
            name="track"
            label={labels.track}
            optional
            maxLength={120}
            value={values.track}
            onChange={set('track')}
            error={errors.fields.track}
          />
        </div>
        <TextAreaField
          form={form}
          name="abstract"
          label={labels.abstract}
          optional
          rows={5}
          maxLength={10_000}
          value={values.abstract}
          onChange={set('abstract')}
          error={errors.fields.abstract}
        />
        <PeoplePicker
          form={form}
          name="moderators"
          legend={labels.moderators}
          people={people}
          selected={values.moderators}
          onChange={set('moderators')}
          onCreatePerson={() => setCreatingFor('moderators')}
          error={errors.fields.moderators}
        />
        <PeoplePicker
          form={form}
          name="speakers"
          legend={labels.speakers}
          people={people}
          selected={values.speakers}
          onChange={set('speakers')}
          onCreatePerson={() => setCreatingFor('speakers')}
          error={errors.fields.speakers}
        />
        <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
      </form>
      {/* Outside the session form: a form may not contain another one. */}
      <PersonDialog
        open={creatingFor !== null}
        onClose={() => setCreatingFor(null)}
        onCreated={(person) => {
          onPersonCreated(person);
          if (creatingFor) setValues((v) => ({ ...v, [creatingFor]: [...v[creatingFor], person.id] }));
          setCreatingFor(null);
        }}
      />
    </>
  );
}
