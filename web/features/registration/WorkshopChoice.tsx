import { useTranslation } from 'react-i18next';
import type { RegistrationInfo } from '../../../contracts/registration.ts';
import { fieldId } from '../../components/forms.tsx';
import { currentLanguage } from '../../i18n.ts';
import { berlinDate, formatDay, formatTime } from '../events/event-time.ts';
import { seatsHint } from './registration-status.ts';
import type { WorkshopSlot } from './workshop-slots.ts';

export type BookableWorkshop = RegistrationInfo['workshops'][number] & { id: string };

/** The workshops of the registration info with the `id` the slot grouping works on. */
export function bookable(info: RegistrationInfo): BookableWorkshop[] {
  return info.workshops.map((w) => ({ ...w, id: w.sessionId }));
}

/**
 * One group of radio buttons per time slot: "no workshop" or one of the parallel workshops, each
 * with the seats left or the note that a choice goes onto the waitlist.
 */
export function WorkshopChoice({
  form,
  slots,
  choices,
  onChange,
  error,
  current = [],
}: {
  form: string;
  slots: WorkshopSlot<BookableWorkshop>[];
  choices: Record<string, string>;
  onChange: (slotKey: string, workshopId: string) => void;
  error?: string | undefined;
  /** Workshops the person already holds or waits for: their seat counts are not news to them. */
  current?: readonly string[];
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const days = new Set(slots.map((s) => berlinDate(s.startsAt)));
  const id = fieldId(form, 'workshopSessionIds');

  return (
    <fieldset
      className={error ? 'field fieldset field-invalid registration-workshops' : 'field fieldset registration-workshops'}
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
    >
      <legend>{t('registration.form.workshops')}</legend>
      <p className="hint" id={`${id}-hint`}>
        {t('registration.form.workshopsHint')}
      </p>
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t('forms.errorPrefix')} </span>
          {error}
        </p>
      )}
      {slots.map((slot, slotIndex) => {
        const time = t('registration.form.slotTime', {
          start: formatTime(slot.startsAt, language),
          end: formatTime(slot.endsAt, language),
        });
        const legend = days.size > 1 ? `${formatDay(berlinDate(slot.startsAt), language)}, ${time}` : time;
        const name = `${form}-slot-${slotIndex}`;
        const options: { value: string; label: string; hint: string | null }[] = [
          { value: '', label: t('registration.form.noWorkshop'), hint: null },
          ...slot.workshops.map((w) => {
            const hint = current.includes(w.id) ? { key: 'registration.form.current' } : seatsHint(w.seatsLeft);
            return { value: w.id, label: w.title, hint: hint ? t(hint.key, hint.values) : null };
          }),
        ];
        return (
          <fieldset key={slot.key} className="fieldset registration-slot">
            <legend>{legend}</legend>
            {options.map((option, index) => {
              // The first radio of the first slot carries the field id, so the error summary can focus it.
              const optionId = slotIndex === 0 && index === 0 ? id : `${name}-${index}`;
              return (
                <div className="radio" key={option.value || 'keiner'}>
                  <input
                    type="radio"
                    id={optionId}
                    name={name}
                    value={option.value}
                    checked={(choices[slot.key] ?? '') === option.value}
                    onChange={() => onChange(slot.key, option.value)}
                    aria-describedby={option.hint ? `${optionId}-seats` : undefined}
                  />
                  <label htmlFor={optionId}>
                    <bdi>{option.label}</bdi>
                  </label>
                  {option.hint && (
                    <p className="hint registration-seats" id={`${optionId}-seats`}>
                      {option.hint}
                    </p>
                  )}
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </fieldset>
  );
}
