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
  // The kiosk tablet shows only the questionnaire: no site header, navigation or footer to wander off through.
  { path: PATHS.kiosk, ErrorBoundary: RouteError, ...page(() => import('./features/study/KioskPage.tsx')) },
  // The projector fills the hall's screen: no site header or footer either.
  { path: PATHS.adminLiveProjector, ErrorBoundary: RouteError, ...page(() => import('./features/live/ProjectorPage.tsx')) },
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
          {
            // Study pages: for admins, staff and analysts (not inside the admin-only AdminLayout).
            ...page(() => import('./features/study-admin/StudyLayout.tsx')),
            children: [
              { path: PATHS.adminStudies, ...page(() => import('./features/study-admin/StudiesPage.tsx')) },
              { path: PATHS.adminStudy, ...page(() => import('./features/study-admin/StudyPage.tsx')) },
              { path: PATHS.adminVersion, ...page(() => import('./features/study-admin/VersionPage.tsx')) },
              { path: PATHS.adminWave, ...page(() => import('./features/study-admin/WavePage.tsx')) },
              { path: PATHS.adminWavePoster, ...page(() => import('./features/study-admin/PosterPage.tsx')) },
              { path: PATHS.adminWaveCodes, ...page(() => import('./features/study-admin/CodesPage.tsx')) },
              { path: PATHS.adminWaveResults, ...page(() => import('./features/results/ResultsPage.tsx')) },
              { path: PATHS.adminWaveReport, ...page(() => import('./features/results/ReportPage.tsx')) },
            ],
          },
          {
            // Event planning: for admins and partner staff (not inside the admin-only AdminLayout).
            ...page(() => import('./features/events/EventsAdminLayout.tsx')),
            children: [
              { path: PATHS.adminEvents, ...page(() => import('./features/events/EventsAdminPage.tsx')) },
              { path: PATHS.adminEvent, ...page(() => import('./features/events/EventAdminPage.tsx')) },
              { path: PATHS.adminSessionResults, ...page(() => import('./features/session-results/SessionResultsPage.tsx')) },
              { path: PATHS.adminLive, ...page(() => import('./features/live/ModeratorPage.tsx')) },
            ],
          },
          // The door works without network too, so it checks the session itself (DoorFrame), outside the layout above.
          { path: PATHS.adminEventCheckin, ...page(() => import('./features/checkin/CheckinPage.tsx')) },
          // Bürgerforum notes: staff write, analysts read (the page checks the roles itself).
          { path: PATHS.adminForumNotes, ...page(() => import('./features/forum-notes/ForumNotesPage.tsx')) },
          // For staff as well as admins: outside the admin-only layout.
          { path: PATHS.adminWaveImport, ...page(() => import('./features/study-admin/ImportPage.tsx')) },
          { path: PATHS.survey, ...page(() => import('./features/study/SurveyPage.tsx')) },
          // Published results for everyone; a wave without published results shows a friendly notice.
          { path: PATHS.publicResults, ...page(() => import('./features/results/PublicResultsPage.tsx')) },
          { path: PATHS.publicReport, ...page(() => import('./features/results/ReportPage.tsx')) },
          { path: PATHS.interviewer, ...page(() => import('./features/interviewer/InterviewerHomePage.tsx')) },
          { path: PATHS.interviewerWave, ...page(() => import('./features/interviewer/InterviewerWavePage.tsx')) },
          // The public programme and archive: for everyone, no sign-in.
          { path: PATHS.events, ...page(() => import('./features/events/EventsPage.tsx')) },
          { path: PATHS.eventArchive, ...page(() => import('./features/events/EventArchivePage.tsx')) },
          { path: PATHS.event, ...page(() => import('./features/events/EventPage.tsx')) },
          // Registration links from e-mails: the token is in the fragment, never sent as a query.
          { path: PATHS.registration, ...page(() => import('./features/registration/SelfServicePage.tsx')) },
          { path: PATHS.registrationConfirm, ...page(() => import('./features/registration/ConfirmPage.tsx')) },
          // Live polls for the audience in the hall: a code, no account.
          { path: PATHS.liveJoin, ...page(() => import('./features/live/JoinPage.tsx')) },
          { path: PATHS.liveRoom, ...page(() => import('./features/live/AudiencePage.tsx')) },
          { path: '*', ...page(() => import('./features/errors/NotFoundPage.tsx')) },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
