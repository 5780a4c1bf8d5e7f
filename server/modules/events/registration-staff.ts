import type { RegistrationList, UpdateCapacityBody } from '../../../contracts/registration.ts';
import { BOOKABLE_SESSION_TYPES, REGISTRATION_STATUSES, WORKSHOP_STATUSES } from '../../../contracts/registration.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import { CSV_BOM, csvLine } from '../study/index.ts';
import { berlin, toUtc } from './berlin-time.ts';
import { findEventById, listSessionRows, updateEventRow } from './events.repository.ts';
import { withKeptCounts } from './registration-retention.ts';
import { settle, type SeatTx } from './registration-seats.ts';
import {
  eventStatusCounts,
  listRegistrations,
  listWorkshopRowsOfEvent,
  sessionStatusCounts,
  setSessionCapacity,
} from './registration.repository.ts';

type Locked = <T>(eventId: string, fn: (tx: SeatTx) => Promise<T>) => Promise<T>;

export const PARTICIPANT_LABELS: Record<string, string> = {
  unternehmen: 'Unternehmen',
  beschaeftigte: 'Beschäftigte',
  buerger: 'Bürgerinnen und Bürger',
  presse: 'Presse',
  partner: 'Partner',
};
export const STATUS_LABELS: Record<string, string> = {
  pending: 'unbestätigt',
  confirmed: 'bestätigt',
  waitlisted: 'Warteliste',
  offered: 'Platz angeboten',
  cancelled: 'storniert',
  expired: 'abgelaufen',
};

function counts<K extends string>(keys: readonly K[], m: Map<string, number> | undefined): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, m?.get(k) ?? 0])) as Record<K, number>;
}

/** What staff do with registrations: the list with counts, the CSV export, capacities. */
export function createRegistrationStaff(
  ctx: AppContext,
  deps: { audit: AuditService; locked: Locked; settleIfDue: (id: string) => Promise<void> },
) {
  const { audit, locked, settleIfDue } = deps;

  async function list(actor: Actor | null, eventId: string): Promise<RegistrationList> {
    authorize(actor, can.manageEvents(actor));
    const event = await findEventById(ctx.db, eventId);
    if (!event) throw new AppError('event.not_found');
    await settleIfDue(eventId);
    const [regs, rows, sessions, eventCounts, sessionCounts] = await Promise.all([
      listRegistrations(ctx.db, eventId),
      listWorkshopRowsOfEvent(ctx.db, eventId),
      listSessionRows(ctx.db, eventId),
      eventStatusCounts(ctx.db, eventId),
      sessionStatusCounts(ctx.db, eventId),
    ]);
    const fresh = (await findEventById(ctx.db, eventId))!;
    return withKeptCounts(ctx.db, fresh, ctx.config.registration.retentionDays, {
      event: {
        id: fresh.id,
        slug: fresh.slug,
        title: fresh.title,
        capacity: fresh.capacity,
        registrationClosesAt: fresh.registration_closes_at ? berlin(fresh.registration_closes_at).iso : null,
        version: fresh.version,
      },
      counts: counts(REGISTRATION_STATUSES, eventCounts),
      workshops: sessions
        .filter((s) => (BOOKABLE_SESSION_TYPES as readonly string[]).includes(s.type))
        .map((s) => ({
          sessionId: s.id,
          title: s.title,
          startsAt: berlin(s.starts_at).iso,
          capacity: s.capacity,
          counts: counts(WORKSHOP_STATUSES, sessionCounts.get(s.id)),
        })),
      items: regs.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        organisation: r.organisation,
        participantType: r.participant_type as RegistrationList['items'][number]['participantType'],
        accessibilityNeeds: r.accessibility_needs,
        status: r.status,
        queuedAt: r.queued_at ? berlin(r.queued_at).iso : null,
        offerExpiresAt: r.offer_expires_at ? berlin(r.offer_expires_at).iso : null,
        createdAt: berlin(r.created_at).iso,
        workshops: rows.filter((w) => w.registration_id === r.id).map((w) => ({ sessionId: w.session_id, status: w.status })),
      })),
    });
  }

  return {
    listRegistrations: list,

    /** Participant list for spreadsheets: `;`-separated, UTF-8 with BOM, formulas defused. */
    async exportCsv(actor: Actor | null, eventId: string): Promise<{ slug: string; body: string }> {
      const data = await list(actor, eventId);
      const titles = new Map(data.workshops.map((w) => [w.sessionId, w.title]));
      const lines = [
        csvLine(['Name', 'E-Mail', 'Organisation', 'Gruppe', 'Barrierefreiheit', 'Status', 'Bestätigt am', 'Workshops'], ';'),
        ...[...data.items]
          .sort((a, b) => (a.queuedAt ?? '~').localeCompare(b.queuedAt ?? '~') || a.createdAt.localeCompare(b.createdAt))
          .map((r) =>
            csvLine(
              [
                r.name,
                r.email,
                r.organisation,
                PARTICIPANT_LABELS[r.participantType] ?? r.participantType,
                r.accessibilityNeeds,
                STATUS_LABELS[r.status] ?? r.status,
                r.queuedAt ?? '',
                r.workshops.map((w) => `${titles.get(w.sessionId) ?? w.sessionId} (${STATUS_LABELS[w.status] ?? w.status})`).join(' | '),
              ],
              ';',
            ),
          ),
      ];
      await audit.record({
        action: 'registration.exported',
        actorId: actor!.userId,
        targetType: 'event',
        targetId: eventId,
        details: { rows: data.items.length },
      });
      return { slug: data.event.slug, body: CSV_BOM + lines.join('') };
    },

    /** Capacities and the closing time; raised capacities go to the waitlists as offers at once. */
    async updateCapacity(actor: Actor | null, eventId: string, input: UpdateCapacityBody): Promise<RegistrationList> {
      authorize(actor, can.manageEvents(actor));
      await locked(eventId, async (tx) => {
        if (input.version !== undefined && input.version !== tx.event.version) throw new AppError('event.version_conflict');
        const sessions = new Set((await listSessionRows(tx.trx, eventId)).map((s) => s.id));
        const fields = input.sessions.flatMap((s, i) =>
          sessions.has(s.sessionId)
            ? []
            : [{ path: `sessions.${i}.sessionId`, message: 'Diesen Programmpunkt gibt es bei dieser Veranstaltung nicht.' }],
        );
        if (fields.length > 0) throw new AppError('validation.failed', { fields });
        const set = {
          capacity: input.capacity,
          registration_closes_at: input.registrationClosesAt ? toUtc(input.registrationClosesAt) : null,
          updated_at: tx.stamp,
        };
        if (!(await updateEventRow(tx.trx, eventId, tx.event.version, set))) throw new AppError('event.version_conflict');
        tx.event = { ...tx.event, ...set, version: tx.event.version + 1 };
        for (const s of input.sessions) await setSessionCapacity(tx.trx, eventId, s.sessionId, s.capacity);
        await settle(tx);
        await audit.record(
          {
            action: 'event.capacity_updated',
            actorId: actor.userId,
            targetType: 'event',
            targetId: eventId,
            details: { capacity: input.capacity, sessions: input.sessions.length },
          },
          tx.trx,
        );
      });
      return list(actor, eventId);
    },
  };
}
