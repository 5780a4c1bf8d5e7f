import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OrganisationInputSchema, type Organisation } from '../../../contracts/accounts.ts';
import { ErrorSummary, FormActions, TextAreaField, TextField } from '../../components/forms.tsx';
import { Badge, Dialog, ErrorAlert, Loading, PageHeading, StatusMessage, TableScroll, useMessage } from '../../components/ui.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import { currentLanguage } from '../../i18n.ts';
import { api, type OrganisationInput } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { PATHS } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';

const FIELDS = ['slug', 'name', 'shortName', 'description'] as const;
type FieldName = (typeof FIELDS)[number];
const EMPTY: OrganisationInput = { slug: '', name: '', shortName: '', description: '' };
const LIMITS: Record<FieldName, { min: number; max: number }> = {
  slug: { min: 2, max: 40 },
  name: { min: 2, max: 160 },
  shortName: { min: 2, max: 40 },
  description: { min: 0, max: 2000 },
};

function OrganisationForm({
  form,
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  form: string;
  initial: OrganisationInput;
  submitLabel: string;
  /** Resolves when saved; a rejection is shown at the fields. */
  onSave: (values: OrganisationInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<OrganisationInput>(initial);
  const labels: Record<FieldName, string> = {
    slug: t('organisations.fields.slug'),
    name: t('organisations.fields.name'),
    shortName: t('organisations.fields.shortName'),
    description: t('organisations.fields.description'),
  };
  const set = (name: FieldName) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  function check(): Record<string, string> {
    const problems: Record<string, string> = {};
    for (const name of FIELDS) {
      const value = values[name].trim();
      const { min, max } = LIMITS[name];
      if (min > 0 && value === '') problems[name] = t('validation.required');
      else if (!OrganisationInputSchema.shape[name].safeParse(value).success) {
        problems[name] = name === 'slug' ? t('organisations.slugRule') : t('validation.length', { min, max });
      }
    }
    return problems;
  }

  const { errors, busy, onSubmit } = useFormSubmit(form, FIELDS, {
    check,
    send: () =>
      onSave({
        slug: values.slug.trim(),
        name: values.name.trim(),
        shortName: values.shortName.trim(),
        description: values.description.trim(),
      }),
  });

  return (
    <>
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <form noValidate onSubmit={onSubmit} className="form">
        <TextField
          form={form}
          name="slug"
          label={labels.slug}
          hint={t('organisations.slugHint')}
          required
          spellCheck={false}
          autoComplete="off"
          maxLength={LIMITS.slug.max}
          value={values.slug}
          onChange={set('slug')}
          error={errors.fields.slug}
          dir="ltr"
        />
        <TextField
          form={form}
          name="name"
          label={labels.name}
          required
          autoComplete="organization"
          maxLength={LIMITS.name.max}
          value={values.name}
          onChange={set('name')}
          error={errors.fields.name}
          dir="auto"
        />
        <TextField
          form={form}
          name="shortName"
          label={labels.shortName}
          hint={t('organisations.shortNameHint')}
          required
          autoComplete="off"
          maxLength={LIMITS.shortName.max}
          value={values.shortName}
          onChange={set('shortName')}
          error={errors.fields.shortName}
          dir="auto"
        />
        <TextAreaField
          form={form}
          name="description"
          label={labels.description}
          optional
          maxLength={LIMITS.description.max}
          value={values.description}
          onChange={set('description')}
          error={errors.fields.description}
        />
        <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
      </form>
    </>
  );
}

function changedFields(before: Organisation, after: OrganisationInput): Partial<OrganisationInput> {
  const changes: Partial<OrganisationInput> = {};
  for (const name of FIELDS) if (before[name] !== after[name]) changes[name] = after[name];
  return changes;
}

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const organisations = useResource((signal) => api.listOrganisations({ signal }), 'organisations');
  const [message, setMessage] = useMessage();
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [createKey, setCreateKey] = useState(0);

  async function create(values: OrganisationInput) {
    setMessage();
    const created = await api.createOrganisation(values);
    setMessage({ key: 'organisations.created', values: { name: created.shortName } });
    setCreateKey((k) => k + 1);
    organisations.reload();
  }

  async function update(values: OrganisationInput) {
    if (!editing) return;
    setMessage();
    const changes = changedFields(editing, values);
    if (Object.keys(changes).length === 0) {
      setEditing(null);
      setMessage({ key: 'common.noChanges' });
      return;
    }
    const saved = await api.updateOrganisation(editing.id, changes);
    setEditing(null);
    setMessage({ key: 'organisations.updated', values: { name: saved.shortName } });
    organisations.reload();
  }

  const list = organisations.data ?? [];
  return (
    <>
      <PageHeading title={t('organisations.title')}>
        <p className="lead">{t('organisations.intro')}</p>
      </PageHeading>
      <StatusMessage message={message} />

      <section className="section">
        <h2>{t('organisations.listTitle')}</h2>
        <ErrorAlert error={organisations.error} />
        {organisations.loading && !organisations.data ? (
          <Loading />
        ) : (
          <TableScroll label={t('organisations.listTitle')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('organisations.fields.name')}</th>
                  <th scope="col">{t('organisations.fields.slug')}</th>
                  <th scope="col" className="numeric">
                    {t('organisations.members')}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((organisation) => (
                  <tr key={organisation.id}>
                    <th scope="row" className="cell-main">
                      <bdi>{organisation.shortName}</bdi>
                      {organisation.isLead && (
                        <>
                          {' '}
                          <Badge tone="lead">{t('home.leadPartner')}</Badge>
                        </>
                      )}
                      <span className="cell-sub">
                        <bdi>{organisation.name}</bdi>
                      </span>
                    </th>
                    <td>
                      <code>{organisation.slug}</code>
                    </td>
                    <td className="numeric">
                      <Link
                        to={`${PATHS.adminUsers}?organisation=${encodeURIComponent(organisation.id)}`}
                        aria-label={t('organisations.membersLink', { count: organisation.memberCount, name: organisation.shortName })}
                      >
                        {formatNumber(organisation.memberCount, language)}
                      </Link>
                    </td>
                    <td>
                      <button type="button" className="button button-secondary button-small" onClick={() => setEditing(organisation)}>
                        {t('common.edit')}
                        <span className="visually-hidden">: {organisation.shortName}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className="section">
        <h2>{t('organisations.createTitle')}</h2>
        <OrganisationForm key={createKey} form="org-neu" initial={EMPTY} submitLabel={t('organisations.createSubmit')} onSave={create} />
      </section>

      <Dialog
        id="org-bearbeiten"
        open={editing !== null}
        title={editing ? t('organisations.editTitle', { name: editing.shortName }) : ''}
        onClose={() => setEditing(null)}
      >
        {editing && (
          <OrganisationForm
            key={editing.id}
            form="org-bearbeiten"
            initial={{ slug: editing.slug, name: editing.name, shortName: editing.shortName, description: editing.description }}
            submitLabel={t('common.save')}
            onSave={update}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </>
  );
}
