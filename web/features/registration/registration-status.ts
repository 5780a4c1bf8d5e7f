import { EVENT_TIME_ZONE } from '../../../contracts/events.ts';
import type { RegistrationStatus, WorkshopStatus } from '../../../contracts/registration.ts';
import type { MessagePart } from '../../components/ui.tsx';
import type { Language } from '../../i18n.ts';

/** What a seat's state is called, for the person and for staff; always in words, never colour alone. */

export interface SeatState {
  status: RegistrationStatus | WorkshopStatus;
  waitlistPosition: number | null;
  offerExpiresAt: string | null;
}

const deadlineFormats = new Map<Language, Intl.DateTimeFormat>();

/** "Freitag, 27. November 2026, 14:00" in Berlin time, whatever zone the device is set to. */
export function formatDeadline(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = deadlineFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: EVENT_TIME_ZONE,
    });
    deadlineFormats.set(language, format);
  }
  return format.format(date);
}

/** The state as a message ("bestätigt", "Warteliste, Platz 2", "Angebot bis …", "abgelaufen"). */
export function seatStateMessage(seat: SeatState, language: Language): MessagePart {
  if (seat.status === 'waitlisted' && seat.waitlistPosition !== null) {
    return { key: 'registration.status.waitlistedAt', values: { position: seat.waitlistPosition } };
  }
  if (seat.status === 'offered' && seat.offerExpiresAt !== null) {
    return { key: 'registration.status.offeredUntil', values: { deadline: formatDeadline(seat.offerExpiresAt, language) } };
  }
  return { key: `registration.status.${seat.status}` };
}

/** The badge tone that goes with the words: confirmed is plain, anything that asks for attention stands out. */
export function seatTone(status: RegistrationStatus | WorkshopStatus): 'neutral' | 'lead' | 'warning' {
  if (status === 'offered') return 'lead';
  if (status === 'expired' || status === 'cancelled' || status === 'pending') return 'warning';
  return 'neutral';
}

/** Seats that are held or queued: the workshop choice shown as "current" on the self-service page. */
export function isActiveSeat(status: RegistrationStatus | WorkshopStatus): boolean {
  return status === 'confirmed' || status === 'waitlisted' || status === 'offered' || status === 'pending';
}

/** The hint beside a workshop in the form: seats left, or that a choice goes onto the waitlist. */
export function seatsHint(seatsLeft: number | null): MessagePart | null {
  if (seatsLeft === null) return null;
  if (seatsLeft <= 0) return { key: 'registration.form.full' };
  return { key: 'registration.form.seatsLeft', values: { count: seatsLeft } };
}
