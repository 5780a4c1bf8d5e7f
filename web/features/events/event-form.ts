import {
  EVENT_FORMATS,
  type CreateEventBody,
  type Event,
  type EventFormat,
  type FieldOfAction,
  type Organiser,
  type Session,
  type SessionType,
} from '../../../contracts/events.ts';
import { fromLocalInput, toLocalInput, type LocalInputResult } from './event-time.ts';

/**
 * The values of the event and session forms as the inputs hold them (times as Berlin wall-clock
 * "2026-03-12T09:00"), their checks, and the request bodies made from them. Field names are
 * the API's paths ("venue.postalCode"), so server messages land at the right field.
 */

export const EVENT_FIELDS = [
  'title',
  'slug',
  'format',
  'startsAt',
  'endsAt',
  'venue.name',
  'venue.street',
  'venue.postalCode',
  'venue.city',
  'organisers',
  'fieldsOfAction',
  'visibility',
  'description',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export interface EventValues {
  title: string;
  slug: string;
  format: EventFormat;
  startsAt: string;
  endsAt: string;
  venueName: string;
  street: string;
  postalCode: string;
  city: string;
  organisers: Organiser[];
  fieldsOfAction: FieldOfAction[];
  visibility: 'public' | 'internal';
  description: string;
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A Kürzel from the title: "Zukunftsforum Zwickau 2026" → "zukunftsforum-zwickau-2026". */
export function slugFromTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export function emptyEventValues(): EventValues {
  return {
    title: '',
    slug: '',
    format: EVENT_FORMATS[0],
    startsAt: '',
    endsAt: '',
    venueName: '',
    street: '',
    postalCode: '',
    city: '',
    organisers: [],
    fieldsOfAction: [],
    visibility: 'public',
    description: '',
  };
}

export function eventValues(event: Event): EventValues {
  return {
    title: event.title,
    slug: event.slug,
    format: event.format,
    startsAt: toLocalInput(event.startsAt),
    endsAt: toLocalInput(event.endsAt),
    venueName: event.venue.name,
    street: event.venue.street,
    postalCode: event.venue.postalCode,
    city: event.venue.city,
    organisers: [...event.organisers],
    fieldsOfAction: [...event.fieldsOfAction],
    visibility: event.visibility,
    description: event.description,
  };
}

/** Translation keys of the problems, per field. */
export type Problems = Partial<Record<string, string>>;

function timeProblem(result: LocalInputResult): string | null {
  if (result.ok) return null;
  return result.reason === 'empty'
    ? 'validation.required'
    : result.reason === 'skipped'
      ? 'events.form.timeSkipped'
      : 'events.form.timeInvalid';
}

/** Start and end: both valid Berlin times, the end after the start. */
export function checkTimes(startsAt: string, endsAt: string): Problems {
  const problems: Problems = {};
  const start = fromLocalInput(startsAt);
  const end = fromLocalInput(endsAt);
  const startProblem = timeProblem(start);
  const endProblem = timeProblem(end);
  if (startProblem) problems.startsAt = startProblem;
  if (endProblem) problems.endsAt = endProblem;
  if (start.ok && end.ok && new Date(end.iso).getTime() <= new Date(start.iso).getTime()) problems.endsAt = 'events.form.endBeforeStart';
  return problems;
}

export function checkEventValues(values: EventValues): Problems {
  const problems: Problems = { ...checkTimes(values.startsAt, values.endsAt) };
  if (values.title.trim() === '') problems.title = 'validation.required';
  if (values.slug.length < 3 || values.slug.length > 80 || !SLUG_PATTERN.test(values.slug)) problems.slug = 'events.form.slugRule';
  if (values.venueName.trim() === '') problems['venue.name'] = 'validation.required';
  if (!/^\d{5}$/.test(values.postalCode.trim())) problems['venue.postalCode'] = 'events.form.postalCodeRule';
  if (values.city.trim() === '') problems['venue.city'] = 'validation.required';
  if (values.organisers.length === 0) problems.organisers = 'events.form.organisersRequired';
  return problems;
}

function iso(value: string): string {
  const result = fromLocalInput(value);
  return result.ok ? result.iso : value;
}

export function eventBody(values: EventValues, seriesId: string | null): CreateEventBody {
  return {
    slug: values.slug,
    seriesId,
    title: values.title.trim(),
    format: values.format,
    startsAt: iso(values.startsAt),
    endsAt: iso(values.endsAt),
    venue: { name: values.venueName.trim(), street: values.street.trim(), postalCode: values.postalCode.trim(), city: values.city.trim() },
    organisers: values.organisers,
    fieldsOfAction: values.fieldsOfAction,
    visibility: values.visibility,
    description: values.description.trim(),
  };
}

// --- sessions ------------------------------------------------------------------------------

export const SESSION_FIELDS = ['type', 'title', 'startsAt', 'endsAt', 'room', 'track', 'abstract', 'moderators', 'speakers'] as const;

export interface SessionValues {
  type: SessionType;
  title: string;
  startsAt: string;
  endsAt: string;
  room: string;
  track: string;
  abstract: string;
  moderators: string[];
  speakers: string[];
}

/** A new session: starts when the event starts (or where the last session ended), one hour. */
export function newSessionValues(startsAt: string): SessionValues {
  const start = fromLocalInput(startsAt);
  const end = start.ok ? toLocalInput(new Date(new Date(start.iso).getTime() + 3_600_000).toISOString()) : '';
  return { type: 'vortrag', title: '', startsAt, endsAt: end, room: '', track: '', abstract: '', moderators: [], speakers: [] };
}

export function sessionValues(
  session: Pick<Session, 'type' | 'title' | 'startsAt' | 'endsAt' | 'room' | 'track' | 'abstract'> & {
    moderators: string[];
    speakers: string[];
  },
): SessionValues {
  return {
    type: session.type,
    title: session.title,
    startsAt: toLocalInput(session.startsAt),
    endsAt: toLocalInput(session.endsAt),
    room: session.room,
    track: session.track,
    abstract: session.abstract,
    moderators: [...session.moderators],
    speakers: [...session.speakers],
  };
}

export function checkSessionValues(values: SessionValues): Problems {
  const problems: Problems = { ...checkTimes(values.startsAt, values.endsAt) };
  if (values.title.trim() === '') problems.title = 'validation.required';
  return problems;
}

export function sessionBody(values: SessionValues) {
  return {
    type: values.type,
    title: values.title.trim(),
    abstract: values.abstract.trim(),
    startsAt: iso(values.startsAt),
    endsAt: iso(values.endsAt),
    room: values.room.trim(),
    track: values.track.trim(),
    moderators: values.moderators,
    speakers: values.speakers,
  };
}

/** The problems of a form check as messages for the form (field → translated text). */
export function problemMessages(problems: Problems, t: (key: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, t(key ?? '')]));
}
