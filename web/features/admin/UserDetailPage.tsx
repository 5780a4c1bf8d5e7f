import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Organisation, User } from '../../../contracts/accounts.ts';
import { IdSchema, type Role } from '../../../contracts/common.ts';
import { ErrorSummary, SubmitButton, fieldId } from '../../components/forms.tsx';
import { DemoBadge, Dialog, ErrorAlert, Loading, PageHeading, StatusMessage, useMessage, type MessagePart } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { currentLanguage } from '../../i18n.ts';
import { api, ApiError, isApiError, type UserUpdateInput } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PATHS } from '../../lib/paths.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { checkDisplayName, collect } from '../../lib/validate.ts';
import { OrganisationSelect } from './OrganisationSelect.tsx';
import { DisplayNameField } from './DisplayNameField.tsx';
import { RoleSelect } from './RoleSelect.tsx';

const FORM = 'person';
type Status = User['status'];

function EditUser({
  user,
  organisations,
  onSaved,
  onConflict,
}: {
  user: User;
  organisations: Pick<Organisation, 'id' | 'shortName'>[];
  onSaved: (user: User | null) => void;
  onConflict: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [organisationId, setOrganisationId] = useState(user.organisation.id);
  const [status, setStatus] = useState<Status>(user.status);

  // A newer version arrived (saved, or reloaded after a conflict): show it in the form.
  const [shown, setShown] = useState(user);
  if (shown !== user) {
    setShown(user);
    setDisplayName(user.displayName);
    setRole(user.role);
    setOrganisationId(user.organisation.id);
    setStatus(user.status);
  }

  const labels = {
    displayName: t('users.fields.name'),
    role: t('users.fields.role'),
    organisationId: t('users.fields.organisation'),
    status: t('users.fields.status'),
  };

  const name = displayName.trim();
  const body: UserUpdateInput = {
    version: user.version,
    ...(name !== user.displayName && { displayName: name }),
    ...(role !== user.role && { role }),
    ...(organisationId !== user.organisation.id && { organisationId }),
    ...(status !== user.status && { status }),
  };
  const { errors, busy, onSubmit } = useFormSubmit(FORM, ['displayName', 'role', 'organisationId', 'status'], {
    check: () => collect({ displayName: checkDisplayName(name) }),
    skip: () => {
      if (Object.keys(body).length > 1) return false;
      onSaved(null);
      return true;
    },
    send: async () => onSaved(await api.updateUser(user.id, body)),
    failed: (err) => {
      if (!isApiError(err) || err.code !== 'user.version_conflict') return false;
      onConflict(err.message);
      return true;
    },
  });

  return (
    <>
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <DisplayNameField
          form={FORM}
          label={labels.displayName}
          value={displayName}
          onChange={setDisplayName}
          error={errors.fields.displayName}
        />
        <RoleSelect
          form={FORM}
          name="role"
          label={labels.role}
          required
          value={role}
          onChange={(value) => value && setRole(value)}
          error={errors.fields.role}
        />
        <OrganisationSelect
          form={FORM}
          name="organisationId"
          label={labels.organisationId}
          hint={t('userDetail.organisationHint')}
          required
          value={organisationId}
          onChange={setOrganisationId}
          organisations={organisations}
          error={errors.fields.organisationId}
        />
        <fieldset
          className={errors.fields.status ? 'field fieldset field-invalid' : 'field fieldset'}
          aria-describedby={errors.fields.status ? `${fieldId(FORM, 'status')}-error` : `${fieldId(FORM, 'status')}-hint`}
        >
          <legend>{labels.status}</legend>
          <p className="hint" id={`${fieldId(FORM, 'status')}-hint`}>
            {t('userDetail.statusHint')}
          </p>
          {errors.fields.status && (
            <p className="error-message" id={`${fieldId(FORM, 'status')}-error`}>
              {errors.fields.status}
            </p>
          )}
          {(['active', 'disabled'] as const).map((value, index) => (
            <div className="radio" key={value}>
              <input
                type="radio"
                name="status"
                id={index === 0 ? fieldId(FORM, 'status') : `${fieldId(FORM, 'status')}-${value}`}
                value={value}
                checked={status === value}
                onChange={() => setStatus(value)}
              />
              <label htmlFor={index === 0 ? fieldId(FORM, 'status') : `${fieldId(FORM, 'status')}-${value}`}>
                {t(`users.status.${value}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="actions">
          <SubmitButton busy={busy}>{t('common.saveChanges')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

function DeleteUser({ user, isSelf }: { user: User; isSelf: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function confirm() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.deleteUser(user.id);
      setOpen(false);
      await navigate(PATHS.adminUsers, { state: { deleted: user.displayName } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section danger-zone">
      <h2>{t('userDetail.deleteTitle')}</h2>
      {isSelf ? (
        <p>{t('userDetail.deleteSelf')}</p>
      ) : (
        <>
          <p>{t('userDetail.deleteText')}</p>
          <button
            type="button"
            className="button button-danger"
            onClick={() => {
              setError(null);
              setOpen(true);
            }}
          >
            {t('userDetail.delete')}
          </button>
        </>
      )}
      <Dialog id="loeschen-dialog" open={open} title={t('userDetail.confirmTitle')} onClose={() => setOpen(false)}>
        <p>{t('userDetail.confirmText', { name: user.displayName, email: user.email })}</p>
        <ErrorAlert error={error} />
        <div className="actions">
          <button type="button" className="button button-danger" aria-disabled={busy || undefined} onClick={() => void confirm()}>
            {t('userDetail.confirmDelete')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </section>
  );
}

function EndSessions({ user, onDone }: { user: User; onDone: (message: MessagePart) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function endAll() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const { ended } = await api.endUserSessions(user.id);
      onDone({ key: 'userDetail.sessionsEnded', values: { count: ended } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section">
      <h2>{t('userDetail.sessionsTitle')}</h2>
      <p>{t('userDetail.sessionsText')}</p>
      <ErrorAlert error={error} />
      <button type="button" className="button button-secondary" aria-disabled={busy || undefined} onClick={() => void endAll()}>
        {t('userDetail.endSessions')}
      </button>
    </section>
  );
}

export default function UserDetailPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const { user: me } = useSession();
  // An address with a malformed id cannot name a person: no request needed.
  const validId = IdSchema.safeParse(id).success;
  const user = useResource(
    (signal) =>
      validId
        ? api.getUser(id, { signal })
        : Promise.reject(new ApiError({ status: 404, code: 'user.not_found', message: t('userDetail.notFound') })),
    `user:${id}`,
  );
  const organisations = useResource((signal) => api.listOrganisations({ signal }), 'organisations');
  const [message, setMessage] = useMessage();
  const [conflict, setConflict] = useState<string | null>(null);

  const data = user.data && user.data.id === id ? user.data : undefined;
  const notFound = isApiError(user.error) && user.error.status === 404;

  return (
    <>
      <PageHeading title={t('userDetail.title')}>
        {data && (
          <p className="lead">
            <bdi>{data.displayName}</bdi> {data.isDemo && <DemoBadge />}
          </p>
        )}
      </PageHeading>
      <p>
        <Link to={PATHS.adminUsers}>{t('userDetail.back')}</Link>
      </p>
      <StatusMessage message={message} />
      {conflict && (
        <div className="alert alert-error" role="alert">
          <p>{conflict}</p>
          <p>{t('userDetail.reloaded')}</p>
        </div>
      )}
      {notFound ? (
        <ErrorAlert error={user.error} />
      ) : (
        <>
          <ErrorAlert error={user.error ?? organisations.error} />
          {!data ? (
            user.loading && <Loading />
          ) : (
            <>
              <section className="section">
                <h2>{t('userDetail.accountTitle')}</h2>
                <dl className="details-list">
                  <div>
                    <dt>{t('users.fields.email')}</dt>
                    <dd>
                      <bdi>{data.email}</bdi>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('userDetail.createdAt')}</dt>
                    <dd>{formatDateTime(data.createdAt, language)}</dd>
                  </div>
                  <div>
                    <dt>{t('users.fields.lastLogin')}</dt>
                    <dd>{data.lastLoginAt ? formatDateTime(data.lastLoginAt, language) : t('users.neverLoggedIn')}</dd>
                  </div>
                </dl>
              </section>
              <section className="section">
                <h2>{t('userDetail.editTitle')}</h2>
                <EditUser
                  user={data}
                  organisations={organisations.data ?? [data.organisation]}
                  onSaved={(saved) => {
                    setConflict(null);
                    if (saved) {
                      user.setData(saved);
                      setMessage({ key: 'userDetail.saved' });
                    } else {
                      setMessage({ key: 'common.noChanges' });
                    }
                  }}
                  onConflict={(text) => {
                    setMessage();
                    setConflict(text);
                    user.reload();
                  }}
                />
              </section>
              <EndSessions
                user={data}
                onDone={(text) => {
                  setConflict(null);
                  setMessage(text);
                }}
              />
              <DeleteUser user={data} isSelf={me?.id === data.id} />
            </>
          )}
        </>
      )}
    </>
  );
}
