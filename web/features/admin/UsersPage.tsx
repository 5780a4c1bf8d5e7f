import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { Organisation, User } from '../../../contracts/accounts.ts';
import { PASSWORD_MIN, RoleSchema, type Role } from '../../../contracts/common.ts';
import { CheckboxField, ErrorSummary, SubmitButton, TextField } from '../../components/forms.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import {
  Badge,
  DemoBadge,
  ErrorAlert,
  PageHeading,
  StatusMessage,
  TableScroll,
  useMessage,
  type MessagePart,
} from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api, type UserFilter } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PATHS, userPath } from '../../lib/paths.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { checkDisplayName, checkEmail, checkPassword, collect } from '../../lib/validate.ts';
import { OrganisationSelect } from './OrganisationSelect.tsx';
import { DisplayNameField } from './DisplayNameField.tsx';
import { RoleSelect } from './RoleSelect.tsx';

const FORM = 'person-neu';
const SEARCH_DELAY_MS = 300;

function CreateUser({ organisations, onCreated }: { organisations: Organisation[]; onCreated: (user: User, invited: boolean) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [organisationId, setOrganisationId] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const labels = {
    email: t('users.fields.email'),
    displayName: t('users.fields.name'),
    role: t('users.fields.role'),
    organisationId: t('users.fields.organisation'),
    password: t('users.fields.initialPassword'),
  };

  const name = displayName.trim();
  const { errors, busy, onSubmit } = useFormSubmit(FORM, ['email', 'displayName', 'role', 'organisationId', 'password'], {
    check: () =>
      collect({
        email: checkEmail(email),
        displayName: checkDisplayName(name),
        organisationId: organisationId === '' ? t('validation.choose') : undefined,
        password: password === '' ? undefined : checkPassword(password),
      }),
    send: async () => {
      const created = await api.createUser({
        email: email.trim(),
        displayName: name,
        role,
        organisationId,
        ...(password === '' ? {} : { password }),
      });
      onCreated(created, password === '');
    },
  });

  return (
    <>
      <ErrorSummary form={FORM} errors={errors} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form" aria-label={t('users.createTitle')}>
        <TextField
          form={FORM}
          name="email"
          label={labels.email}
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          required
          value={email}
          onChange={setEmail}
          error={errors.fields.email}
        />
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
          hint={t('users.roleHint')}
          required
          value={role}
          onChange={(value) => value && setRole(value)}
          error={errors.fields.role}
        />
        <OrganisationSelect
          form={FORM}
          name="organisationId"
          label={labels.organisationId}
          required
          value={organisationId}
          onChange={setOrganisationId}
          placeholder={t('forms.choose')}
          organisations={organisations}
          error={errors.fields.organisationId}
        />
        <PasswordField
          form={FORM}
          name="password"
          label={labels.password}
          optional
          hint={t('users.initialPasswordHint', { min: PASSWORD_MIN })}
          show={showPassword}
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={errors.fields.password}
        />
        <CheckboxField form={FORM} name="show" label={t('forms.showPassword')} checked={showPassword} onChange={setShowPassword} />
        <div className="actions">
          <SubmitButton busy={busy}>{t('users.createSubmit')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

function readFilter(params: URLSearchParams): UserFilter {
  const role = RoleSchema.safeParse(params.get('rolle'));
  return {
    organisationId: params.get('organisation') || undefined,
    role: role.success ? role.data : undefined,
    q: params.get('suche')?.trim() || undefined,
  };
}

export default function UsersPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { meta } = useSession();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const [search, setSearch] = useState(params.get('suche') ?? '');
  const [creating, setCreating] = useState(false);
  const [createKey, setCreateKey] = useState(0);
  const state: unknown = location.state;
  const deleted = state && typeof state === 'object' && 'deleted' in state && typeof state.deleted === 'string' ? state.deleted : null;
  const [message, setMessage] = useMessage(deleted ? [{ key: 'users.deleted', values: { name: deleted } }] : null);

  const organisations = useResource((signal) => api.listOrganisations({ signal }), 'organisations');
  const filterKey = JSON.stringify(filter);
  const users = useResource((signal) => api.listUsers(filter, { signal }), filterKey);

  function updateParam(name: string, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }

  // The search text applies shortly after typing stops, without a button.
  const appliedSearch = params.get('suche') ?? '';
  useEffect(() => {
    const wanted = search.trim();
    if (wanted === appliedSearch) return;
    const handle = window.setTimeout(() => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (wanted) next.set('suche', wanted);
          else next.delete('suche');
          return next;
        },
        { replace: true, preventScrollReset: true },
      );
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(handle);
  }, [search, appliedSearch, setParams]);

  // The address changed from outside (back button, link): show its search text in the field.
  const [shownSearch, setShownSearch] = useState(appliedSearch);
  if (shownSearch !== appliedSearch) {
    setShownSearch(appliedSearch);
    if (search.trim() !== appliedSearch) setSearch(appliedSearch);
  }

  function onCreated(user: User, invited: boolean) {
    const parts: MessagePart[] = [{ key: 'users.created', values: { name: user.displayName } }];
    if (invited) parts.push({ key: meta?.mailMode === 'outbox' ? 'users.invitedOutbox' : 'users.invited' });
    setMessage(...parts);
    setCreating(false);
    setCreateKey((k) => k + 1);
    users.reload();
    organisations.reload();
  }

  const list = users.data ?? [];
  const filtered = filter.organisationId !== undefined || filter.role !== undefined || filter.q !== undefined;

  return (
    <>
      <PageHeading title={t('users.title')}>
        <p className="lead">{t('users.intro')}</p>
      </PageHeading>
      <StatusMessage message={message} />

      <section className="section">
        <h2 className="visually-hidden">{t('users.createTitle')}</h2>
        <button
          type="button"
          className="button button-primary"
          aria-expanded={creating}
          aria-controls="person-neu-bereich"
          onClick={() => setCreating((open) => !open)}
        >
          {t('users.createTitle')}
        </button>
        <div id="person-neu-bereich" hidden={!creating} className="panel">
          {creating && <CreateUser key={createKey} organisations={organisations.data ?? []} onCreated={onCreated} />}
        </div>
      </section>

      <section className="section">
        <h2>{t('users.listTitle')}</h2>
        <form className="filters" role="search" aria-label={t('users.filterLabel')} onSubmit={(e) => e.preventDefault()}>
          <OrganisationSelect
            form="filter"
            name="organisation"
            label={t('users.fields.organisation')}
            value={filter.organisationId ?? ''}
            onChange={(value) => updateParam('organisation', value)}
            placeholder={t('users.allOrganisations')}
            organisations={organisations.data ?? []}
          />
          <RoleSelect
            form="filter"
            name="role"
            label={t('users.fields.role')}
            value={filter.role ?? ''}
            onChange={(value) => updateParam('rolle', value)}
            placeholder={t('users.allRoles')}
          />
          <TextField
            form="filter"
            name="q"
            type="search"
            label={t('users.search')}
            hint={t('users.searchHint')}
            autoComplete="off"
            maxLength={100}
            value={search}
            onChange={setSearch}
          />
        </form>

        <ErrorAlert error={users.error} />
        <p role="status" className="result-count">
          {users.loading ? t('common.loading') : t(filtered ? 'users.countFiltered' : 'users.count', { count: list.length })}
        </p>
        {!users.loading && list.length === 0 && !users.error && <p>{t('users.none')}</p>}
        {list.length > 0 && (
          <TableScroll label={t('users.listTitle')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('users.fields.name')}</th>
                  <th scope="col">{t('users.fields.email')}</th>
                  <th scope="col">{t('users.fields.role')}</th>
                  <th scope="col">{t('users.fields.organisation')}</th>
                  <th scope="col">{t('users.fields.status')}</th>
                  <th scope="col">{t('users.fields.lastLogin')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((user) => (
                  <tr key={user.id}>
                    <th scope="row" className="cell-main">
                      <Link to={userPath(user.id)}>
                        <bdi>{user.displayName}</bdi>
                      </Link>
                      {user.isDemo && (
                        <>
                          {' '}
                          <DemoBadge />
                        </>
                      )}
                    </th>
                    <td>
                      <bdi>{user.email}</bdi>
                    </td>
                    <td>{t(`roles.${user.role}`)}</td>
                    <td>
                      <bdi>{user.organisation.shortName}</bdi>
                    </td>
                    <td>
                      {user.status === 'active' ? t('users.status.active') : <Badge tone="warning">{t('users.status.disabled')}</Badge>}
                    </td>
                    <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, language) : t('users.neverLoggedIn')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <p>
          <Link to={PATHS.adminOrganisations}>{t('users.toOrganisations')}</Link>
        </p>
      </section>
    </>
  );
}
