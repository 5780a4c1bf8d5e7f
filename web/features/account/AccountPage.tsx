import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo, User } from '../../../contracts/accounts.ts';
import { CheckboxField, ErrorSummary, SubmitButton } from '../../components/forms.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { RequireUser } from '../../components/guards.tsx';
import { Badge, ErrorAlert, Loading, PageHeading, StatusMessage, TableScroll, useMessage } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useLogout } from '../../lib/use-logout.ts';
import { useResource } from '../../lib/use-resource.ts';
import { checkNewPasswordPair, collect } from '../../lib/validate.ts';

const FORM = 'passwort-aendern';

function Profile({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <section className="section">
      <h2>{t('account.profileTitle')}</h2>
      <dl className="details-list">
        <div>
          <dt>{t('account.name')}</dt>
          <dd>
            <bdi>{user.displayName}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('account.email')}</dt>
          <dd>
            <bdi>{user.email}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('account.role')}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
        </div>
        <div>
          <dt>{t('account.organisation')}</dt>
          <dd>
            <bdi>{user.organisation.shortName}</bdi>
          </dd>
        </div>
      </dl>
      <p className="hint">{t('account.profileHint')}</p>
    </section>
  );
}

function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [endOthers, setEndOthers] = useState(true);
  const [show, setShow] = useState(false);
  const [done, setDone] = useMessage();
  const labels = {
    currentPassword: t('account.password.current'),
    newPassword: t('account.password.new'),
    repeatPassword: t('account.password.repeat'),
  };

  const { errors, busy, onSubmit } = useFormSubmit(FORM, ['currentPassword', 'newPassword', 'repeatPassword'], {
    check: () => {
      setDone();
      return {
        ...collect({ currentPassword: current === '' ? t('validation.currentPasswordRequired') : undefined }),
        ...checkNewPasswordPair(password, repeat),
      };
    },
    send: async () => {
      await api.changePassword({ currentPassword: current, newPassword: password, endOtherSessions: endOthers });
      setCurrent('');
      setPassword('');
      setRepeat('');
      setDone({ key: endOthers ? 'account.password.doneEnded' : 'account.password.done' });
      onChanged();
    },
  });

  return (
    <section className="section">
      <h2>{t('account.password.title')}</h2>
      <StatusMessage message={done} />
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <PasswordField
          form={FORM}
          name="currentPassword"
          label={labels.currentPassword}
          show={show}
          required
          value={current}
          onChange={setCurrent}
          error={errors.fields.currentPassword}
        />
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
        <CheckboxField
          form={FORM}
          name="endOtherSessions"
          label={t('account.password.endOthers')}
          hint={t('account.password.endOthersHint')}
          checked={endOthers}
          onChange={setEndOthers}
        />
        <div className="actions">
          <SubmitButton busy={busy}>{t('account.password.submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}

function Sessions({ generation }: { generation: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const sessions = useResource((signal) => api.listSessions({ signal }), `sessions:${generation}`);
  const [message, setMessage] = useMessage();
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function revoke(session: SessionInfo) {
    if (busyId) return;
    setBusyId(session.id);
    setMessage();
    setError(null);
    try {
      await api.revokeSession(session.id);
      setMessage({ key: 'account.sessions.ended', values: { device: session.device } });
      sessions.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  }

  const list = sessions.data ?? [];
  return (
    <section className="section">
      <h2>{t('account.sessions.title')}</h2>
      <p>{t('account.sessions.intro')}</p>
      <StatusMessage message={message} />
      <ErrorAlert error={error ?? sessions.error} />
      {sessions.loading && !sessions.data ? (
        <Loading />
      ) : (
        list.length > 0 && (
          <TableScroll label={t('account.sessions.title')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('account.sessions.device')}</th>
                  <th scope="col">{t('account.sessions.started')}</th>
                  <th scope="col">{t('account.sessions.lastActive')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((session) => (
                  <tr key={session.id}>
                    <th scope="row" className="cell-main">
                      <bdi>{session.device}</bdi> {session.current && <Badge tone="lead">{t('account.sessions.current')}</Badge>}
                    </th>
                    <td>{formatDateTime(session.createdAt, language)}</td>
                    <td>{formatDateTime(session.lastSeenAt, language)}</td>
                    <td>
                      {!session.current && (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-disabled={busyId === session.id || undefined}
                          onClick={() => void revoke(session)}
                        >
                          {t('account.sessions.end')}
                          <span className="visually-hidden">
                            {' '}
                            {t('account.sessions.endContext', {
                              device: session.device,
                              lastActive: formatDateTime(session.lastSeenAt, language),
                            })}
                          </span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )
      )}
    </section>
  );
}

function LogoutEverywhere() {
  const { t } = useTranslation();
  const { logout, error, busy } = useLogout();
  return (
    <section className="section">
      <h2>{t('account.everywhere.title')}</h2>
      <p>{t('account.everywhere.text')}</p>
      <ErrorAlert error={error} />
      <button type="button" className="button button-danger" aria-disabled={busy || undefined} onClick={() => void logout(true)}>
        {t('account.everywhere.button')}
      </button>
    </section>
  );
}

function Account() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [generation, setGeneration] = useState(0);
  if (!user) return null;
  return (
    <>
      <PageHeading title={t('account.title')} />
      <Profile user={user} />
      <ChangePassword onChanged={() => setGeneration((g) => g + 1)} />
      <Sessions generation={generation} />
      <LogoutEverywhere />
    </>
  );
}

export default function AccountPage() {
  return (
    <RequireUser>
      <Account />
    </RequireUser>
  );
}
