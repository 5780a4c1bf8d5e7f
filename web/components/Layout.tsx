import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, ScrollRestoration, useLocation, useNavigation } from 'react-router';
import { PATHS } from '../lib/paths.ts';
import { useSession } from '../lib/session.tsx';
import { useLogout } from '../lib/use-logout.ts';
import { ErrorAlert } from './ui.tsx';

const MAIN_ID = 'inhalt';
const NAV_ID = 'hauptnavigation';

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById(MAIN_ID);
  if (!main) return;
  // Move focus without changing the address (the fragment may carry a token on some pages).
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}

function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="demo-banner">
      <p className="container">
        <strong>{t('app.demoLabel')}</strong> {t('app.demoText')}
      </p>
    </div>
  );
}

function LanguageSwitch() {
  const { i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'de' : 'en';
  return (
    <button type="button" className="button button-quiet language-button" lang={other} onClick={() => void i18n.changeLanguage(other)}>
      {other === 'en' ? 'English' : 'Deutsch'}
    </button>
  );
}

function Header() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const { logout, error, busy } = useLogout();
  const close = () => setMenuOpen(false);
  const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'nav-link is-active' : 'nav-link');
  const { pathname } = useLocation();
  // Study pages live under /verwaltung too, but have their own menu item.
  const inStudies = pathname.startsWith(PATHS.adminStudies) || pathname.startsWith('/verwaltung/wellen');
  // Staff event pages belong to "Veranstaltungen", not to "Verwaltung".
  const inEvents = pathname.startsWith(PATHS.events) || pathname.startsWith(PATHS.adminEvents);

  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to={PATHS.home} className="brand" lang="de" onClick={close}>
          <span className="brand-short">ITAS</span>
          <span className="brand-long"> – Initiative Transformation Automobilregion Südwestsachsen</span>
        </Link>
        <div className="header-tools">
          <button
            type="button"
            className="button button-quiet menu-button"
            aria-expanded={menuOpen}
            aria-controls={NAV_ID}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="menu-icon" aria-hidden="true" />
            {t('nav.menu')}
          </button>
          <LanguageSwitch />
        </div>
        <nav id={NAV_ID} aria-label={t('nav.label')} className={menuOpen ? 'main-nav is-open' : 'main-nav'}>
          <ul className="nav-list">
            <li>
              <NavLink to={PATHS.home} end className={navClass} onClick={close}>
                {t('nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to={PATHS.events} className={() => navClass({ isActive: inEvents })} onClick={close}>
                {t('events.nav')}
              </NavLink>
            </li>
            {!user && (
              <li>
                <NavLink to={PATHS.login} className={navClass} onClick={close}>
                  {t('nav.login')}
                </NavLink>
              </li>
            )}
            {user && (
              <li>
                <NavLink to={PATHS.account} className={navClass} onClick={close}>
                  {t('nav.account')}
                </NavLink>
              </li>
            )}
            {(user?.role === 'admin' || user?.role === 'staff' || user?.role === 'analyst') && (
              <li>
                <NavLink to={PATHS.adminStudies} className={navClass} onClick={close}>
                  {t('studies.nav')}
                </NavLink>
              </li>
            )}
            {(user?.role === 'admin' || user?.role === 'staff') && (
              <li>
                {/* A full page load: the offline app registers its service worker and styles the questionnaire inline. */}
                <a href={PATHS.interviewer} className="nav-link">
                  {t('interviewer.title')}
                </a>
              </li>
            )}
            {user?.role === 'admin' && (
              <li>
                <NavLink
                  to={PATHS.admin}
                  className={({ isActive }) => navClass({ isActive: isActive && !inStudies && !inEvents })}
                  onClick={close}
                >
                  {t('nav.admin')}
                </NavLink>
              </li>
            )}
            {user && (
              <li>
                <button
                  type="button"
                  className="button button-secondary nav-logout"
                  aria-disabled={busy || undefined}
                  onClick={() => {
                    close();
                    void logout();
                  }}
                >
                  {t('nav.logout')}
                </button>
              </li>
            )}
          </ul>
          {user && (
            <p className="signed-in-as">
              {t('nav.signedInAs')} <bdi>{user.displayName}</bdi>
            </p>
          )}
        </nav>
      </div>
      {error !== null && (
        <div className="container">
          <ErrorAlert error={error} />
        </div>
      )}
    </header>
  );
}

function Footer() {
  const { t } = useTranslation();
  const { meta } = useSession();
  return (
    <footer className="site-footer">
      <div className="container footer-inner">
        <p>
          <span lang="de">ITAS – Initiative Transformation Automobilregion Südwestsachsen</span>
          {meta && <span className="footer-version"> · {t('footer.version', { version: meta.version })}</span>}
        </p>
        <ul className="footer-links">
          <li>
            <a href="/api/docs">{t('footer.apiDocs')}</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}

/**
 * The frame of every page: skip link, demo notice, header with navigation, main content, footer.
 * After a page change focus moves to the new page's heading, so screen readers announce it.
 */
export function Layout() {
  const { t } = useTranslation();
  const { meta } = useSession();
  const location = useLocation();
  const navigation = useNavigation();
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const target = document.querySelector<HTMLElement>(`#${MAIN_ID} h1`) ?? document.getElementById(MAIN_ID);
    target?.focus({ preventScroll: true });
  }, [location.pathname]);

  const busy = navigation.state !== 'idle';
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={focusMain}>
        {t('app.skipLink')}
      </a>
      {meta?.demo && <DemoBanner />}
      <Header />
      <div className={busy ? 'progress is-active' : 'progress'} aria-hidden="true" />
      <main id={MAIN_ID} tabIndex={-1} className="container main" aria-busy={busy || undefined}>
        <Outlet />
      </main>
      <Footer />
      <ScrollRestoration />
    </>
  );
}
