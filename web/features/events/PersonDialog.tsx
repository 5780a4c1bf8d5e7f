import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../contracts/events.ts';
import { ErrorSummary, FormActions, TextField } from '../../components/forms.tsx';
import { Dialog } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { api } from '../../lib/api.ts';

const FORM = 'person-neu';
const FIELDS = ['name', 'role', 'organisation'] as const;

function PersonForm({ onCreated, onCancel }: { onCreated: (person: Person) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [organisation, setOrganisation] = useState('');
  const labels = { name: t('events.people.name'), role: t('events.people.role'), organisation: t('events.people.organisation') };
  const { errors, busy, onSubmit } = useFormSubmit(FORM, FIELDS, {
    check: (): Record<string, string> => (name.trim() === '' ? { name: t('validation.required') } : {}),
    send: async () => {
      onCreated(await api.createPerson({ name: name.trim(), role: role.trim(), organisation: organisation.trim() }));
    },
  });
  return (
    <>
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form" aria-label={t('events.people.createTitle')}>
        <TextField
          form={FORM}
          name="name"
          label={labels.name}
          required
          maxLength={200}
          value={name}
          onChange={setName}
          error={errors.fields.name}
        />
        <TextField
          form={FORM}
          name="role"
          label={labels.role}
          hint={t('events.people.roleHint')}
          optional
          maxLength={300}
          value={role}
          onChange={setRole}
          error={errors.fields.role}
        />
        <TextField
          form={FORM}
          name="organisation"
          label={labels.organisation}
          optional
          maxLength={200}
          value={organisation}
          onChange={setOrganisation}
          error={errors.fields.organisation}
        />
        <FormActions busy={busy} submitLabel={t('events.people.createSubmit')} onCancel={onCancel} />
      </form>
    </>
  );
}

/** "Person anlegen": name, role and organisation of a speaker or moderator, in a dialog. */
export function PersonDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (person: Person) => void }) {
  const { t } = useTranslation();
  return (
    <Dialog id="person-anlegen" open={open} title={t('events.people.createTitle')} onClose={onClose}>
      <PersonForm onCreated={onCreated} onCancel={onClose} />
    </Dialog>
  );
}
