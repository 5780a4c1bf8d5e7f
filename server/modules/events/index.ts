/** Events and their programme: congresses, Zukunftsforen, Policy Labs …, with iCalendar and schedule.json. */
export { createEventService, type EventService, type DemoEvents } from './events.service.ts';
export { eventRoutes } from './events.routes.ts';
export { createRegistrationService, type RegistrationService } from './registration.service.ts';
export { registrationRoutes } from './registration.routes.ts';
