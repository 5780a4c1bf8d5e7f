import type { Role } from '../contracts/common.ts';
import { AppError } from './errors.ts';

/** The signed-in person as every service sees them. */
export interface Actor {
  userId: string;
  role: Role;
  organisationId: string;
  displayName: string;
  /** Hash of the session token; identifies "this session" in the session list. */
  sessionId: string;
}

type Check = (actor: Actor | null) => boolean;
type OrgCheck = (actor: Actor | null, organisationId: string) => boolean;

const isAdmin: Check = (a) => a?.role === 'admin';
const isStaff: Check = (a) => a?.role === 'admin' || a?.role === 'staff';
const isTeam: Check = (a) => a?.role === 'admin' || a?.role === 'staff' || a?.role === 'analyst';

/**
 * Who may do what, in one declarative table. Services call `authorize(actor, can.x(actor, …))`
 * as their first statement. Modules add their own entries here as they arrive.
 */
export const can = {
  useAccount: ((a) => a !== null) as Check,
  manageUsers: isAdmin,
  manageOrganisations: isAdmin,
  readOutbox: isAdmin,
  readAudit: isAdmin,
  /** Studies belong to the consortium: staff of every partner manage them, analysts read figures and open answers. */
  manageStudies: isStaff,
  readStudies: isTeam,
  /** Events and their programme: staff of every partner manage them; public events are open to all. */
  manageEvents: isStaff,
  /** Internal events (e.g. a Policy Lab) are seen by staff only; for others they do not exist. */
  readInternalEvents: isStaff,
  /** Bürgerforum notes are internal: staff write them, analysts read them with staff. */
  readForumNotes: isTeam,
  /** Interviews and imports are collected by staff (the interviewer is kept as paradata). */
  interview: isStaff,
  /** Staff and analysts see the people of their own organisation; admins see everyone. */
  viewMembers: ((a, organisationId) =>
    a !== null &&
    (a.role === 'admin' || ((a.role === 'staff' || a.role === 'analyst') && a.organisationId === organisationId))) as OrgCheck,
} as const;

/**
 * Throws `auth.required` for anonymous callers and `auth.forbidden` otherwise. For objects that
 * lie outside the caller's scope pass `hideAs` so the answer is a 404: no existence oracle.
 */
export function authorize(actor: Actor | null, allowed: boolean, hideAs?: AppError): asserts actor is Actor {
  if (actor === null) throw new AppError('auth.required');
  if (!allowed) throw hideAs ?? new AppError('auth.forbidden');
}
