import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '../../contracts/common.ts';
import { PasswordField } from './PasswordField.tsx';

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

/**
 * "New password" and "repeat", as used when setting a password by link and when changing it.
 * Checked with `checkNewPasswordPair` from lib/validate.ts, which uses the same field names.
 */
export function NewPasswordFields({ form, labels, show, password, repeat, onPassword, onRepeat, errors }: Props) {
  const { t } = useTranslation();
  const common = { form, show, autoComplete: 'new-password', required: true } as const;
  return (
    <>
      <PasswordField
        {...common}
        name="newPassword"
        label={labels.newPassword}
        hint={t('forms.passwordHint', { min: PASSWORD_MIN })}
        value={password}
        onChange={onPassword}
        error={errors.newPassword}
      />
      <PasswordField
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
