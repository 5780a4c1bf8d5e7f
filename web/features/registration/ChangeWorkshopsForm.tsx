import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationView } from '../../../contracts/registration.ts';
import { SubmitButton } from '../../components/forms.tsx';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { isActiveSeat } from './registration-status.ts';
import { bookable, WorkshopChoice } from './WorkshopChoice.tsx';
import { choicesFromIds, groupWorkshopSlots, idsFromChoices } from './workshop-slots.ts';

const FORM = 'workshops-aendern';

/** Another workshop per time slot, or none; a full workshop puts the person on its waitlist. */
export function ChangeWorkshopsForm({
  view,
  busy,
  onSave,
}: {
  view: RegistrationView;
  busy: boolean;
  onSave: (workshopSessionIds: string[]) => Promise<void>;
}) {
  const { t } = useTranslation();
  const info = useResource((signal) => api.registrationInfo(view.event.slug, { signal }), view.event.slug);
  const current = view.workshops.filter((w) => isActiveSeat(w.status)).map((w) => w.sessionId);
  const slots = info.data ? groupWorkshopSlots(bookable(info.data)) : [];
  const [choices, setChoices] = useState<Record<string, string> | null>(null);
  const shown = choices ?? choicesFromIds(slots, current);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    void onSave(idsFromChoices(slots, shown));
  }

  return (
    <section className="section" aria-labelledby="workshops-aendern-titel">
      <h2 id="workshops-aendern-titel">{t('registration.self.changeHeading')}</h2>
      <ErrorAlert error={info.error} />
      {info.loading && !info.data && <Loading />}
      {info.data && slots.length === 0 && <p>{t('registration.view.noWorkshopsOffered')}</p>}
      {slots.length > 0 && (
        <form noValidate onSubmit={onSubmit} className="form" aria-labelledby="workshops-aendern-titel">
          <p>{t('registration.self.changeHint')}</p>
          <WorkshopChoice
            form={FORM}
            slots={slots}
            choices={shown}
            current={current}
            onChange={(slot, id) => setChoices({ ...shown, [slot]: id })}
          />
          <div className="actions">
            <SubmitButton busy={busy}>{t('registration.self.saveWorkshops')}</SubmitButton>
          </div>
        </form>
      )}
    </section>
  );
}
