import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../contracts/events.ts';
import { fieldId } from '../../components/forms.tsx';

export function personLabel(person: Person): string {
  const detail = [person.role, person.organisation].filter(Boolean).join(', ');
  return detail ? `${person.name} (${detail})` : person.name;
}

/**
 * Moderators or speakers of a session, chosen from the people already known, in the order
 * they are shown. A person who is not known yet is added with "Person anlegen".
 */
export function PeoplePicker({
  form,
  name,
  legend,
  people,
  selected,
  onChange,
  onCreatePerson,
  error,
}: {
  form: string;
  name: string;
  legend: string;
  people: readonly Person[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  onCreatePerson: () => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState('');
  const id = fieldId(form, name);
  const errorId = error ? `${id}-error` : undefined;
  const byId = new Map(people.map((p) => [p.id, p]));
  const available = people.filter((p) => !selected.includes(p.id));

  function add() {
    if (choice === '' || selected.includes(choice)) return;
    onChange([...selected, choice]);
    setChoice('');
  }

  return (
    <fieldset className={error ? 'fieldset field field-invalid people-picker' : 'fieldset field people-picker'} aria-describedby={errorId}>
      <legend>{legend}</legend>
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">{t('forms.errorPrefix')} </span>
          {error}
        </p>
      )}
      {selected.length === 0 ? (
        <p className="hint">{t('events.people.noneChosen')}</p>
      ) : (
        <ol className="people-chosen">
          {selected.map((personId) => {
            const person = byId.get(personId);
            const label = person ? personLabel(person) : t('events.people.unknown');
            return (
              <li key={personId}>
                <bdi>{label}</bdi>{' '}
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`${t('events.people.remove')}: ${person?.name ?? label}`}
                  onClick={() => onChange(selected.filter((x) => x !== personId))}
                >
                  {t('events.people.remove')}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <div className="people-add">
        <label htmlFor={id}>{t('events.people.choose', { legend })}</label>
        <div className="input-with-button">
          <select
            id={id}
            className="input select"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            aria-invalid={error ? true : undefined}
          >
            <option value="">{t('forms.choose')}</option>
            {available.map((person) => (
              <option key={person.id} value={person.id}>
                {personLabel(person)}
              </option>
            ))}
          </select>
          <button type="button" className="button button-secondary" onClick={add}>
            {t('events.people.add')}
          </button>
        </div>
      </div>
      <button type="button" className="button button-quiet" onClick={onCreatePerson}>
        {t('events.people.create')}
      </button>
    </fieldset>
  );
}
