import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { RequireAdmin } from '../../components/guards.tsx';
import { PATHS } from '../../lib/paths.ts';

export const ADMIN_SECTIONS = [
  { key: 'organisations', path: PATHS.adminOrganisations },
  { key: 'users', path: PATHS.adminUsers },
  { key: 'outbox', path: PATHS.adminOutbox },
  { key: 'audit', path: PATHS.adminAudit },
] as const;

/** Every administration page: only for admins, with the section navigation on top. */
export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <RequireAdmin>
      <nav className="sub-nav" aria-label={t('admin.navLabel')}>
        <ul>
          <li>
            <NavLink to={PATHS.admin} end>
              {t('admin.overview')}
            </NavLink>
          </li>
          {ADMIN_SECTIONS.map((section) => (
            <li key={section.key}>
              <NavLink to={section.path}>{t(`admin.sections.${section.key}.title`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </RequireAdmin>
  );
}
