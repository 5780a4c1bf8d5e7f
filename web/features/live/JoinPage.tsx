import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LiveCodeSchema } from '../../../contracts/live.ts';
import { ErrorSummary, Field, SubmitButton } from '../../components/forms.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { PageHeading } from '../../components/ui.tsx';
import { ApiError, api, isApiError } from '../../lib/api.ts';
import { pagePath, PATHS } from '../../lib/paths.ts';
import './live.css';

const FORM = 'live-code';

/** Digits only: people type "123 456" as printed, or paste the code with spaces. */
function normaliseCode(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** The audience's way in: one big field for the six-digit code on the screen. */
export default function JoinPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const { errors, busy, onSubmit } = useFormSubmit(FORM, ['code'], {
    check: (): Record<string, string> => (LiveCodeSchema.safeParse(normaliseCode(code)).success ? {} : { code: t('live.join.invalid') }),
    send: async () => {
      const clean = normaliseCode(code);
      try {
        await api.liveRoom(clean);
      } catch (err) {
        // An unknown code: the server's message belongs at the field.
        if (isApiError(err) && err.status === 404) {
          throw new ApiError({ status: 404, code: err.code, message: err.message, fields: [{ path: 'code', message: err.message }] });
        }
        throw err;
      }
      await navigate(pagePath(PATHS.liveRoom, { code: clean }));
    },
  });

  return (
    <div className="live-join">
      <PageHeading title={t('live.join.title')} />
      <p>{t('live.join.intro')}</p>
      <form id={FORM} onSubmit={onSubmit} noValidate aria-label={t('live.join.title')}>
        <ErrorSummary form={FORM} errors={errors} labels={{ code: t('live.join.code') }} />
        <Field form={FORM} name="code" label={t('live.join.code')} hint={t('live.join.hint')} error={errors.fields.code} required>
          {(control) => (
            <input
              {...control}
              className="input live-code-input"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              pattern="[0-9 ]*"
              maxLength={7}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <SubmitButton busy={busy}>{t('live.join.submit')}</SubmitButton>
      </form>
    </div>
  );
}
