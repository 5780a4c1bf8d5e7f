import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { RouteError } from './components/RouteError.tsx';
import { Loading } from './components/ui.tsx';
import { AdminLayout } from './features/admin/AdminLayout.tsx';
import { PATHS } from './lib/paths.ts';

/** Each page is its own file, loaded when it is first needed. */
function page(load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy' | 'HydrateFallback'> {
  return {
    lazy: async () => ({ Component: (await load()).default }),
    HydrateFallback: () => <Loading />,
  };
}

/** Path relative to its parent route ("/verwaltung/nutzer" → "nutzer"). */
const child = (path: string, parent: string) => path.slice(parent.length + 1);

export const routes: RouteObject[] = [
  {
    path: PATHS.home,
    Component: Layout,
    ErrorBoundary: RouteError,
    children: [
      {
        ErrorBoundary: RouteError,
        children: [
          { index: true, ...page(() => import('./features/home/HomePage.tsx')) },
          { path: PATHS.login, ...page(() => import('./features/auth/LoginPage.tsx')) },
          { path: PATHS.forgotPassword, ...page(() => import('./features/auth/ForgotPasswordPage.tsx')) },
          { path: PATHS.setPassword, ...page(() => import('./features/auth/SetPasswordPage.tsx')) },
          { path: PATHS.account, ...page(() => import('./features/account/AccountPage.tsx')) },
          {
            path: PATHS.admin,
            Component: AdminLayout,
            children: [
              { index: true, ...page(() => import('./features/admin/AdminHomePage.tsx')) },
              { path: child(PATHS.adminOrganisations, PATHS.admin), ...page(() => import('./features/admin/OrganisationsPage.tsx')) },
              { path: child(PATHS.adminUsers, PATHS.admin), ...page(() => import('./features/admin/UsersPage.tsx')) },
              { path: child(PATHS.adminUser, PATHS.admin), ...page(() => import('./features/admin/UserDetailPage.tsx')) },
              { path: child(PATHS.adminOutbox, PATHS.admin), ...page(() => import('./features/admin/OutboxPage.tsx')) },
              { path: child(PATHS.adminAudit, PATHS.admin), ...page(() => import('./features/admin/AuditPage.tsx')) },
            ],
          },
          { path: PATHS.survey, ...page(() => import('./features/study/SurveyPage.tsx')) },
          { path: '*', ...page(() => import('./features/errors/NotFoundPage.tsx')) },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
