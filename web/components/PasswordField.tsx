import type { ComponentProps } from 'react';
import { TextField } from './forms.tsx';

type Props = Omit<ComponentProps<typeof TextField>, 'type' | 'spellCheck'> & {
  /** Whether the password is shown as plain text (the form's "show password" box). */
  show: boolean;
};

/** A password input: hidden unless the person asked to see it, never spell-checked. */
export function PasswordField({ show, autoComplete = 'current-password', ...props }: Props) {
  return <TextField {...props} type={show ? 'text' : 'password'} autoComplete={autoComplete} spellCheck={false} />;
}
