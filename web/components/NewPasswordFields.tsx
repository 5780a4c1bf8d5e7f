import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '../../contracts/common.ts';
import { TextField } from './forms.tsx';

interface Props {
  form: string;
  labels: { newPassword: string; repeatPassword: string };
  /** Whether the passwords are shown as plain text (the form's "show passwords" box). */
  show: boolean;
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  errors: Partial<Record<'newPassword' | 'repeatPassword', string>>;
}

/** "New password" and "repeat", as used when setting a password by link and when changing it. */
export function NewPasswordFields({ form, labels, show, password, repeat, onPassword, onRepeat, errors }: Props) {
  const { t } = useTranslation();
  const common = { form, type: show ? 'text' : 'password', autoComplete: 'new-password', spellCheck: false, required: true } as const;
  return (
    <>
      <TextField
        {...common}
        name="newPassword"
        label={labels.newPassword}
        hint={t('forms.passwordHint', { min: PASSWORD_MIN })}
        value={password}
        onChange={onPassword}
        error={errors.newPassword}
      />
      <TextField
        {...common}
        name="repeatPassword"
        label={labels.repeatPassword}
        value={repeat}
        onChange={onRepeat}
        error={errors.repeatPassword}
      />
    </>
  );
}
