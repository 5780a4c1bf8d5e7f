import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { countUsers } from '../modules/accounts/index.ts';
import { createServices } from '../services.ts';
import { CONSENT, DEMO_WAVE_CODE, shippedQuestionnaire, type StudyService } from '../modules/study/index.ts';
import type { Role } from '../../contracts/common.ts';
import { DEMO_EVENTS, DEMO_SESSION_RESULTS } from './demo-events.ts';

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  organisation: string;
  displayName: string;
}

const DEMO_USERS: { role: Role; email: string; displayName: string; org: string }[] = [
  { role: 'admin', email: 'admin@demo.itas.example', displayName: 'Demo Administration (CWE)', org: 'cwe' },
  { role: 'staff', email: 'staff@demo.itas.example', displayName: 'Demo Mitarbeiterin (IHK)', org: 'ihk-chemnitz' },
  { role: 'analyst', email: 'analyst@demo.itas.example', displayName: 'Demo Analyst (Bundesagentur)', org: 'ba-region' },
  { role: 'staff', email: 'staff.amz@demo.itas.example', displayName: 'Demo Netzwerkmanager (AMZ)', org: 'amz' },
];

/** The shipped questionnaire with an open demo wave, reachable at /befragung/resilienz2026. */
async function seedDemoStudy(studies: StudyService, organisationId: string, now: Date): Promise<void> {
  if (await studies.existsBySlug('resilienz-suedwestsachsen')) return;
  const year = now.getUTCFullYear();
  await studies.createStudy({
    slug: 'resilienz-suedwestsachsen',
    title: 'Resilienz-Studie Südwestsachsen',
    description: 'Bevölkerungsbefragung zu Veränderungsbereitschaft, Krisenfestigkeit und Betroffenheit im Wandel der Automobilindustrie.',
    organisationId,
    definition: shippedQuestionnaire(),
    isDemo: true,
    wave: {
      code: DEMO_WAVE_CODE,
      name: `Welle ${year} (Demo)`,
      opensOn: `${year}-01-01`,
      closesOn: `${year}-12-31`,
      status: 'open',
      channels: ['online', 'interviewer', 'kiosk', 'import'],
      consentDe: CONSENT.de,
      consentEn: CONSENT.en,
      districts: ['14511', '14521', '14522', '14523', '14524'],
    },
  });
}

/** Readable, strong passwords: four groups of five characters from an unambiguous alphabet. */
function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/**
 * Demo content: one account per role (passwords generated and shown once), marked as demo
 * data so the UI labels it. The consortium partners themselves come with the first migration.
 */
export async function seedDemo(deps: { database: DatabaseHandle; config: Config; log: Logger }): Promise<DemoAccount[]> {
  const ctx: AppContext = {
    db: deps.database.db,
    dialect: deps.database.dialect,
    config: deps.config,
    clock: () => new Date(),
    log: deps.log,
  };
  const { users, organisations, mail, studies, events, sessionResults } = createServices(ctx);
  const created: DemoAccount[] = [];
  for (const u of DEMO_USERS) {
    const org = await organisations.bySlug(u.org);
    if (!org) throw new Error(`Organisation ${u.org} fehlt`);
    if (await users.existsByEmail(u.email)) continue;
    const password = demoPassword();
    await users.create(
      null,
      { email: u.email, displayName: u.displayName, role: u.role, organisationId: org.id, password, isDemo: true },
      { trusted: true },
    );
    created.push({ role: u.role, email: u.email, password, organisation: org.short_name, displayName: u.displayName });
  }
  await seedDemoStudy(studies, (await organisations.bySlug('cwe'))!.id, new Date());
  await events.seedDemo(DEMO_EVENTS);
  await sessionResults.seedDemo(DEMO_SESSION_RESULTS);
  await mail.close();
  return created;
}

export function formatDemoAccounts(accounts: DemoAccount[]): string {
  if (accounts.length === 0) return 'Demodaten sind bereits vorhanden; es wurden keine neuen Konten angelegt.\n';
  const lines = [
    '',
    'Demo-Konten (die Passwörter werden nur dieses eine Mal angezeigt):',
    ...accounts.map((a) => `  ${a.role.padEnd(8)} ${a.email.padEnd(30)} ${a.password}   (${a.organisation})`),
    '',
  ];
  return lines.join('\n') + '\n';
}

/** On the very first start (no accounts at all) the demo content is created and shown once. */
export async function seedDemoIfEmpty(deps: { database: DatabaseHandle; config: Config; log: Logger }): Promise<void> {
  if ((await countUsers(deps.database.db)) > 0) return;
  const accounts = await seedDemo(deps);
  process.stdout.write(formatDemoAccounts(accounts));
}
