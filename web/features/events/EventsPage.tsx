import { EventList } from './EventList.tsx';

/** Upcoming events, soonest first: for everyone, no sign-in. */
export default function EventsPage() {
  return <EventList zeit="kommend" />;
}
