import { Outlet } from 'react-router';
import { RequireRole } from '../../components/guards.tsx';
import { EVENT_ROLES } from './use-event-access.ts';

/** Every staff page of the events: for admins and partner staff; other accounts see "no permission". */
export default function EventsAdminLayout() {
  return (
    <RequireRole roles={EVENT_ROLES}>
      <Outlet />
    </RequireRole>
  );
}
