import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationList } from '../../../contracts/registration.ts';
import { ErrorSummary, Field, FormActions, TextField } from '../../components/forms.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { api } from '../../lib/api.ts';
import { capacityBody, capacityValues, type CapacityValues } from './capacity-form.ts';

export interface BookableSession {
  sessionId: string;
  title: string;
  start: string;
  capacity: number | null;
}

const FORM = 'kapazitaet';

/** Seats for the event and each workshop ('' = no limit), and when registration closes. */
export function CapacityForm({ list, sessions, onSaved }: { list: RegistrationList; sessions: BookableSession[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<CapacityValues>(() => capacityValues(list.event, sessions));
  const fieldNames = ['capacity', 'registrationClosesAt', ...sessions.map((s) => `session-${s.sessionId}`)];
  const labels: Record<string, string> = {
    capacity: t('registration.staff.capacity'),
    registrationClosesAt: t('registration.staff.deadline'),
    ...Object.fromEntries(sessions.map((s) => [`session-${s.sessionId}`, t('registration.staff.sessionCapacity', { title: s.title })])),
  };

  const { errors, busy, onSubmit } = useFormSubmit(FORM, fieldNames, {
    check: () => {
      const checked = capacityBody(values);
      return checked.ok ? {} : Object.fromEntries(Object.entries(checked.fields).map(([name, key]) => [name, t(key)]));
    },
    send: async () => {
      const checked = capacityBody(values);
      if (!checked.ok) return;
      await api.updateEventCapacity(list.event.id, { ...checked.body, version: list.event.version });
      onSaved();
    },
  });

  return (
    <form noValidate onSubmit={onSubmit} className="form" aria-labelledby="kapazitaet-titel">
      <h3 id="kapazitaet-titel">{t('registration.staff.capacityHeading')}</h3>
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <TextField
        form={FORM}
        name="capacity"
        label={labels.capacity}
        hint={t('registration.staff.capacityHint')}
        value={values.capacity}
        onChange={(capacity) => setValues((v) => ({ ...v, capacity }))}
        inputMode="text"
        optional
        error={errors.fields.capacity}
      />
      <Field
        form={FORM}
        name="registrationClosesAt"
        label={labels.registrationClosesAt}
        hint={t('registration.staff.deadlineHint')}
        error={errors.fields.registrationClosesAt}
        optional
        className="field-date"
      >
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            className="input"
            step={60}
            value={values.registrationClosesAt}
            onChange={(e) => setValues((v) => ({ ...v, registrationClosesAt: e.target.value }))}
          />
        )}
      </Field>
      {sessions.map((s) => (
        <TextField
          key={s.sessionId}
          form={FORM}
          name={`session-${s.sessionId}`}
          label={labels[`session-${s.sessionId}`]}
          hint={t('registration.staff.sessionHint', { start: s.start })}
          value={values.sessions[s.sessionId] ?? ''}
          onChange={(value) => setValues((v) => ({ ...v, sessions: { ...v.sessions, [s.sessionId]: value } }))}
          optional
          error={errors.fields[`session-${s.sessionId}`]}
        />
      ))}
      <FormActions busy={busy} submitLabel={t('registration.staff.saveCapacity')} />
    </form>
  );
}
