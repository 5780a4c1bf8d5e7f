import type { MailAttachment, MailMessage } from '../mail/index.ts';
import { berlin } from './berlin-time.ts';

/**
 * The mails of event registration (German). Links carry the token in the fragment: it never
 * reaches server logs or Referer headers. Names are the person's own and go into a plain-text
 * mail, so they need no escaping.
 */
interface EventInfo {
  title: string;
  starts_at: string;
}

const when = (e: EventInfo) => {
  const t = berlin(e.starts_at);
  return `${t.dateDe} um ${t.time} Uhr`;
};
const footer = ['', 'Ihre ITAS-Plattform'];
export const ticketLines = [
  'Ihr Ticket für den Einlass hängt als QR-Code an (ticket.png). Sie finden es auch jederzeit auf Ihrer Anmeldeseite.',
  'Bitte zeigen Sie es beim Einlass auf dem Smartphone oder ausgedruckt vor. Sagen Sie ab, gilt es nicht mehr.',
];

export function confirmLink(publicUrl: string, token: string): string {
  return `${publicUrl}/anmeldung/bestaetigen#${token}`;
}
export function selfLink(publicUrl: string, token: string): string {
  return `${publicUrl}/anmeldung#${token}`;
}

export function optInMail(to: string, name: string, event: EventInfo, link: string): MailMessage {
  return {
    to,
    subject: `Bitte bestätigen Sie Ihre Anmeldung: ${event.title}`,
    text: [
      `Guten Tag ${name},`,
      '',
      `Sie haben sich für „${event.title}“ am ${when(event)} angemeldet.`,
      'Bitte bestätigen Sie Ihre Anmeldung über diesen Link; erst dann vergeben wir Ihren Platz:',
      '',
      link,
      '',
      'Falls Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail bitte; dann speichern wir nichts weiter.',
      ...footer,
    ].join('\n'),
  };
}

export function alreadyRegisteredMail(to: string, name: string, event: EventInfo, link: string): MailMessage {
  return {
    to,
    subject: `Sie sind bereits angemeldet: ${event.title}`,
    text: [
      `Guten Tag ${name},`,
      '',
      `für „${event.title}“ am ${when(event)} ist unter dieser E-Mail-Adresse bereits eine Anmeldung vorhanden.`,
      'Über diesen Link sehen und ändern Sie Ihre Anmeldung (frühere Links zu dieser Anmeldung gelten nicht mehr):',
      '',
      link,
      '',
      'Falls Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren.',
      ...footer,
    ].join('\n'),
  };
}

/** `ticket`: the QR code of a confirmed seat; null while the person waits for a seat. */
export function confirmedMail(
  to: string,
  name: string,
  event: EventInfo,
  statusLine: string,
  link: string,
  ticket: MailAttachment | null,
): MailMessage {
  return {
    to,
    subject: `Anmeldung bestätigt: ${event.title}`,
    text: [
      `Guten Tag ${name},`,
      '',
      `vielen Dank, Ihre Anmeldung für „${event.title}“ am ${when(event)} ist bestätigt.`,
      statusLine,
      '',
      'Über diesen Link sehen und ändern Sie Ihre Anmeldung, wählen Workshops oder sagen ab:',
      '',
      link,
      '',
      ...(ticket
        ? ticketLines
        : [
            'Sobald Ihr Platz bestätigt ist, finden Sie auf dieser Seite auch Ihr Ticket (einen QR-Code).',
            'Bitte zeigen Sie es beim Einlass auf dem Smartphone oder ausgedruckt vor.',
          ]),
      ...footer,
    ].join('\n'),
    ...(ticket ? { attachments: [ticket] } : {}),
  };
}

/**
 * After an offered event seat was accepted. No link: a new one would end the self-service link
 * the person is using at this moment; the one from the offer mail keeps working.
 */
export function seatAcceptedMail(to: string, name: string, event: EventInfo, ticket: MailAttachment): MailMessage {
  return {
    to,
    subject: `Platz bestätigt: ${event.title}`,
    text: [
      `Guten Tag ${name},`,
      '',
      `Sie haben den frei gewordenen Platz für „${event.title}“ am ${when(event)} angenommen. Ihre Teilnahme ist damit bestätigt.`,
      '',
      ...ticketLines,
      '',
      'Ihre Anmeldeseite erreichen Sie weiterhin über den Link aus unserer letzten E-Mail.',
      ...footer,
    ].join('\n'),
    attachments: [ticket],
  };
}

export function offerMail(to: string, name: string, event: EventInfo, what: string, expiresAt: string, link: string): MailMessage {
  const until = berlin(expiresAt);
  return {
    to,
    subject: `Ein Platz ist frei geworden: ${what}`,
    text: [
      `Guten Tag ${name},`,
      '',
      `für „${what}“ (${event.title}, ${when(event)}) ist ein Platz frei geworden, und Sie sind auf der Warteliste an der Reihe.`,
      `Bitte nehmen Sie den Platz bis ${until.dateDe} um ${until.time} Uhr an; danach geht er an die nächste Person:`,
      '',
      link,
      '',
      'Frühere Links zu Ihrer Anmeldung gelten nicht mehr.',
      ...footer,
    ].join('\n'),
  };
}
