import type { AppContext } from './context.ts';
import { createAuthService, createOrganisationService, createUserService } from './modules/accounts/index.ts';
import { createAuditService } from './modules/audit/index.ts';
import {
  createCheckinService,
  createEventService,
  createForumNoteService,
  createLiveService,
  createRegistrationService,
  createSessionResultService,
} from './modules/events/index.ts';
import { createMailService } from './modules/mail/index.ts';
import {
  createExportService,
  createImportService,
  createResponseService,
  createResultsService,
  createStudyAdminService,
  createStudyService,
} from './modules/study/index.ts';

/** Wires the services of all modules; used by the HTTP app, the CLI and the demo seed alike. */
export function createServices(ctx: AppContext) {
  const audit = createAuditService(ctx);
  const mail = createMailService(ctx);
  const auth = createAuthService(ctx, { audit, mail });
  const users = createUserService(ctx, { audit, mail, auth });
  const organisations = createOrganisationService(ctx, { audit });
  const studies = createStudyService(ctx);
  const responses = createResponseService(ctx);
  const studyAdmin = createStudyAdminService(ctx, audit, () => responses.forgetWaves());
  const imports = createImportService(ctx, responses, studyAdmin, audit);
  const exports = createExportService(ctx, audit);
  const results = createResultsService(ctx, audit);
  const events = createEventService(ctx, audit);
  const registrations = createRegistrationService(ctx, { mail, audit });
  const sessionResults = createSessionResultService(ctx, audit);
  const forumNotes = createForumNoteService(ctx, audit);
  const checkins = createCheckinService(ctx, { audit });
  const live = createLiveService(ctx, { audit, responses, studyAdmin });
  return {
    audit,
    mail,
    auth,
    users,
    organisations,
    studies,
    responses,
    studyAdmin,
    imports,
    exports,
    results,
    events,
    registrations,
    sessionResults,
    forumNotes,
    checkins,
    live,
  };
}
export type Services = ReturnType<typeof createServices>;
