import { useTranslation } from 'react-i18next';
import { Field } from '../../components/forms.tsx';

/** Date and time in Berlin (the browser's date-time input, whatever zone the device uses). */
export function DateTimeField({
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
  const { t } = useTranslation();
  return (
    <Field form={form} name={name} label={label} hint={t('events.form.timeHint')} error={error} required className="field-date">
      {(control) => (
        <input {...control} type="datetime-local" className="input" value={value} step={60} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}
