import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary, SubmitButton, TextField } from '../../components/forms.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { PageHeading, StatusMessage } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { checkEmail, collect } from '../../lib/validate.ts';

const FORM = 'passwort-vergessen';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const labels = { email: t('forgot.email') };
  const { errors, busy, onSubmit } = useFormSubmit(FORM, ['email'], {
    check: () => collect({ email: checkEmail(email) }),
    send: async () => {
      await api.resetRequest({ email: email.trim() });
      // The same answer whether or not an account exists: nobody learns who has one.
      setSent(true);
    },
  });

  return (
    <div className="narrow">
      <PageHeading title={t('forgot.title')} />
      <StatusMessage message={sent ? t('forgot.sent') : null} />
      {!sent && (
        <>
          <p>{t('forgot.intro')}</p>
          <ErrorSummary form={FORM} errors={errors} labels={labels} />
          <form noValidate onSubmit={onSubmit} className="form">
            <TextField
              form={FORM}
              name="email"
              label={labels.email}
              type="email"
              autoComplete="email"
              inputMode="email"
              spellCheck={false}
              required
              value={email}
              onChange={setEmail}
              error={errors.fields.email}
            />
            <div className="actions">
              <SubmitButton busy={busy}>{t('forgot.submit')}</SubmitButton>
            </div>
          </form>
        </>
      )}
      <p>
        <Link to={PATHS.login}>{t('forgot.backToLogin')}</Link>
      </p>
    </div>
  );
}
