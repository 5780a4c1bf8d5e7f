/**
 * Accounts and organisations: sign-in, sessions, passwords, users and roles, the policies every
 * module checks. Other modules use `Actor`, `authorize` and `can` from here.
 */
export { createAuthService, type AuthService } from './auth.service.ts';
export { createUserService, type UserService } from './user.service.ts';
export { createOrganisationService, type OrganisationService } from './organisation.service.ts';
export { authRoutes } from './auth.routes.ts';
export { organisationRoutes, userRoutes } from './admin.routes.ts';
export { hasDemoUsers, countUsers } from './user.repository.ts';
export { hashParameters } from './password.ts';
