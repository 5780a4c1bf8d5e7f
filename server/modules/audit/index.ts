/** The security audit log: record events from any module, list them for admins. */
export { createAuditService, type AuditService, type AuditInput } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
