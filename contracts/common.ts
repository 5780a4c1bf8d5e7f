import { z } from 'zod';

/** Roles a user can hold. `company` accounts arrive with the network module. */
export const ROLES = ['admin', 'staff', 'analyst', 'company'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const IdSchema = z.uuid();

/** Every error the API returns has this shape; `message` is in the request's language. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const OkSchema = z.object({ ok: z.literal(true) });

/** Free text a person types: no NUL or other C0 control characters except tab and newlines. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const textSchema = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'Steuerzeichen sind nicht erlaubt.' })
    .refine((s) => !LONE_SURROGATE.test(s), { message: 'Ungültige Zeichenkodierung.' })
    .transform((s) => s.normalize('NFC'));

/** Identifiers must not carry invisible or bidirectional control characters (Trojan Source). */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .refine((s) => !INVISIBLE.test(s) && !CONTROL_CHARS.test(s), {
    message: 'Unsichtbare Steuerzeichen sind nicht erlaubt.',
  })
  .pipe(z.email())
  .transform((s) => s.normalize('NFC').toLowerCase());

/** Passwords: no composition rules, at least 12 characters, long passphrases welcome. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
export const PasswordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
