import type { Role } from '../../../contracts/common.ts';
import { useSession } from '../../lib/session.tsx';

/** Who sees the study pages: everyone of the team (analysts read). */
export const STUDY_ROLES = ['admin', 'staff', 'analyst'] as const satisfies readonly Role[];

/** Admins and staff change studies, waves and codes; analysts only read. */
export function canManageStudies(role: Role | undefined): boolean {
  return role === 'admin' || role === 'staff';
}

export function useCanManageStudies(): boolean {
  const { user } = useSession();
  return canManageStudies(user?.role);
}
