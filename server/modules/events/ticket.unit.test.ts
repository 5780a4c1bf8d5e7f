import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ticketHash, ticketKey, ticketToken, verifyTicket } from './ticket.ts';

describe('tickets', () => {
  const key = ticketKey('test-secret-test-secret-test-secret-0123456789');

  it('round-trips the registration id and carries nothing else', () => {
    const id = randomUUID();
    const token = ticketToken(key, id);
    expect(token).toMatch(/^ITAS1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(verifyTicket(key, token)).toBe(id);
    expect(verifyTicket(key, ` ${token}\n`)).toBe(id);
  });

  it('refuses a changed signature, another id with a copied signature and another key', () => {
    const token = ticketToken(key, randomUUID());
    const [, , sig] = token.split('.');
    // Every other last character, including those that decode to the same bytes (unused bits).
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const c of alphabet.replace(token.at(-1)!, '')) expect(verifyTicket(key, token.slice(0, -1) + c), c).toBeNull();
    const [prefix, idPart] = token.split('.');
    for (const c of alphabet.replace(idPart!.at(-1)!, ''))
      expect(verifyTicket(key, `${prefix}.${idPart!.slice(0, -1)}${c}.${sig}`), c).toBeNull();
    const other = ticketToken(key, randomUUID()).split('.');
    expect(verifyTicket(key, `${other[0]}.${other[1]}.${sig}`)).toBeNull();
    expect(verifyTicket(ticketKey('another-secret-another-secret-another-secret'), token)).toBeNull();
    expect(verifyTicket(key, 'hello')).toBeNull();
  });

  it('derives a key that is not the session secret itself', () => {
    expect(key.toString('utf8')).not.toContain('test-secret');
    expect(key).toHaveLength(32);
    expect(ticketHash('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});
