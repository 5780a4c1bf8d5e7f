import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Tickets for the door: `ITAS1.<registration id, 16 bytes base64url>.<signature>` where the
 * signature is HMAC-SHA256("ticket:" + id), truncated to 16 bytes, under a key derived from the
 * session secret with HKDF (so the ticket key is never the cookie key). The token carries no
 * personal data and is computed, never stored. Whether it admits anybody is decided by the
 * registration's state at the time of the scan.
 */

const PREFIX = 'ITAS1';
const TOKEN = /^ITAS1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;
const SIG_BYTES = 16;

export type TicketKey = Buffer;

export function ticketKey(sessionSecret: string): TicketKey {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'itas-ticket', 'ticket signing key v1', 32));
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer) => {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const signature = (key: TicketKey, id: string) => createHmac('sha256', key).update(`ticket:${id}`).digest().subarray(0, SIG_BYTES);

export function ticketToken(key: TicketKey, registrationId: string): string {
  const id = registrationId.toLowerCase();
  return `${PREFIX}.${uuidBytes(id).toString('base64url')}.${signature(key, id).toString('base64url')}`;
}

/** The registration id of a genuine ticket; null for anything else (forged, mistyped, foreign). */
export function verifyTicket(key: TicketKey, token: string): string | null {
  const m = TOKEN.exec(token.trim());
  if (!m) return null;
  const raw = Buffer.from(m[1]!, 'base64url');
  const given = Buffer.from(m[2]!, 'base64url');
  if (raw.length !== 16 || given.length !== SIG_BYTES) return null;
  // The last of 22 base64url characters carries unused bits: only the canonical spelling is the
  // ticket (otherwise four spellings of one ticket would verify, and offline hashes would differ).
  if (raw.toString('base64url') !== m[1] || given.toString('base64url') !== m[2]) return null;
  const id = uuidOf(raw);
  return timingSafeEqual(given, signature(key, id)) ? id : null;
}

/** What the door device compares scanned tickets with (it never needs the key). */
export function ticketHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
