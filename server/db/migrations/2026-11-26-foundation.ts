import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.

/** The consortium partners exist on every installation, so they are created with the schema. */
const PARTNERS = [
  {
    slug: 'cwe',
    name: 'CWE – Chemnitzer Wirtschaftsförderungs- und Entwicklungsgesellschaft mbH',
    short_name: 'CWE Chemnitz',
    description: 'Wirtschaftsförderung der Stadt Chemnitz; leitet das Konsortium der Initiative.',
    is_lead: 1,
  },
  {
    slug: 'ihk-chemnitz',
    name: 'Industrie- und Handelskammer Chemnitz',
    short_name: 'IHK Chemnitz',
    description: 'Vertritt die gewerbliche Wirtschaft der Region Chemnitz und begleitet Unternehmen im Wandel.',
    is_lead: 0,
  },
  {
    slug: 'amz',
    name: 'Netzwerk Automobilzulieferer Sachsen (AMZ)',
    short_name: 'AMZ Sachsen',
    description: 'Netzwerk der sächsischen Automobilzulieferer; bringt Zulieferbetriebe, Forschung und Hersteller zusammen.',
    is_lead: 0,
  },
  {
    slug: 'ig-metall',
    name: 'IG Metall Chemnitz / Zwickau',
    short_name: 'IG Metall',
    description: 'Gewerkschaft der Beschäftigten in Metall- und Elektroindustrie; setzt sich für einen fairen Wandel ein.',
    is_lead: 0,
  },
  {
    slug: 'ba-region',
    name: 'Bundesagentur für Arbeit – Region Südwestsachsen',
    short_name: 'Bundesagentur für Arbeit',
    description: 'Berät Beschäftigte und Betriebe zu Qualifizierung, Weiterbildung und Arbeitsmarkt.',
    is_lead: 0,
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('is_lead', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('app_user_org_idx').on('app_user').column('organisation_id').execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('device', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('auth_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('auth_token_user_idx').on('auth_token').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    // No foreign key: the security log outlives deleted accounts.
    .addColumn('actor_id', 'text')
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_event_at_idx').on('audit_event').column('at').execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('mail_outbox_created_idx').on('mail_outbox').column('created_at').execute();

  const now = new Date().toISOString();
  await db
    .insertInto('organisation')
    .values(PARTNERS.map((p, i) => ({ id: randomUUID(), ...p, sort_order: i + 1, created_at: now, updated_at: now })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['mail_outbox', 'audit_event', 'login_throttle', 'auth_token', 'session', 'app_user', 'organisation']) {
    await db.schema.dropTable(t).execute();
  }
}
