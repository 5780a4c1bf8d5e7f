import { parseArgs } from 'node:util';
import { z } from 'zod';
import { EmailSchema, PasswordSchema, RoleSchema, textSchema } from '../contracts/common.ts';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import { BackupError, backupDatabase, isDatabaseInUse, restoreDatabase } from '../server/db/backup.ts';
import { openDatabase, type DatabaseHandle } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrations/index.ts';
import { AppError, errorMessage } from '../server/errors.ts';
import { createLogger } from '../server/logger.ts';
import { serve } from '../server/main.ts';
import { formatDemoAccounts, seedDemo } from '../server/seed/demo.ts';
import { createServices } from '../server/services.ts';

export const USAGE = `ITAS-Plattform – Kommandozeile

Aufruf: itas <Befehl> [Optionen]

Befehle:
  serve [--no-demo]             Server starten (migriert die Datenbank; legt beim ersten Start
                                ohne --no-demo Demodaten an)
  migrate                       Datenbank auf den neuesten Stand bringen
  seed --demo                   Demo-Konten anlegen (Passwörter werden einmal angezeigt)
  user create --email E --password P --role R --org SLUG [--name NAME]
                                Konto anlegen; Rollen: admin, staff, analyst, company
  backup DATEI                  Konsistente Sicherung der Datenbank schreiben
  restore DATEI [--replace]     Sicherung einspielen (ersetzt alle Daten; bei vorhandenen
                                Konten nur mit --replace)
  retention                     Anmeldedaten vergangener Veranstaltungen nach Ablauf der
                                Aufbewahrungsfrist löschen (Zahlen bleiben; läuft im Server
                                auch stündlich; Frist: REGISTRATION_RETENTION_DAYS)
  analyze --data CSV [--margins JSON --rake SPALTEN] [--means …] [--shares …] [--by …] [--json]
                                Gewichtete Auswertung einer Antwortdatei (Details: itas analyze --help)
  help                          Diese Hilfe

Die Datenbank wählen DATA_DIR (SQLite, Standard ./data) oder DATABASE_URL (postgres://…).
`;

class UsageError extends Error {}

function out(text: string) {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}
function err(text: string) {
  process.stderr.write(text.endsWith('\n') ? text : text + '\n');
}

async function withDatabase<T>(fn: (handle: DatabaseHandle, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    return await fn(handle, config);
  } finally {
    await handle.close();
  }
}

function contextFor(handle: DatabaseHandle, config: Config): AppContext {
  return { db: handle.db, dialect: handle.dialect, config, clock: () => new Date(), log: createLogger('warn') };
}

function parse(args: string[], options: NonNullable<Parameters<typeof parseArgs>[0]>['options'], positionals = 0) {
  try {
    const r = parseArgs({ args, options: options ?? {}, allowPositionals: positionals > 0, strict: true });
    if (r.positionals.length !== positionals) {
      throw new UsageError(positionals === 0 ? 'Unerwartete Argumente.' : `Erwartet ${positionals} Dateiangabe(n).`);
    }
    return r;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(e instanceof Error ? e.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(e));
  }
}

const UserCreateArgs = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  role: RoleSchema,
  org: z.string().min(1),
  name: textSchema(120, 2).optional(),
});

