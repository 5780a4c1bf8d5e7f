import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';

export const FIELDS_OF_ACTION = ['industry', 'innovation', 'employment', 'qualification', 'society'] as const;

function Partners() {
  const { t } = useTranslation();
  const organisations = useResource((signal) => api.listOrganisations({ signal }), 'organisations');
  const list = organisations.data ?? [];
  // The lead partner first, the others in the order the server gives.
  const sorted = [...list].sort((a, b) => Number(b.isLead) - Number(a.isLead));

  return (
    <section className="section">
      <h2>{t('home.partnersTitle')}</h2>
      <p>{t('home.partnersIntro')}</p>
      {organisations.loading && !organisations.data && <Loading label={t('home.partnersLoading')} />}
      <ErrorAlert error={organisations.error}>
        <button type="button" className="button button-secondary" onClick={organisations.reload}>
          {t('common.retry')}
        </button>
      </ErrorAlert>
      {sorted.length > 0 && (
        <ul className="partner-list">
          {sorted.map((organisation) => (
            <li key={organisation.id} className={organisation.isLead ? 'partner partner-lead' : 'partner'}>
              <h3 className="partner-name">
                <bdi>{organisation.name}</bdi>
              </h3>
              {organisation.isLead && <Badge tone="lead">{t('home.leadPartner')}</Badge>}
              {organisation.description && (
                <p className="partner-description">
                  <bdi>{organisation.description}</bdi>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();

  return (
    <>
      <PageHeading title={t('home.title')}>
        <p className="lead">{t('home.intro')}</p>
      </PageHeading>

      <section className="section prose">
        <h2>{t('home.regionTitle')}</h2>
        <p>{t('home.region1')}</p>
        <p>{t('home.region2')}</p>
        <h2>{t('home.consortiumTitle')}</h2>
        <p>{t('home.consortium1')}</p>
        <p>{t('home.consortium2')}</p>
      </section>

      <section className="section">
        <h2>{t('home.fieldsTitle')}</h2>
        <p>{t('home.fieldsIntro')}</p>
        <ul className="card-grid">
          {FIELDS_OF_ACTION.map((field) => (
            <li key={field} className="card">
              <h3>{t(`home.fields.${field}.title`)}</h3>
              <p>{t(`home.fields.${field}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <Partners />

      <section className="section callout">
        <h2>{t('home.platformTitle')}</h2>
        <p>{t('home.platformText')}</p>
        {user ? (
          <p>
            <Link to={PATHS.account}>{t('home.toAccount')}</Link>
          </p>
        ) : (
          <p>
            <Link to={PATHS.login} className="button button-primary">
              {t('home.toLogin')}
            </Link>
          </p>
        )}
      </section>
    </>
  );
}
