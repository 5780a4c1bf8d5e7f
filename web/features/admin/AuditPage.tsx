import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AUDIT_ACTIONS, AuditActionSchema, type AuditEvent } from '../../../contracts/admin.ts';
import { RoleSchema } from '../../../contracts/common.ts';
import { SelectField } from '../../components/forms.tsx';
import { ErrorAlert, PageHeading } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { userPath } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';
import { PagedTable } from './PagedTable.tsx';
import { RefreshButton } from './RefreshButton.tsx';
import { usePage } from './use-page.ts';

const PAGE_SIZE = 50;
const ROLE_KEYS = new Set(['role', 'from', 'to']);
/** Details whose values are codes with a readable label. */
const CODED_KEYS = new Set(['reason', 'purpose']);

function DetailValue({ name, value }: { name: string; value: string | number | boolean | null }) {
  const { t } = useTranslation();
  if (value === null) return <>–</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'string' && ROLE_KEYS.has(name)) {
    const role = RoleSchema.safeParse(value);
    if (role.success) return <>{t(`roles.${role.data}`)}</>;
  }
  if (typeof value === 'string' && CODED_KEYS.has(name) && /^[a-z_]+$/.test(value)) {
    return <>{t(`audit.values.${name}.${value}`, { defaultValue: value })}</>;
  }
  return <bdi>{String(value)}</bdi>;
}

function Target({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  if (!event.targetType) return <>–</>;
  const type = t(`audit.targetTypes.${event.targetType}`, { defaultValue: event.targetType });
  if (!event.targetId) return <>{type}</>;
  const shortId = event.targetId.slice(0, 8);
  return (
    <>
      {type}{' '}
      {event.targetType === 'user' ? (
        <Link to={userPath(event.targetId)} aria-label={t('audit.openUser', { id: shortId })}>
          <code>{shortId}</code>
        </Link>
      ) : (
        <code>{shortId}</code>
      )}
    </>
  );
}

function Details({ details }: { details: AuditEvent['details'] }) {
  const { t } = useTranslation();
  const entries = Object.entries(details);
  if (entries.length === 0) return <>–</>;
  return (
    <dl className="inline-details">
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{t(`audit.detailKeys.${name}`, { defaultValue: name })}:</dt>
          <dd>
            <DetailValue name={name} value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { params, setParams, offset, showOffset } = usePage(PAGE_SIZE);
  const parsedAction = AuditActionSchema.safeParse(params.get('aktion'));
  const action = parsedAction.success ? parsedAction.data : undefined;
  const audit = useResource((signal) => api.listAudit({ action, limit: PAGE_SIZE, offset }, { signal }), `audit:${action ?? ''}:${offset}`);
  const items = audit.data?.items ?? [];
  const total = audit.data?.total ?? 0;

  const actionOptions = AUDIT_ACTIONS.map((value) => ({ value, label: t(`audit.actions.${value}`) })).sort((a, b) =>
    a.label.localeCompare(b.label, language),
  );

  return (
    <>
      <PageHeading title={t('audit.title')}>
        <p className="lead">{t('audit.intro')}</p>
      </PageHeading>
      <form className="filters" role="search" aria-label={t('audit.filterLabel')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          form="protokoll"
          name="action"
          label={t('audit.action')}
          value={action ?? ''}
          onChange={(value) => setParams(value ? { aktion: value } : {}, { replace: true, preventScrollReset: true })}
          placeholder={t('audit.allActions')}
          options={actionOptions}
        />
      </form>
      <RefreshButton onClick={audit.reload} />
      <ErrorAlert error={audit.error} />
      <p role="status" className="result-count">
        {audit.loading ? t('common.loading') : t('audit.count', { count: total })}
      </p>
      {items.length > 0 && (
        <PagedTable
          label={t('audit.title')}
          paginationLabel={t('audit.pagination')}
          columns={[t('audit.at'), t('audit.action'), t('audit.actor'), t('audit.target'), t('audit.details')]}
          total={total}
          offset={offset}
          limit={PAGE_SIZE}
          onPage={showOffset}
        >
          {items.map((event) => (
            <tr key={event.id}>
              <td className="nowrap">{formatDateTime(event.at, language)}</td>
              <td>{t(`audit.actions.${event.action}`)}</td>
              <td>{event.actor ? <bdi>{event.actor.displayName}</bdi> : t('audit.noActor')}</td>
              <td>
                <Target event={event} />
              </td>
              <td>
                <Details details={event.details} />
              </td>
            </tr>
          ))}
        </PagedTable>
      )}
    </>
  );
}
