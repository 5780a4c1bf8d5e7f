import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTICIPANT_TYPES, type ParticipantType, type RegistrationInfo } from '../../../contracts/registration.ts';
import { ErrorSummary, fieldId, SelectField, SubmitButton, TextAreaField, TextField } from '../../components/forms.tsx';
import { ErrorAlert } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { currentLanguage } from '../../i18n.ts';
import { api, isApiError } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatDeadline } from './registration-status.ts';
import { bookable, WorkshopChoice } from './WorkshopChoice.tsx';
import { groupWorkshopSlots, idsFromChoices } from './workshop-slots.ts';

const FORM = 'anmeldung';
const FIELDS = ['name', 'email', 'organisation', 'participantType', 'accessibilityNeeds', 'workshopSessionIds', 'consent'] as const;

function RegisterForm({ slug, info, onSent }: { slug: string; info: RegistrationInfo; onSent: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const slots = groupWorkshopSlots(bookable(info));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [participantType, setParticipantType] = useState<ParticipantType | ''>('');
  const [accessibilityNeeds, setAccessibilityNeeds] = useState('');
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [consent, setConsent] = useState(false);

  const labels: Record<string, string> = {
    name: t('registration.form.name'),
    email: t('registration.form.email'),
    organisation: t('registration.form.organisation'),
    participantType: t('registration.form.participantType'),
    accessibilityNeeds: t('registration.form.accessibility'),
    workshopSessionIds: t('registration.form.workshops'),
    consent: t('registration.form.consentLabel'),
  };

  const { errors, busy, onSubmit } = useFormSubmit(FORM, FIELDS, {
    check: () => {
      const problems: Record<string, string> = {};
      if (name.trim() === '') problems.name = t('registration.form.nameMissing');
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) problems.email = t('registration.form.emailInvalid');
      if (participantType === '') problems.participantType = t('registration.form.typeMissing');
      if (!consent) problems.consent = t('registration.form.consentMissing');
      return problems;
    },
    send: async () => {
      if (participantType === '') return;
      await api.register(slug, {
        name: name.trim(),
        email: email.trim(),
        organisation: organisation.trim(),
        participantType,
        accessibilityNeeds: accessibilityNeeds.trim(),
        workshopSessionIds: idsFromChoices(slots, choices),
        consent: true,
      });
      onSent();
    },
  });

  return (
    <form noValidate onSubmit={onSubmit} className="form registration-form" aria-labelledby="anmeldung-titel">
      <p>{t('registration.form.intro')}</p>
      {info.closesAt && <p>{t('registration.form.closesAt', { deadline: formatDeadline(info.closesAt, language) })}</p>}
      {info.seatsLeft !== null && info.seatsLeft <= 0 && <p className="alert alert-info">{t('registration.form.eventFull')}</p>}
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <TextField
        form={FORM}
        name="name"
        label={labels.name}
        value={name}
        onChange={setName}
        autoComplete="name"
        maxLength={200}
        required
        error={errors.fields.name}
      />
      <TextField
        form={FORM}
        name="email"
        type="email"
        inputMode="email"
        label={labels.email}
        hint={t('registration.form.emailHint')}
        value={email}
        onChange={setEmail}
        autoComplete="email"
        spellCheck={false}
        maxLength={254}
        required
        error={errors.fields.email}
      />
      <TextField
        form={FORM}
        name="organisation"
        label={labels.organisation}
        hint={t('registration.form.organisationHint')}
        value={organisation}
        onChange={setOrganisation}
        autoComplete="organization"
        maxLength={200}
        optional
        error={errors.fields.organisation}
      />
      <SelectField
        form={FORM}
        name="participantType"
        label={labels.participantType}
        value={participantType}
        onChange={(value) => setParticipantType(value as ParticipantType | '')}
        placeholder={t('forms.choose')}
        options={PARTICIPANT_TYPES.map((type) => ({ value: type, label: t(`registration.types.${type}`) }))}
        required
        error={errors.fields.participantType}
      />
      <TextAreaField
        form={FORM}
        name="accessibilityNeeds"
        label={labels.accessibilityNeeds}
        hint={t('registration.form.accessibilityHint')}
        value={accessibilityNeeds}
        onChange={setAccessibilityNeeds}
        maxLength={2000}
        rows={3}
        optional
        error={errors.fields.accessibilityNeeds}
      />
      {slots.length > 0 && (
        <WorkshopChoice
          form={FORM}
          slots={slots}
          choices={choices}
          onChange={(slot, id) => setChoices((c) => ({ ...c, [slot]: id }))}
          error={errors.fields.workshopSessionIds}
        />
      )}
      <section className="registration-privacy" aria-labelledby="anmeldung-datenschutz">
        <h3 id="anmeldung-datenschutz">{t('registration.privacy.heading')}</h3>
        <ul>
          <li>{t('registration.privacy.what')}</li>
          <li>{t('registration.privacy.why')}</li>
          <li>{t('registration.privacy.who')}</li>
          <li>{t('registration.privacy.deletion')}</li>
          <li>{t('registration.privacy.rights')}</li>
        </ul>
      </section>
      <div className={errors.fields.consent ? 'field checkbox registration-consent field-invalid' : 'field checkbox registration-consent'}>
        <input
          id={fieldId(FORM, 'consent')}
          type="checkbox"
          checked={consent}
          onChange={(e) => setConsent(e.target.checked)}
          required
          aria-invalid={errors.fields.consent ? true : undefined}
          aria-describedby={errors.fields.consent ? `${fieldId(FORM, 'consent')}-error` : undefined}
        />
        <label htmlFor={fieldId(FORM, 'consent')}>{labels.consent}</label>
        {errors.fields.consent && (
          <p className="error-message" id={`${fieldId(FORM, 'consent')}-error`}>
            <span className="visually-hidden">{t('forms.errorPrefix')} </span>
            {errors.fields.consent}
          </p>
        )}
      </div>
      <div className="actions">
        <SubmitButton busy={busy}>{t('registration.form.submit')}</SubmitButton>
      </div>
    </form>
  );
}

/**
 * "Anmelden" on the public page of an upcoming public event while registration is open. After
 * sending it always says the same: the server does not tell whether the address was known.
 */
export function RegistrationSection({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const info = useResource((signal) => api.registrationInfo(slug, { signal }), slug);
  const [sent, setSent] = useState(false);
  const sentRef = useRef<HTMLDivElement>(null);

  // Events without registration answer 404: then there is nothing to show.
  if (isApiError(info.error) && info.error.status === 404) return null;
  if (!info.data) return info.error ? <ErrorAlert error={info.error} /> : null;

  return (
    <section className="section registration" aria-labelledby="anmeldung-titel">
      <h2 id="anmeldung-titel">{t('registration.form.heading')}</h2>
      {sent ? (
        <div className="alert alert-success" role="status" ref={sentRef} tabIndex={-1}>
          <p className="alert-title">{t('registration.form.sentTitle')}</p>
          <p>{t('registration.form.sent')}</p>
        </div>
      ) : info.data.open ? (
        <RegisterForm
          slug={slug}
          info={info.data}
          onSent={() => {
            setSent(true);
            requestAnimationFrame(() => sentRef.current?.focus());
          }}
        />
      ) : (
        <p>{t('registration.form.closed')}</p>
      )}
    </section>
  );
}
