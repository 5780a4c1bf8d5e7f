import { TextField } from '../../components/forms.tsx';
import { DISPLAY_NAME_MAX } from '../../lib/validate.ts';

interface Props {
  form: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}

/** A person's name as shown in the platform, for the create and edit user forms. */
export function DisplayNameField({ form, label, value, onChange, error }: Props) {
  return (
    <TextField
      form={form}
      name="displayName"
      label={label}
      autoComplete="off"
      required
      maxLength={DISPLAY_NAME_MAX}
      value={value}
      onChange={onChange}
      error={error}
      dir="auto"
    />
  );
}
