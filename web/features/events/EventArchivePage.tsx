import { EventList } from './EventList.tsx';

/** Past events, latest first, with their programmes. */
export default function EventArchivePage() {
  return <EventList zeit="vergangen" />;
}
