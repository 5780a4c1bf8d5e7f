/**
 * iCalendar (RFC 5545) output, written by hand on purpose: we emit a handful of properties of
 * one VEVENT, and this file (escaping §3.3.11, folding at 75 octets §3.1 without splitting a
 * UTF-8 sequence, CRLF) is shorter than wiring and auditing a dependency for it.
 */
export interface CalendarEntry {
  uid: string;
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  /** Last change (UTC ISO): DTSTAMP and LAST-MODIFIED, so the same data gives the same bytes. */
  updatedAt: string;
  /** Revision counter, starting at 0 (RFC 5545 SEQUENCE). */
  sequence: number;
  summary: string;
  description: string;
  location: string;
  url: string;
}

/** TEXT value escaping: backslash, semicolon, comma, newline (§3.3.11). */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line into lines of at most 75 octets; continuation lines begin with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** 2025-06-12T07:00:00.000Z → 20250612T070000Z */
export function icalUtc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function renderCalendar(name: string, entries: CalendarEntry[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ITAS Automobilregion Suedwestsachsen//Veranstaltungen//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const e of entries) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${icalUtc(e.updatedAt)}`,
      `LAST-MODIFIED:${icalUtc(e.updatedAt)}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTART:${icalUtc(e.startsAt)}`,
      `DTEND:${icalUtc(e.endsAt)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
      `URL:${e.url}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
