/** Events and their programme: congresses, Zukunftsforen, Policy Labs …, with iCalendar and schedule.json. */
export { createEventService, type EventService, type DemoEvents } from './events.service.ts';
export { eventRoutes } from './events.routes.ts';
export { createRegistrationService, type RegistrationService } from './registration.service.ts';
export { registrationRoutes } from './registration.routes.ts';
export { createLiveService, type LiveService } from './live.service.ts';
export { liveRoutes } from './live.routes.ts';
export { createSessionResultService, type SessionResultService, type DemoSessionResults } from './session-results.service.ts';
export { sessionResultRoutes } from './session-results.routes.ts';
export { createForumNoteService, type ForumNoteService } from './forum-notes.service.ts';
export { forumNoteRoutes } from './forum-notes.routes.ts';
export { createCheckinService, type CheckinService } from './checkin.service.ts';
export { checkinRoutes } from './checkin.routes.ts';
