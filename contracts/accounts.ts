import { z } from 'zod';
import { EmailSchema, IdSchema, PasswordSchema, RoleSchema, textSchema } from './common.ts';

export const OrganisationSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  shortName: z.string(),
  description: z.string(),
  isLead: z.boolean(),
  memberCount: z.number().int(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const SlugSchema = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Nur Kleinbuchstaben, Ziffern und Bindestriche.');

export const OrganisationInputSchema = z.strictObject({
  slug: SlugSchema,
  name: textSchema(160, 2),
  shortName: textSchema(40, 2),
  description: textSchema(2000),
});
export type OrganisationInput = z.infer<typeof OrganisationInputSchema>;

export const UserStatusSchema = z.enum(['active', 'disabled']);

/** What the API says about a user. Never the password hash, never session data. */
export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  organisation: z.object({ id: IdSchema, slug: z.string(), shortName: z.string() }),
  status: UserStatusSchema,
  isDemo: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type User = z.infer<typeof UserSchema>;

export const UserCreateSchema = z.strictObject({
  email: EmailSchema,
  displayName: textSchema(120, 2),
  role: RoleSchema,
  organisationId: IdSchema,
  /** Optional: without it the user receives an invitation mail to choose a password. */
  password: PasswordSchema.optional(),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = z.strictObject({
  displayName: textSchema(120, 2).optional(),
  role: RoleSchema.optional(),
  organisationId: IdSchema.optional(),
  status: UserStatusSchema.optional(),
  /** Optimistic locking: the version the editor saw. */
  version: z.number().int().min(1),
});
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const UserListQuerySchema = z.strictObject({
  organisationId: IdSchema.optional(),
  role: RoleSchema.optional(),
  // Not a bare string: a NUL byte would reach PostgreSQL, which rejects it in text (a 500).
  q: textSchema(100).optional(),
});

// --- authentication ---------------------------------------------------------

export const LoginSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1).max(1024),
});

export const MeSchema = z.object({
  user: UserSchema.nullable(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof MeSchema>;

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: PasswordSchema,
  /** End every other session of this account (offered after a password change). */
  endOtherSessions: z.boolean().default(true),
});

export const ResetRequestSchema = z.strictObject({ email: EmailSchema });
export const ResetConfirmSchema = z.strictObject({
  token: z.string().min(20).max(200),
  newPassword: PasswordSchema,
});

export const SessionInfoSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  device: z.string(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
