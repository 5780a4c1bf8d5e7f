import type {
  CheckinBatch,
  CheckinBatchResult,
  CheckinCounts,
  CheckinItem,
  CheckinList,
  CheckinResult,
  TicketScan,
  TicketScanResult,
} from '../../../contracts/checkin.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import { badgesPdf } from './badges-pdf.ts';
import { berlin } from './berlin-time.ts';
import { findEventById } from './events.repository.ts';
import {
  countCheckedIn,
  countConfirmed,
  findCounted,
  findRegistrations,
  findScans,
  insertScan,
  listConfirmed,
  listCounted,
  type CheckinRow,
} from './checkin.repository.ts';
import { lockEvent } from './registration.repository.ts';
import { ticketHash, ticketKey, ticketToken, verifyTicket } from './ticket.ts';

type Registration = Awaited<ReturnType<typeof findRegistrations>>[number];

const SCAN_ERRORS = {
  invalid: 'checkin.ticket_invalid',
  wrong_event: 'checkin.ticket_wrong_event',
  cancelled: 'checkin.ticket_cancelled',
  not_confirmed: 'checkin.ticket_not_confirmed',
} as const;

/**
 * Check-in at the door and the badge sheet. Every upload runs in one transaction with the event
 * row locked (as seat changes do), so two devices that scan the same person are answered one after
 * the other: the scan stored first counts, the later one is kept as a duplicate. Scans are stored
 * under the device's id, so a batch sent again answers the same and changes nothing. Nothing here
 * logs names or tickets; the audit trail gets counts only.
 */
