import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../components/forms.tsx';

/**
 * Several checkboxes under one legend, with hint and error message. The first box carries the
 * group's field id, so the error summary's link lands in the group.
 */
export function CheckboxGroup<T extends string>({
  form,
  name,
  legend,
  hint,
  options,
  selected,
  onChange,
  error,
}: {
  form: string;
  name: string;
  legend: string;
  hint?: ReactNode;
  options: { value: T; label: ReactNode; hint?: ReactNode }[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const id = fieldId(form, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const toggle = (value: T, on: boolean) => onChange(options.map((o) => o.value).filter((v) => (v === value ? on : selected.includes(v))));

  return (
    <fieldset className={error ? 'fieldset field field-invalid' : 'fieldset field'} aria-describedby={describedBy}>
      <legend>{legend}</legend>
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
      {options.map((option, index) => {
        const boxId = index === 0 ? id : `${id}-${option.value}`;
        const optionHintId = option.hint ? `${boxId}-hint` : undefined;
        return (
          <div className="checkbox" key={option.value}>
            <input
              id={boxId}
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
              aria-invalid={error ? true : undefined}
              aria-describedby={optionHintId}
            />
            <label htmlFor={boxId}>{option.label}</label>
            {option.hint && (
              <p className="hint" id={optionHintId}>
                {option.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
