import { apiPath } from '../../../contracts/api.ts';
import { pagePath, PATHS } from '../../lib/paths.ts';

/** Addresses of the event pages and of the files they link to, filled in. */

export const eventPath = (slug: string) => pagePath(PATHS.event, { slug });
export const adminEventPath = (id: string) => pagePath(PATHS.adminEvent, { id });
/** The address of a session on the event page (its anchor is `sitzung-<id>`). */
export const sessionAnchor = (sessionId: string) => `sitzung-${sessionId}`;
export const eventCalendarUrl = (slug: string) => apiPath('eventCalendar', { slug });
export const sessionCalendarUrl = (slug: string, sessionId: string) => apiPath('sessionCalendar', { slug, sessionId });
export const eventScheduleUrl = (slug: string) => apiPath('eventSchedule', { slug });
