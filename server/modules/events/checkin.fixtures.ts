import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../test/test-app.ts';
import { ticketKey, ticketToken } from './ticket.ts';

/** Test helpers for check-in: a registration in a given state, stored directly, with its ticket. */
export async function seededRegistration(
  t: TestApp,
  eventId: string,
  opts: { name?: string; organisation?: string; status?: 'confirmed' | 'cancelled' | 'waitlisted' } = {},
): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const stamp = t.now.toISOString();
  const email = `gast-${id.slice(0, 8)}@test.itas.example`;
  await t.database.db
    .insertInto('registration')
    .values({
      id,
      event_id: eventId,
      email,
      email_key: email,
      name: opts.name ?? 'Erika Beispiel',
      organisation: opts.organisation ?? 'Beispiel GmbH',
      participant_type: 'unternehmen',
      accessibility_needs: '',
      requested_session_ids: '[]',
      status: opts.status ?? 'confirmed',
      queued_at: stamp,
      queue_seq: null,
      offer_expires_at: null,
      confirm_token_hash: null,
      self_token_hash: null,
      consent_at: stamp,
      created_at: stamp,
      updated_at: stamp,
    })
    .execute();
  return { id, token: ticketToken(ticketKey(t.config.sessionSecret), id) };
}
