import { Outlet } from 'react-router';
import { RequireRole } from '../../components/guards.tsx';
import { STUDY_ROLES } from './use-study-access.ts';

/** Every study page: for admins, staff and analysts; company accounts see "no permission". */
export default function StudyLayout() {
  return (
    <RequireRole roles={STUDY_ROLES}>
      <Outlet />
    </RequireRole>
  );
}
