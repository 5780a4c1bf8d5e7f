/**
 * npm run bench:registration — registration with capacity and waitlist over HTTP. The server runs
 * as its own process (embedded SQLite, as in production); this process sends 500 registrations
 * at once for an event with 300 seats, then 500 confirmations at once, and reads the outcome.
 * Prints confirmed/waitlisted counts, whether the waitlist follows the order of confirmation,
 * and timings. Prints figures; asserts nothing.
 *
 *   BENCH_PEOPLE    registrations (default 500)
 *   BENCH_SEATS     seats of the event (default 300)
 */
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/db/database.ts';
import { openSession, seedDatabase, startServer } from '../server/test/server-process.ts';
import { poster, printCommit, quantile, staffWithEvent, stopServer } from './common.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500);
const SEATS = Number(process.env.BENCH_SEATS ?? 300);

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const post = poster(agent);

const timing = (label: string, results: { ms: number }[], wallMs: number) =>
  console.log(
    `${label}: ${results.length} in ${(wallMs / 1000).toFixed(2)} s (${((results.length / wallMs) * 1000).toFixed(0)}/s), ` +
      `p50 ${quantile(
        results.map((r) => r.ms),
        0.5,
      ).toFixed(0)} ms, p95 ${quantile(
        results.map((r) => r.ms),
        0.95,
      ).toFixed(0)} ms, max ${Math.max(...results.map((r) => r.ms)).toFixed(0)} ms`,
  );

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-bench-registration-'));
  const { config, handle, services } = await seedDatabase(dataDir);
  const { staff, event } = await staffWithEvent(services, {
    email: 'bench-staff@itas.example',
    password: 'Zwickau Chemnitz 2026',
    slug: 'kongress-last',
    title: 'Kongress (Lasttest)',
    daysAhead: 30,
  });
  await services.registrations.updateCapacity(staff, event.id, { capacity: SEATS, registrationClosesAt: null, sessions: [] });
  await handle.close();

  // Every simulated person registers from this machine's address: lift the per-address limit.
  const server = await startServer(dataDir, { args: ['--no-demo'], env: { REGISTRATION_LIMIT_PER_ADDRESS: String(PEOPLE * 2) } });
  try {
    const { cookie, csrfToken } = await openSession(server.base);
    const headers = { cookie, 'x-csrf-token': csrfToken };

    const emails = Array.from({ length: PEOPLE }, (_, i) => `person-${i}@bench.itas.example`);
    let start = performance.now();
    const registered = await Promise.all(
      emails.map((email, i) =>
        post(
          server.port,
          `/api/events/${event.slug}/registrations`,
          JSON.stringify({
            name: `Person ${i}`,
            email,
            organisation: '',
            participantType: 'buerger',
            accessibilityNeeds: '',
            workshopSessionIds: [],
            consent: true,
          }),
          headers,
        ),
      ),
    );
    timing('register  (202 + opt-in mail in outbox)', registered, performance.now() - start);
    const notAccepted = registered.filter((r) => r.status !== 202);
    if (notAccepted.length) console.log(`  not accepted: ${notAccepted.length} (first: ${notAccepted[0]!.status} ${notAccepted[0]!.body})`);

    // The confirmation links, as the people would find them in their mail.
    const reader = openDatabase(config.database);
    const mails = await reader.db.selectFrom('mail_outbox').select(['to_address', 'text_body']).execute();
    const tokenOf = new Map(mails.map((m) => [m.to_address, /\/anmeldung\/bestaetigen#([A-Za-z0-9_-]+)/.exec(m.text_body ?? '')?.[1]]));
    const tokens = emails.map((e) => tokenOf.get(e)).filter((t): t is string => Boolean(t));

    start = performance.now();
    const confirmed = await Promise.all(
      tokens.map((token) => post(server.port, '/api/registrations/confirm', JSON.stringify({ token }), headers)),
    );
    timing('confirm   (seat allocation under the event lock)', confirmed, performance.now() - start);
    const views = confirmed
      .filter((r) => r.status === 200)
      .map((r) => JSON.parse(r.body) as { status: string; waitlistPosition: number | null });
    const count = (s: string) => views.filter((v) => v.status === s).length;
    console.log(
      `seats ${SEATS}, people ${PEOPLE}: confirmed ${count('confirmed')}, waitlisted ${count('waitlisted')}, errors ${confirmed.length - views.length}`,
    );

    // Queue order: numbers 1…n without gaps; the first SEATS hold the seats; queued_at never goes back.
    const rows = await reader.db
      .selectFrom('registration')
      .select(['status', 'queue_seq', 'queued_at'])
      .where('event_id', '=', event.id)
      .orderBy('queue_seq')
      .execute();
    const gapless = rows.every((r, i) => r.queue_seq === i + 1);
    const seatsFirst = rows.every((r, i) => (i < SEATS ? r.status === 'confirmed' : r.status === 'waitlisted'));
    const timeOrdered = rows.every((r, i) => i === 0 || (r.queued_at ?? '') >= (rows[i - 1]!.queued_at ?? ''));
    const positions = views
      .filter((v) => v.status === 'waitlisted')
      .map((v) => v.waitlistPosition!)
      .sort((a, b) => a - b);
    const positionsExact = positions.every((p, i) => p === i + 1);
    console.log(
      `waitlist order = confirmation order: ${gapless && seatsFirst && timeOrdered ? 'yes' : 'NO'} ` +
        `(queue numbers gapless: ${gapless}, seats to the first ${SEATS}: ${seatsFirst}, confirmation times ascending: ${timeOrdered}, ` +
        `waitlist places 1…${positions.length} handed out once each: ${positionsExact})`,
    );
    await reader.close();
  } finally {
    await stopServer(server, dataDir);
  }
  printCommit();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
