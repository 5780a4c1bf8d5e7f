import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PASSWORD_MIN } from '../../../contracts/common.ts';
import { CheckboxField, ErrorSummary, SubmitButton } from '../../components/forms.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { PageHeading } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { api, isApiError } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import type { LoginNotice } from '../../lib/use-logout.ts';
import { checkNewPasswordPair } from '../../lib/validate.ts';

const FORM = 'passwort-setzen';
const LINK_ERRORS = new Set(['reset.invalid', 'reset.expired', 'reset.used']);

/** The token travels in the fragment (#token=…), which browsers never send to a server. */
function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
}

export default function SetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [show, setShow] = useState(false);
  const [linkBroken, setLinkBroken] = useState(false);
  const { errors, busy, onSubmit } = useFormSubmit(FORM, ['newPassword', 'repeatPassword'], {
    check: () => checkNewPasswordPair(password, repeat),
    send: async () => {
      // The form is only shown with a token.
      if (!token) return;
      await api.resetConfirm({ token, newPassword: password });
      const notice: LoginNotice = 'passwordSet';
      await navigate(PATHS.login, { state: { notice } });
    },
    failed: (err) => {
      if (isApiError(err) && LINK_ERRORS.has(err.code)) setLinkBroken(true);
      return false;
    },
  });

  // Take the token out of the address bar, so it does not stay in the history or get shared.
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
  }, []);

  const labels = { newPassword: t('setPassword.newPassword'), repeatPassword: t('setPassword.repeatPassword') };

  if (!token) {
    return (
      <div className="narrow">
        <PageHeading title={t('setPassword.title')} />
        <div className="alert alert-error" role="alert">
          <p>{t('setPassword.missingToken')}</p>
        </div>
        <p>
          <Link to={PATHS.forgotPassword}>{t('setPassword.requestNew')}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageHeading title={t('setPassword.title')} />
      <p>{t('setPassword.intro', { min: PASSWORD_MIN })}</p>
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      {linkBroken ? (
        <p>
          <Link to={PATHS.forgotPassword}>{t('setPassword.requestNew')}</Link>
        </p>
      ) : (
        <form noValidate onSubmit={onSubmit} className="form">
          <NewPasswordFields
            form={FORM}
            labels={labels}
            show={show}
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            errors={errors.fields}
          />
          <CheckboxField form={FORM} name="show" label={t('forms.showPasswords')} checked={show} onChange={setShow} />
          <div className="actions">
            <SubmitButton busy={busy}>{t('setPassword.submit')}</SubmitButton>
          </div>
        </form>
      )}
    </div>
  );
}
