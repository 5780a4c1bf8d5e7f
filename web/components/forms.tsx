import { useCallback, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../lib/api.ts';

// --- error state of a form ---------------------------------------------------------------

export interface FormErrors {
  /** The message for the whole form (from the server, or "please correct the marked fields"). */
  summary: string | null;
  /** Messages per field, keyed by the body key the API uses ("email", "newPassword", …). */
  fields: Record<string, string>;
  /** Counts how often errors were set, so the same message is announced again. */
  seq: number;
}

const NO_ERRORS: FormErrors = { summary: null, fields: {}, seq: 0 };

/**
 * Error handling for one form: client-side checks and server answers end up in the same place.
 * Field messages for keys the form does not show are added to the summary, so nothing is lost.
 */
export function useFormErrors(form: string, fieldNames: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const { t } = useTranslation();
  const known = fieldNames.join('|');

  const clear = useCallback(() => setErrors((e) => ({ ...NO_ERRORS, seq: e.seq })), []);

  const setClientErrors = useCallback(
    (fields: Record<string, string>) => {
      setErrors((e) => ({ summary: t('forms.checkFields'), fields, seq: e.seq + 1 }));
      focusFirstInvalid(form, fields, known.split('|'));
    },
    [t, form, known],
  );

  const setFromError = useCallback(
    (err: unknown) => {
      const names = known.split('|');
      const fields: Record<string, string> = {};
      const extra: string[] = [];
      if (isApiError(err)) {
        for (const field of err.fields) {
          if (names.includes(field.path) && fields[field.path] === undefined) fields[field.path] = field.message;
          else if (field.message && field.message !== err.message) extra.push(`${field.path}: ${field.message}`);
        }
      }
      const message = errorMessage(err);
      // When the message only repeats what a field says, the summary asks to check the fields.
      const summary =
        Object.values(fields).includes(message) && extra.length === 0 ? t('forms.checkFields') : [message, ...extra].join(' ');
      setErrors((e) => ({ summary, fields, seq: e.seq + 1 }));
      focusFirstInvalid(form, fields, names);
    },
    [t, form, known],
  );

  return { errors, clear, setClientErrors, setFromError };
}

/** Field ids follow one rule so the error summary can link to them. */
export function fieldId(form: string, name: string): string {
  return `${form}-${name}`;
}

function focusFirstInvalid(form: string, fields: Record<string, string>, order: string[]) {
  const first = order.find((name) => fields[name] !== undefined);
  if (!first) return;
  // After React has rendered the messages, so the field is read out with its error.
  requestAnimationFrame(() => {
    document.getElementById(fieldId(form, first))?.focus();
  });
}

// --- the summary above a form -------------------------------------------------------------

export function ErrorSummary({ form, errors, labels }: { form: string; errors: FormErrors; labels: Record<string, string> }) {
  const { t } = useTranslation();
  if (errors.summary === null && Object.keys(errors.fields).length === 0) return null;
  const entries = Object.entries(errors.fields);
  return (
    <div className="alert alert-error" role="alert" key={errors.seq}>
      <p className="alert-title">{errors.summary ?? t('forms.checkFields')}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, message]) => (
            <li key={name}>
              <a
                href={`#${fieldId(form, name)}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(fieldId(form, name))?.focus();
                }}
              >
                {labels[name] ?? name}: {message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// --- fields -------------------------------------------------------------------------------

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  required?: boolean;
}

interface FieldFrameProps {
  form: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  optional?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** Label, hint and error message wired to the control (for, aria-describedby, aria-invalid). */
export function Field({ form, name, label, hint, error, required, optional, className, children }: FieldFrameProps) {
  const { t } = useTranslation();
  const id = fieldId(form, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="label-optional"> ({t('forms.optional')})</span>}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">{t('forms.errorPrefix')} </span>
          {error}
        </p>
      )}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(required ? { required: true } : {}),
      })}
    </div>
  );
}

type InputType = 'text' | 'email' | 'password' | 'search';

interface TextFieldProps extends Omit<FieldFrameProps, 'children'> {
  value: string;
  onChange: (value: string) => void;
  type?: InputType;
  autoComplete?: string;
  maxLength?: number;
  spellCheck?: boolean;
  inputMode?: 'text' | 'email' | 'search';
  dir?: 'auto' | 'ltr';
}

export function TextField({
  value,
  onChange,
  type = 'text',
  autoComplete,
  maxLength,
  spellCheck,
  inputMode,
  dir,
  ...frame
}: TextFieldProps) {
  return (
    <Field {...frame}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={value}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
          autoComplete={autoComplete}
          maxLength={maxLength}
          spellCheck={spellCheck}
          inputMode={inputMode}
          dir={dir}
          className="input"
        />
      )}
    </Field>
  );
}

export function TextAreaField({
  value,
  onChange,
  maxLength,
  rows = 4,
  ...frame
}: Omit<FieldFrameProps, 'children'> & { value: string; onChange: (value: string) => void; maxLength?: number; rows?: number }) {
  return (
    <Field {...frame}>
      {(control) => (
        <textarea
          {...control}
          value={value}
          rows={rows}
          maxLength={maxLength}
          dir="auto"
          onChange={(e) => onChange(e.target.value)}
          className="input"
        />
      )}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  value,
  onChange,
  options,
  placeholder,
  ...frame
}: Omit<FieldFrameProps, 'children'> & { value: string; onChange: (value: string) => void; options: Option[]; placeholder?: string }) {
  return (
    <Field {...frame}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)} className="input select">
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField({
  form,
  name,
  label,
  hint,
  checked,
  onChange,
}: {
  form: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = fieldId(form, name);
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hintId} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A submit button that ignores further clicks while the form is being sent (and says so). */
export function SubmitButton({
  busy,
  children,
  variant = 'primary',
}: {
  busy: boolean;
  children: ReactNode;
  variant?: 'primary' | 'danger';
}) {
  const { t } = useTranslation();
  return (
    <button type="submit" className={`button button-${variant}`} aria-disabled={busy || undefined}>
      {children}
      {busy && <span className="visually-hidden"> – {t('forms.sending')}</span>}
    </button>
  );
}

/** Save button and, when the form can be left without saving, "Abbrechen". */
export function FormActions({
  busy,
  submitLabel,
  onCancel,
}: {
  busy: boolean;
  submitLabel: ReactNode;
  onCancel?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <SubmitButton busy={busy}>{submitLabel}</SubmitButton>
      {onCancel && (
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}
