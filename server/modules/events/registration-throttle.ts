import { createHmac } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { berlin } from './berlin-time.ts';
import { hitThrottle } from './registration-jobs.repository.ts';
import { emailKey } from './registration-rules.ts';

const MINUTE_MS = 60_000;
export const REGISTRATION_LIMIT_WINDOWS = { addressMinutes: 10, emailMinutes: 60 } as const;

/**
 * Rate limit of the public registration form against mail bombing and mass sign-ups: per client
 * address (default 20 per 10 minutes) and per e-mail address (default 5 per hour), counted in the
 * database so it holds across server instances. Every attempt counts, whether or not the address
 * is registered, so the answer (202 or 429) tells nothing about existing registrations. Keys are
 * HMACs: neither the client address nor the e-mail address is stored in clear.
 */
export function createRegistrationThrottle(ctx: AppContext) {
  const hmac = (s: string) => createHmac('sha256', ctx.config.sessionSecret).update(s).digest('base64url');

  async function hit(key: string, limit: number, windowMinutes: number): Promise<void> {
    const now = ctx.clock();
    const windowMs = windowMinutes * MINUTE_MS;
    const row = await hitThrottle(ctx.db, key, now.toISOString(), new Date(now.getTime() - windowMs).toISOString());
    if (Number(row.hits) <= limit) return;
    const until = new Date(Date.parse(row.window_started_at) + windowMs);
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    throw new AppError('registration.throttled', {
      params: { time: berlin(new Date(until.getTime() + 59_999).toISOString()).time },
      headers: { 'retry-after': String(seconds) },
    });
  }

  return {
    /** Counts one registration attempt; 429 (`registration.throttled`) once a limit is exceeded. */
    async checkRegistrationRate(client: { address: string }, email: string): Promise<void> {
      const { perAddress, perEmail } = ctx.config.registration.limits;
      await hit(`ra:${hmac(`registration-address:${client.address}`)}`, perAddress, REGISTRATION_LIMIT_WINDOWS.addressMinutes);
      await hit(`re:${hmac(`registration-email:${emailKey(email)}`)}`, perEmail, REGISTRATION_LIMIT_WINDOWS.emailMinutes);
    },
  };
}
