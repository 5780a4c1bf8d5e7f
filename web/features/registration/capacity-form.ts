import type { UpdateCapacityBody } from '../../../contracts/registration.ts';
import { fromLocalInput, toLocalInput } from '../events/event-time.ts';

/** The capacity form in the browser's terms: numbers as typed, the deadline as Berlin wall-clock time. */
export interface CapacityValues {
  capacity: string;
  registrationClosesAt: string;
  /** sessionId → capacity as typed ('' = no limit). */
  sessions: Record<string, string>;
}

export const MAX_CAPACITY = 100_000;

/** '' → no limit (null); a whole number 0…100 000 → that number; anything else → undefined (invalid). */
export function parseCapacity(value: string): number | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n <= MAX_CAPACITY ? n : undefined;
}

export function capacityValues(
  event: { capacity: number | null; registrationClosesAt: string | null },
  sessions: { sessionId: string; capacity: number | null }[],
): CapacityValues {
  return {
    capacity: event.capacity === null ? '' : String(event.capacity),
    registrationClosesAt: event.registrationClosesAt ? toLocalInput(event.registrationClosesAt) : '',
    sessions: Object.fromEntries(sessions.map((s) => [s.sessionId, s.capacity === null ? '' : String(s.capacity)])),
  };
}

export type CapacityCheck = { ok: true; body: Omit<UpdateCapacityBody, 'version'> } | { ok: false; fields: Record<string, string> };

/** Checks the form; problems are keyed by field name ("capacity", "registrationClosesAt", "session-<id>") as translation keys. */
export function capacityBody(values: CapacityValues): CapacityCheck {
  const fields: Record<string, string> = {};
  const capacity = parseCapacity(values.capacity);
  if (capacity === undefined) fields.capacity = 'registration.staff.capacityInvalid';
  let registrationClosesAt: string | null = null;
  const deadline = fromLocalInput(values.registrationClosesAt);
  if (deadline.ok) registrationClosesAt = deadline.iso;
  else if (deadline.reason !== 'empty') fields.registrationClosesAt = 'registration.staff.deadlineInvalid';
  const sessions: UpdateCapacityBody['sessions'] = [];
  for (const [sessionId, value] of Object.entries(values.sessions)) {
    const parsed = parseCapacity(value);
    if (parsed === undefined) fields[`session-${sessionId}`] = 'registration.staff.capacityInvalid';
    else sessions.push({ sessionId, capacity: parsed });
  }
  if (Object.keys(fields).length > 0 || capacity === undefined) return { ok: false, fields };
  return { ok: true, body: { capacity, registrationClosesAt, sessions } };
}
