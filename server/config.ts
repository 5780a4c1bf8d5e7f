import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The only reader of process.env in the project. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL muss mit postgres:// beginnen.')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL muss mit smtp:// oder smtps:// beginnen.')
    .optional(),
  MAIL_FROM: z.string().min(3).default('ITAS-Plattform <no-reply@itas.example>'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET braucht mindestens 32 Zeichen.').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  NODE_ENV: z.string().optional(),
  /** Disclosure control: smallest unweighted n shown in results (never below 3). */
  RESULTS_MIN_CELL: z.coerce.number().int().min(3, 'RESULTS_MIN_CELL darf nicht unter 3 liegen.').default(5),
  /** Hours a person has to accept a seat offered from the waitlist. */
  REGISTRATION_OFFER_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(48),
  /** Hours before the start of an event when confirmed participants get the reminder mail. */
  REGISTRATION_REMINDER_HOURS: z.coerce
    .number()
    .int()
    .min(3, 'REGISTRATION_REMINDER_HOURS muss mindestens 3 sein (bis 2 Stunden vor Beginn wird erinnert).')
    .max(24 * 14)
    .default(24),
  /** Days after the end of an event until its personal registration data are deleted (counts stay). */
  REGISTRATION_RETENTION_DAYS: z.coerce.number().int().min(1, 'REGISTRATION_RETENTION_DAYS muss mindestens 1 sein.').max(3650).default(90),
  /** Registrations per client address within 10 minutes (public form). */
  REGISTRATION_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Registrations per e-mail address within one hour (public form). */
  REGISTRATION_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).max(1000).default(5),
  /** Live polls: device tokens one client address may fetch per 10 minutes (a hall shares one address). */
  LIVE_DEVICE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(3000),
  RESULTS_MIN_CELL_CROSSTAB: z.coerce.number().int().min(3, 'RESULTS_MIN_CELL_CROSSTAB darf nicht unter 3 liegen.').default(10),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite` file under dataDir, or a PostgreSQL URL. */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  logLevel: string;
  trustProxy: boolean;
  /** Cookies get `Secure` and the `__Host-` prefix when the public URL is https. */
  secureCookies: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  /** scrypt cost as log2(N); 17 is OWASP's recommendation (N=2^17, r=8, p=1). */
  passwordCost: number;
  bodyLimitBytes: number;
  version: string;
  /** Disclosure control of results: smallest unweighted n per cell (estimates, crosstabs/open answers). */
  results: { minCell: number; minCellCrosstab: number };
  /** Event registration: hours to accept a seat offered from the waitlist. */
  registration: {
    offerHours: number;
    /** Reminder mail this many hours before the start (none later than 2 hours before). */
    reminderHours: number;
    /** Personal registration data are deleted this many days after the event ends. */
    retentionDays: number;
    /** Public registration form: at most `perAddress` per 10 minutes and `perEmail` per hour. */
    limits: { perAddress: number; perEmail: number };
  };
  /** Live polls: device tokens per client address and 10 minutes. */
  live: { deviceLimitPerIp: number };
}

export class ConfigError extends Error {}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Reads the session secret from DATA_DIR, creating one on first start. */
function sessionSecretFor(dataDir: string, given: string | undefined): string {
  if (given) return given;
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (shells and CI systems often export VAR= ).
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Ungültige Konfiguration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'sqlite', file: path.join(dataDir, 'itas.sqlite') },
    publicUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionSecret: sessionSecretFor(dataDir, e.SESSION_SECRET),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    secureCookies: publicUrl.startsWith('https://'),
    session: { idleMinutes: 30, absoluteHours: 12 },
    passwordCost: 17,
    bodyLimitBytes: 1024 * 1024,
    version: readVersion(),
    results: { minCell: e.RESULTS_MIN_CELL, minCellCrosstab: e.RESULTS_MIN_CELL_CROSSTAB },
    registration: {
      offerHours: e.REGISTRATION_OFFER_HOURS,
      reminderHours: e.REGISTRATION_REMINDER_HOURS,
      retentionDays: e.REGISTRATION_RETENTION_DAYS,
      limits: { perAddress: e.REGISTRATION_LIMIT_PER_ADDRESS, perEmail: e.REGISTRATION_LIMIT_PER_EMAIL },
    },
    live: { deviceLimitPerIp: e.LIVE_DEVICE_LIMIT_PER_IP },
  };
}

/** A configuration for tests: nothing read from the environment, cheap password hashing. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '',
    database: { kind: 'sqlite', file: ':memory:' },
    publicUrl: 'http://localhost:3000',
    smtpUrl: undefined,
    mailFrom: 'ITAS-Plattform <no-reply@itas.example>',
    sessionSecret: 'test-secret-test-secret-test-secret-0123456789',
    logLevel: 'silent',
    trustProxy: false,
    secureCookies: false,
    session: { idleMinutes: 30, absoluteHours: 12 },
    passwordCost: 10,
    bodyLimitBytes: 1024 * 1024,
    version: '0.0.0-test',
    results: { minCell: 5, minCellCrosstab: 10 },
    // Test files register many people from one address; the limit tests set their own limits.
    registration: { offerHours: 48, reminderHours: 24, retentionDays: 90, limits: { perAddress: 10_000, perEmail: 1000 } },
    live: { deviceLimitPerIp: 3000 },
    ...overrides,
  };
}
