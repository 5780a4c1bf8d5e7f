import type { Organisation, User } from '../../../contracts/accounts.ts';
import type { Role } from '../../../contracts/common.ts';
import type { OrganisationTable } from '../../db/schema.ts';
import type { UserRow } from './user.repository.ts';

/** The one place where a user row becomes what the API shows. */
export function presentUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role as Role,
    organisation: { id: r.organisation_id, slug: r.org_slug, shortName: r.org_short_name },
    status: r.status as User['status'],
    isDemo: r.is_demo === 1,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
    version: r.version,
  };
}

export function presentOrganisation(r: OrganisationTable & { member_count?: number | string | null }): Organisation {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    shortName: r.short_name,
    description: r.description,
    isLead: r.is_lead === 1,
    memberCount: Number(r.member_count ?? 0),
  };
}
