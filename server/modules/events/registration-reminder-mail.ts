import type { MailAttachment, MailMessage } from '../mail/index.ts';
import { ticketLines } from './registration-mails.ts';
import { berlin } from './berlin-time.ts';

/**
 * The reminder before an event (German, plain text). Names and titles go into a plain-text mail
 * and need no escaping; the link carries the token in the fragment (see registration-mails.ts).
 */
export interface ReminderEvent {
  title: string;
  starts_at: string;
  ends_at: string;
  venue_name: string;
  venue_street: string;
  venue_postal_code: string;
  venue_city: string;
}

export interface ReminderWorkshop {
  title: string;
  starts_at: string;
  ends_at: string;
  room: string;
}

const WEEKDAY = new Intl.DateTimeFormat('de-DE', { weekday: 'long', timeZone: 'Europe/Berlin' });
const dateOf = (utc: string) => berlin(utc).dateDe;
const dayOf = (utc: string) => `${WEEKDAY.format(new Date(utc))}, ${dateOf(utc)}`;

export function reminderMail(
  to: string,
  name: string,
  event: ReminderEvent,
  workshops: ReminderWorkshop[],
  link: string,
  changeable: boolean,
  ticket: MailAttachment,
): MailMessage {
  const start = berlin(event.starts_at);
  const end = berlin(event.ends_at);
  const sameDay = start.date === end.date;
  const when = sameDay
    ? `am ${dayOf(event.starts_at)}, von ${start.time} bis ${end.time} Uhr`
    : `vom ${dayOf(event.starts_at)}, ${start.time} Uhr, bis ${dayOf(event.ends_at)}, ${end.time} Uhr`;
  const sorted = [...workshops].sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  const workshopLines =
    sorted.length === 0
      ? []
      : [
          '',
          sorted.length === 1 ? 'Ihr Workshop:' : 'Ihre Workshops:',
          ...sorted.map((w) => {
            const day = sameDay ? '' : `${dayOf(w.starts_at)}, `;
            const room = w.room.trim() ? ` (Raum: ${w.room})` : '';
            return `- ${day}${berlin(w.starts_at).time}–${berlin(w.ends_at).time} Uhr: ${w.title}${room}`;
          }),
        ];
  return {
    to,
    subject: `Erinnerung: ${event.title} am ${dateOf(event.starts_at)}`,
    text: [
      `Guten Tag ${name},`,
      '',
      `wir freuen uns auf Sie: „${event.title}“ findet ${when} statt.`,
      '',
      'Veranstaltungsort:',
      event.venue_name,
      event.venue_street,
      `${event.venue_postal_code} ${event.venue_city}`,
      ...workshopLines,
      '',
      ...ticketLines,
      '',
      changeable
        ? 'Über diesen Link sehen Sie Ihre Anmeldung, ändern Ihre Workshops oder sagen ab. Wenn Sie nicht kommen können, sagen Sie bitte ab, damit Ihr Platz an jemanden auf der Warteliste gehen kann:'
        : 'Über diesen Link sehen Sie Ihre Anmeldung. Die Anmeldung ist geschlossen; wenn Sie nicht kommen können, geben Sie bitte den Veranstaltern Bescheid:',
      '',
      link,
      '',
      'Mit dieser E-Mail erhalten Sie einen neuen Link zu Ihrer Anmeldung; frühere Links gelten nicht mehr.',
      '',
      'Ihre ITAS-Plattform',
    ].join('\n'),
    attachments: [ticket],
  };
}
