import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/ui.tsx';
import { ADMIN_SECTIONS } from './AdminLayout.tsx';

export default function AdminHomePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('admin.title')}>
        <p className="lead">{t('admin.intro')}</p>
      </PageHeading>
      <ul className="card-grid">
        {ADMIN_SECTIONS.map((section) => (
          <li key={section.key} className="card card-link">
            <h2>
              <Link to={section.path}>{t(`admin.sections.${section.key}.title`)}</Link>
            </h2>
            <p>{t(`admin.sections.${section.key}.text`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
