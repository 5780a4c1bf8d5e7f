import type { Role } from '../../../contracts/common.ts';
import { useSession } from '../../lib/session.tsx';

/** Who plans events: admins and partner staff (the API's `staff` access). */
export const EVENT_ROLES = ['admin', 'staff'] as const satisfies readonly Role[];

export function canManageEvents(role: Role | undefined): boolean {
  return role === 'admin' || role === 'staff';
}

export function useCanManageEvents(): boolean {
  const { user } = useSession();
  return canManageEvents(user?.role);
}