export function createCheckinService(ctx: AppContext, deps: { audit: AuditService }) {
  const { audit } = deps;
  const key = ticketKey(ctx.config.sessionSecret);

  async function eventFor(actor: Actor | null, eventId: string) {
    authorize(actor, can.manageEvents(actor));
    const event = await findEventById(ctx.db, eventId);
    if (!event) throw new AppError('event.not_found');
    return event;
  }

  async function counts(db: DbOrTrx, eventId: string): Promise<CheckinCounts> {
    const [confirmed, checkedIn] = await Promise.all([countConfirmed(db, eventId), countCheckedIn(db, eventId)]);
    return { confirmed, checkedIn };
  }

  /** The registration a scan points to: a genuine ticket's id, or the id chosen by name. */
  const targetOf = (item: CheckinItem) => (item.token !== undefined ? verifyTicket(key, item.token) : item.registrationId!.toLowerCase());

  async function store(actor: Actor, eventId: string, items: CheckinItem[]): Promise<CheckinBatchResult> {
    return ctx.db.transaction().execute(async (trx) => {
      if (!(await lockEvent(trx, ctx.dialect, eventId))) throw new AppError('event.not_found');
      const stamp = ctx.clock().toISOString();
      const earlier = new Map(
        (
          await findScans(
            trx,
            items.map((i) => i.id),
          )
        ).map((r) => [r.id, r]),
      );
      const targets = items.map(targetOf);
      const regs = new Map((await findRegistrations(trx, [...new Set(targets.filter((t) => t !== null))])).map((r) => [r.id, r]));
      const counted = new Map<string, CheckinRow | undefined>();
      const firstOf = async (id: string) => {
        if (!counted.has(id)) counted.set(id, await findCounted(trx, id));
        return counted.get(id);
      };
      const tally = { checkedIn: 0, duplicates: 0, refused: 0, repeated: 0 };

      const results: CheckinResult[] = [];
      for (const [i, item] of items.entries()) {
        const target = targets[i] ?? null;
        const reg = target ? regs.get(target) : undefined;
        const ours = reg && reg.event_id === eventId ? reg : undefined;
        const answer = (status: CheckinResult['status'], first: string | null = null): CheckinResult => ({
          id: item.id,
          status,
          registrationId: ours?.id ?? null,
          name: ours?.name ?? null,
          firstCheckedInAt: first,
        });
        const prior = earlier.get(item.id);
        if (prior) {
          // The same scan again (a retried upload): the stored answer, nothing new.
          tally.repeated++;
          const same = prior.event_id === eventId && prior.registration_id === ours?.id;
          results.push(
            same
              ? answer(prior.duplicate ? 'duplicate' : 'checked_in', (await firstOf(prior.registration_id))?.checked_in_at ?? null)
              : answer('invalid'),
          );
          continue;
        }
        const refusal = refuse(reg, eventId);
        if (refusal) {
          tally.refused++;
          results.push(answer(refusal));
          continue;
        }
        const first = await firstOf(ours!.id);
        const row: CheckinRow = {
          id: item.id,
          event_id: eventId,
          registration_id: ours!.id,
          checked_in_at: new Date(item.at).toISOString(),
          recorded_at: stamp,
          by_user_id: actor.userId,
          method: item.method,
          duplicate: first ? 1 : 0,
        };
        await insertScan(trx, row);
        earlier.set(row.id, row);
        if (first) {
          tally.duplicates++;
          results.push(answer('duplicate', first.checked_in_at));
        } else {
          tally.checkedIn++;
          counted.set(row.registration_id, row);
          results.push(answer('checked_in', row.checked_in_at));
        }
      }
      await audit.record(
        {
          action: 'registration.checkins_synced',
          actorId: actor.userId,
          targetType: 'event',
          targetId: eventId,
          details: { scans: items.length, ...tally },
        },
        trx,
      );
      return { results, counts: await counts(trx, eventId) };
    });
  }

  return {
    /** Everything the door needs offline: confirmed registrations, ticket hashes, who is in. */
    async list(actor: Actor | null, eventId: string): Promise<CheckinList> {
      const event = await eventFor(actor, eventId);
      const [people, counted, total] = await Promise.all([
        listConfirmed(ctx.db, eventId),
        listCounted(ctx.db, eventId),
        counts(ctx.db, eventId),
      ]);
      const inAt = new Map(counted.map((c) => [c.registration_id, c.checked_in_at]));
      return {
        event: {
          id: event.id,
          slug: event.slug,
          title: event.title,
          startsAt: berlin(event.starts_at).iso,
          endsAt: berlin(event.ends_at).iso,
        },
        generatedAt: ctx.clock().toISOString(),
        counts: total,
        people: people.map((p) => ({
          registrationId: p.id,
          name: p.name,
          organisation: p.organisation,
          participantType: p.participant_type as CheckinList['people'][number]['participantType'],
          ticketHash: ticketHash(ticketToken(key, p.id)),
          checkedInAt: inAt.get(p.id) ?? null,
        })),
      };
    },

    /** A batch of scans from a door device; per scan an answer, idempotent on the scan ids. */
    async sync(actor: Actor | null, eventId: string, batch: CheckinBatch): Promise<CheckinBatchResult> {
      await eventFor(actor, eventId);
      return store(actor!, eventId, batch.items);
    },

    /** One ticket scanned online: refused tickets are 400/409 with their own message. */
    async scan(actor: Actor | null, eventId: string, input: TicketScan): Promise<TicketScanResult> {
      await eventFor(actor, eventId);
      const { results, counts: total } = await store(actor!, eventId, [{ ...input, method: 'qr' }]);
      const result = results[0]!;
      if (result.status !== 'checked_in' && result.status !== 'duplicate') throw new AppError(SCAN_ERRORS[result.status]);
      return { ...result, status: result.status, duplicate: result.status === 'duplicate', counts: total };
    },

    /** Badges of the confirmed registrations, sorted by name. */
    async badges(actor: Actor | null, eventId: string): Promise<{ slug: string; pdf: Buffer }> {
      const event = await eventFor(actor, eventId);
      const people = await listConfirmed(ctx.db, eventId);
      const pdf = await badgesPdf(event, people);
      await audit.record({
        action: 'registration.badges_printed',
        actorId: actor!.userId,
        targetType: 'event',
        targetId: eventId,
        details: { badges: people.length },
      });
      return { slug: event.slug, pdf };
    },
  };
}
export type CheckinService = ReturnType<typeof createCheckinService>;

/** Why a scan does not admit anybody, or null when it belongs to a confirmed registration of this event. */
function refuse(reg: Registration | undefined, eventId: string): Exclude<CheckinResult['status'], 'checked_in' | 'duplicate'> | null {
  if (!reg) return 'invalid';
  if (reg.event_id !== eventId) return 'wrong_event';
  if (reg.status === 'cancelled' || reg.status === 'expired') return 'cancelled';
  if (reg.status !== 'confirmed') return 'not_confirmed';
  return null;
}
