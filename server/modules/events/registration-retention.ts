import { randomUUID } from 'node:crypto';
import type { RegistrationList } from '../../../contracts/registration.ts';
import { PARTICIPANT_TYPES, REGISTRATION_STATUSES, WORKSHOP_STATUSES } from '../../../contracts/registration.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { AuditService } from '../audit/index.ts';
import { berlin } from './berlin-time.ts';
import type { EventRow } from './events.repository.ts';
import {
  CHECKED_IN_TALLY,
  countsToKeep,
  deleteRegistrationsOf,
  deleteStaleThrottles,
  eventsDueForPurge,
  insertTally,
  listTally,
  markPurged,
  type TallyRow,
} from './registration-jobs.repository.ts';
import { lockEvent } from './registration.repository.ts';

const DAY_MS = 86_400_000;
/** Throttle windows are at most an hour long; older counters are dead weight. */
const THROTTLE_KEEP_MS = 2 * 3_600_000;

function sum<K extends string>(keys: readonly K[], rows: TallyRow[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) if ((keys as readonly string[]).includes(r.status)) out[r.status as K] += r.count;
  return out;
}

/**
 * For an event whose personal registration rows were deleted: the list with the kept counts
 * instead of the (now empty) live ones. Unchanged lists get `retention: null`.
 */
export async function withKeptCounts(
  db: DbOrTrx,
  event: EventRow,
  retentionDays: number,
  list: Omit<RegistrationList, 'retention'>,
): Promise<RegistrationList> {
  if (event.registrations_purged_at === null) return { ...list, retention: null };
  const tally = await listTally(db, event.id);
  const seats = tally.filter((r) => r.session_id === null);
  return {
    ...list,
    counts: sum(REGISTRATION_STATUSES, seats),
    workshops: list.workshops.map((w) => ({
      ...w,
      counts: sum(
        WORKSHOP_STATUSES,
        tally.filter((r) => r.session_id === w.sessionId),
      ),
    })),
    retention: {
      purgedAt: berlin(event.registrations_purged_at).iso,
      retentionDays,
      checkedIn: seats.filter((r) => r.status === CHECKED_IN_TALLY).reduce((a, r) => a + r.count, 0),
      participantTypes: PARTICIPANT_TYPES.map((type) => ({
        participantType: type,
        counts: sum(
          REGISTRATION_STATUSES,
          seats.filter((r) => r.participant_type === type),
        ),
      })).filter((p) => Object.values(p.counts).some((n) => n > 0)),
    },
  };
}

/**
 * Retention: `retentionDays` after an event ends, its registrations (names, addresses, needs,
 * workshop seats, check-in scans) are deleted; the counts per status and participant type stay
 * in `registration_tally`. Each event is purged in one transaction under the event lock, so two
 * server instances never purge (or count) the same event twice.
 */
export function createRegistrationRetention(ctx: AppContext, deps: { audit: AuditService }) {
  const { audit } = deps;
  return {
    /** Purges every event whose retention period is over at `now`; for the timer and `itas retention`. */
    async purgeExpiredRegistrations(now: Date = ctx.clock()): Promise<{ events: number; registrations: number }> {
      const days = ctx.config.registration.retentionDays;
      const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
      const stamp = now.toISOString();
      await deleteStaleThrottles(ctx.db, new Date(now.getTime() - THROTTLE_KEEP_MS).toISOString());
      let events = 0;
      let registrations = 0;
      for (const id of await eventsDueForPurge(ctx.db, cutoff)) {
        const deleted = await ctx.db.transaction().execute(async (trx) => {
          const event = await lockEvent(trx, ctx.dialect, id);
          if (!event || event.registrations_purged_at !== null || event.ends_at > cutoff) return null;
          const kept = await countsToKeep(trx, id);
          await insertTally(
            trx,
            kept.map((k) => ({ id: randomUUID(), event_id: id, ...k })),
          );
          const n = await deleteRegistrationsOf(trx, id);
          await markPurged(trx, id, stamp);
          if (n > 0) {
            const seats = kept.filter((k) => k.session_id === null);
            await audit.record(
              {
                action: 'registration.purged',
                targetType: 'event',
                targetId: id,
                details: {
                  registrations: n,
                  confirmed: seats.filter((k) => k.status === 'confirmed').reduce((a, k) => a + k.count, 0),
                  retentionDays: days,
                },
              },
              trx,
            );
          }
          return n;
        });
        if (deleted === null) continue;
        events += 1;
        registrations += deleted;
      }
      return { events, registrations };
    },
  };
}
