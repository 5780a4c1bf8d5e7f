import { PASSWORD_MAX, PASSWORD_MIN } from '../../contracts/common.ts';
import i18n from '../i18n.ts';

/** Client-side checks give quick feedback; the server checks everything again. */

export function isBlank(value: string): boolean {
  return value.trim() === '';
}

export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

export function checkEmail(value: string): string | undefined {
  if (isBlank(value)) return i18n.t('validation.emailRequired');
  if (!looksLikeEmail(value)) return i18n.t('validation.emailInvalid');
  return undefined;
}

export function checkPassword(value: string): string | undefined {
  if (value.length === 0) return i18n.t('validation.passwordRequired');
  // Count characters as people see them, not UTF-16 units.
  const length = [...value].length;
  if (length < PASSWORD_MIN) return i18n.t('validation.passwordTooShort', { min: PASSWORD_MIN, count: length });
  if (value.length > PASSWORD_MAX) return i18n.t('validation.passwordTooLong', { max: PASSWORD_MAX });
  return undefined;
}

export const DISPLAY_NAME_MIN = 2;
export const DISPLAY_NAME_MAX = 120;

export function checkDisplayName(trimmed: string): string | undefined {
  return trimmed.length < DISPLAY_NAME_MIN || trimmed.length > DISPLAY_NAME_MAX
    ? i18n.t('validation.length', { min: DISPLAY_NAME_MIN, max: DISPLAY_NAME_MAX })
    : undefined;
}

/** New password and its repetition, as in the reset and change-password forms. */
export function checkNewPasswordPair(password: string, repeat: string, names = { password: 'newPassword', repeat: 'repeatPassword' }) {
  const fields: Record<string, string> = {};
  const problem = checkPassword(password);
  if (problem) fields[names.password] = problem;
  else if (repeat !== password) fields[names.repeat] = i18n.t('validation.passwordMismatch');
  return fields;
}

/** Drops undefined entries, so an empty object means "no problems". */
export function collect(entries: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) result[key] = value;
  return result;
}