const commands: Record<string, (args: string[]) => Promise<number>> = {
  async serve(args) {
    const { values } = parse(args, { 'no-demo': { type: 'boolean' } });
    await serve({ seedDemo: !values['no-demo'] });
    return 0;
  },

  async migrate(args) {
    parse(args, {});
    const config = loadConfig();
    const handle = openDatabase(config.database);
    try {
      const applied = await migrateToLatest(handle.db);
      out(applied.length ? `Migrationen ausgeführt: ${applied.join(', ')}` : 'Die Datenbank ist auf dem neuesten Stand.');
    } finally {
      await handle.close();
    }
    return 0;
  },

  async seed(args) {
    const { values } = parse(args, { demo: { type: 'boolean' } });
    if (!values.demo) throw new UsageError('Bitte --demo angeben: itas seed --demo');
    await withDatabase(async (handle, config) => {
      out(formatDemoAccounts(await seedDemo({ database: handle, config, log: createLogger('warn') })));
    });
    return 0;
  },

  async user(args) {
    const [sub, ...rest] = args;
    if (sub !== 'create') throw new UsageError('Unbekannter Unterbefehl. Meinten Sie: itas user create …?');
    const { values } = parse(rest, {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      org: { type: 'string' },
      name: { type: 'string' },
    });
    const parsed = UserCreateArgs.safeParse(values);
    if (!parsed.success) {
      throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
    }
    const a = parsed.data;
    await withDatabase(async (handle, config) => {
      const services = createServices(contextFor(handle, config));
      const org = await services.organisations.bySlug(a.org);
      if (!org) {
        const slugs = (await services.organisations.list()).map((o) => o.slug).join(', ');
        throw new UsageError(`Organisation "${a.org}" gibt es nicht. Vorhanden: ${slugs}`);
      }
      const user = await services.users.create(
        null,
        { email: a.email, password: a.password, role: a.role, organisationId: org.id, displayName: a.name ?? a.email.split('@')[0]! },
        { trusted: true },
      );
      out(`Konto angelegt: ${user.email} (${user.role}, ${org.short_name})`);
    });
    return 0;
  },

  async backup(args) {
    const { positionals } = parse(args, {}, 1);
    await withDatabase(async (handle, config) => {
      const summary = await backupDatabase(handle, positionals[0]!);
      await createServices(contextFor(handle, config)).audit.record({ action: 'backup.created', details: { format: summary.format } });
      out(`Sicherung geschrieben: ${summary.file} (${summary.format})`);
      for (const [t, n] of Object.entries(summary.tables)) out(`  ${t.padEnd(16)} ${n}`);
    });
    return 0;
  },

  async restore(args) {
    const { values, positionals } = parse(args, { replace: { type: 'boolean' } }, 1);
    await withDatabase(async (handle, config) => {
      if (!values.replace && (await isDatabaseInUse(handle.db))) {
        throw new UsageError('Die Datenbank enthält bereits Konten. Zum Ersetzen aller Daten: itas restore DATEI --replace');
      }
      const { tables } = await restoreDatabase(handle, positionals[0]!);
      await createServices(contextFor(handle, config)).audit.record({ action: 'backup.restored' });
      out(`Sicherung eingespielt aus ${positionals[0]!}`);
      for (const [t, n] of Object.entries(tables)) out(`  ${t.padEnd(16)} ${n}`);
    });
    return 0;
  },

  async retention(args) {
    parse(args, {});
    await withDatabase(async (handle, config) => {
      const r = await createServices(contextFor(handle, config)).registrations.purgeExpiredRegistrations(new Date());
      out(
        r.events === 0
          ? `Keine Veranstaltung, deren Aufbewahrungsfrist (${config.registration.retentionDays} Tage) abgelaufen ist.`
          : `Anmeldedaten gelöscht: ${r.registrations} Anmeldung(en) aus ${r.events} Veranstaltung(en); die Zahlen bleiben erhalten.`,
      );
    });
    return 0;
  },

  async analyze(args) {
    // Loaded on demand: the statistics engine only, no server.
    const { runAnalyze } = await import('./analyze.ts');
    return runAnalyze(args);
  },

  async help() {
    out(USAGE);
    return 0;
  },
};

/** Runs one command; returns the exit code (0 ok, 1 failure, 2 wrong usage). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!name || name === '--help' || name === '-h') {
    out(USAGE);
    return name ? 0 : 2;
  }
  if (!command) {
    err(`Unbekannter Befehl "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`Fehler: ${e.message}`);
      return 2;
    }
    if (e instanceof ConfigError || e instanceof BackupError) {
      err(`Fehler: ${e.message}`);
      return 1;
    }
    if (e instanceof AppError) {
      err(`Fehler: ${errorMessage(e.code, 'de', e.params)}`);
      return e.status < 500 ? 2 : 1;
    }
    err(`Fehler: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
