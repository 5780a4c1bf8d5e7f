import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { CheckboxField, ErrorSummary, SubmitButton, TextField } from '../../components/forms.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { Loading, PageHeading, StatusMessage } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { PATHS, safeNextPath } from '../../lib/paths.ts';
import { useSession } from '../../lib/session.tsx';
import { isLoginNotice } from '../../lib/use-logout.ts';
import { checkEmail, collect } from '../../lib/validate.ts';

const FORM = 'anmelden';

export default function LoginPage() {
  const { t } = useTranslation();
  const { user, status, signingOut, setSigningOut } = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('weiter'));
  const state: unknown = location.state;
  const notice = state && typeof state === 'object' && 'notice' in state && isLoginNotice(state.notice) ? state.notice : null;

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const { errors, busy, onSubmit } = useFormSubmit(FORM, ['email', 'password'], {
    check: () =>
      collect({
        email: checkEmail(email),
        password: password === '' ? t('validation.passwordRequired') : undefined,
      }),
    send: async () => {
      await api.login({ email: email.trim(), password });
    },
  });

  // Arrived here after signing out: protected pages may redirect normally again.
  useEffect(() => {
    if (signingOut && !user) setSigningOut(false);
  }, [signingOut, user, setSigningOut]);

  // Signed in (also right after a successful login): on to where the person wanted to go.
  if (user) return <Navigate to={next ?? PATHS.account} replace />;

  const labels = { email: t('login.email'), password: t('login.password') };

  return (
    <div className="narrow">
      <PageHeading title={t('login.title')} />
      <StatusMessage tone="info" message={notice ? t(`login.notices.${notice}`) : next ? t('login.notices.required') : null} />
      {status === 'loading' ? (
        <Loading />
      ) : (
        <>
          <p>{t('login.intro')}</p>
          <ErrorSummary form={FORM} errors={errors} labels={labels} />
          <form noValidate onSubmit={onSubmit} className="form">
            <TextField
              form={FORM}
              name="email"
              label={labels.email}
              type="email"
              autoComplete="username"
              inputMode="email"
              spellCheck={false}
              required
              value={email}
              onChange={setEmail}
              error={errors.fields.email}
            />
            <PasswordField
              form={FORM}
              name="password"
              label={labels.password}
              show={showPassword}
              required
              value={password}
              onChange={setPassword}
              error={errors.fields.password}
            />
            <CheckboxField form={FORM} name="show" label={t('forms.showPassword')} checked={showPassword} onChange={setShowPassword} />
            <div className="actions">
              <SubmitButton busy={busy}>{t('login.submit')}</SubmitButton>
              <Link to={PATHS.forgotPassword}>{t('login.forgot')}</Link>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
