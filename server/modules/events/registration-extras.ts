import type { RegistrationList } from '../../../contracts/registration.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import { createRegistrationReminders, type LockedAt } from './registration-reminders.ts';
import { createRegistrationRetention } from './registration-retention.ts';
import { PARTICIPANT_LABELS, STATUS_LABELS } from './registration-staff.ts';
import { createRegistrationThrottle } from './registration-throttle.ts';
import { participantWorkbook } from './registration-xlsx.ts';

/**
 * Registration beyond the seats: reminder mails, retention, the rate limit of the public form and
 * the participant list as Excel workbook. Spread into the registration service.
 */
export function createRegistrationExtras(
  ctx: AppContext,
  deps: {
    audit: AuditService;
    locked: LockedAt;
    list: (actor: Actor | null, eventId: string) => Promise<RegistrationList>;
  },
) {
  const { audit, list } = deps;
  return {
    ...createRegistrationReminders(ctx, deps),
    ...createRegistrationRetention(ctx, deps),
    ...createRegistrationThrottle(ctx),

    /** Participant list as XLSX (staff); same columns as the CSV plus a sheet of workshop seats. */
    async exportXlsx(actor: Actor | null, eventId: string): Promise<{ slug: string; body: Buffer }> {
      const data = await list(actor, eventId);
      const body = await participantWorkbook(data, {
        participantType: (t) => PARTICIPANT_LABELS[t] ?? t,
        status: (s) => STATUS_LABELS[s] ?? s,
      });
      await audit.record({
        action: 'registration.exported',
        actorId: actor!.userId,
        targetType: 'event',
        targetId: eventId,
        details: { rows: data.items.length, format: 'xlsx' },
      });
      return { slug: data.event.slug, body };
    },
  };
}
