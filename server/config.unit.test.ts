import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'itas-config-'));

describe('loadConfig', () => {
  it('runs on defaults: port 3000, SQLite under DATA_DIR, OWASP password cost', () => {
    const dir = dataDir();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'sqlite', file: path.join(dir, 'itas.sqlite') });
    expect(c.passwordCost).toBe(17);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.secureCookies).toBe(false);
    expect(c.session).toEqual({ idleMinutes: 30, absoluteHours: 12 });
  });

  it('uses PostgreSQL for a postgres:// DATABASE_URL and treats empty variables as unset', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u@db:5432/itas' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/itas',
    });
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: '' }).database.kind).toBe('sqlite');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), PORT: 'achtzig' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), PORT: 'achtzig' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), SESSION_SECRET: 'kurz' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), PORT: '70000' })).toThrow(/PORT/);
    // Only the wrong variable is named, so the message points at what to fix.
    expect(() => loadConfig({ DATA_DIR: dataDir(), SESSION_SECRET: 'kurz' })).not.toThrow(/PORT|DATABASE_URL/);
  });

  it('creates a session secret on the first start and keeps it', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(first);
    expect(loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(40) }).sessionSecret).toBe('x'.repeat(40));
  });

  it('marks cookies secure behind an https public address', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), PUBLIC_URL: 'https://itas.example/' })).toMatchObject({
      secureCookies: true,
      publicUrl: 'https://itas.example',
    });
  });
});
