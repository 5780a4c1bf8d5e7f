import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MAX_INVITATIONS_PER_REQUEST, type Wave } from '../../../contracts/study-admin.ts';
import { ErrorSummary, Field, SubmitButton } from '../../components/forms.tsx';
import { ErrorAlert, StatusMessage, useMessage } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { parseCodeCount } from './study-helpers.ts';
import { codesPath } from './study-paths.ts';

const FORM = 'codes';

/** Single-use invitation codes for panel waves: make more, see how many are used, print them. */
export function InvitationsSection({ wave }: { wave: Wave }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [count, setCount] = useState('100');
  const [message, setMessage] = useMessage();
  const codes = useResource((signal) => api.listInvitations(wave.id, { signal }), wave.id);
  const max = formatNumber(MAX_INVITATIONS_PER_REQUEST, language);

  const { errors, busy, onSubmit } = useFormSubmit(FORM, ['count'], {
    check: (): Record<string, string> => (parseCodeCount(count) === null ? { count: t('studies.codes.countRule', { max }) } : {}),
    send: async () => {
      const n = parseCodeCount(count) ?? 0;
      setMessage();
      codes.setData(await api.createInvitations(wave.id, n));
      setMessage({ key: 'studies.codes.created', values: { count: n } });
    },
  });

  return (
    <section className="section" aria-labelledby="einladungscodes">
      <h2 id="einladungscodes">{t('studies.codes.heading')}</h2>
      <p className="hint">{wave.invitationOnly ? t('studies.codes.activeHint') : t('studies.codes.inactiveHint')}</p>
      <ErrorAlert error={codes.error} />
      {codes.data && (
        <p className="result-count">
          {t('studies.codes.counts', {
            count: codes.data.total,
            total: formatNumber(codes.data.total, language),
            used: formatNumber(codes.data.used, language),
          })}
        </p>
      )}
      <StatusMessage message={message} />
      <ErrorSummary form={FORM} errors={errors} labels={{ count: t('studies.codes.count') }} />
      <form noValidate onSubmit={onSubmit} className="form inline-form" aria-label={t('studies.codes.create')}>
        <Field
          form={FORM}
          name="count"
          label={t('studies.codes.count')}
          hint={t('studies.codes.countHint', { max })}
          error={errors.fields.count}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_INVITATIONS_PER_REQUEST}
              step={1}
              className="input input-short"
              value={count}
              onChange={(event) => setCount(event.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <SubmitButton busy={busy}>{t('studies.codes.create')}</SubmitButton>
        </div>
      </form>
      {codes.data && codes.data.total > 0 && (
        <p>
          <Link to={codesPath(wave.id)}>{t('studies.codes.sheet')}</Link>
        </p>
      )}
    </section>
  );
}
