import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Anonymous device tokens of the live audience: `<24 random bytes>.<HMAC-SHA256 of them>`, both
 * base64url. The server keeps no list of issued tokens; the signature proves a token came from
 * us, and only its SHA-256 hash is ever stored (to allow one vote per device and question).
 */
export function issueDeviceToken(secret: string): string {
  const random = randomBytes(24).toString('base64url');
  return `${random}.${sign(secret, random)}`;
}

function sign(secret: string, random: string): string {
  return createHmac('sha256', secret).update(`live-device:${random}`).digest('base64url');
}

/** The stored identity of a token whose signature holds, or null for a forged or damaged one. */
export function deviceHash(secret: string, token: string): string | null {
  const dot = token.indexOf('.');
  if (dot !== 32 || token.length !== 76) return null;
  const random = token.slice(0, dot);
  // Compared as text: base64url decoding ignores the last character's spare bits, so comparing
  // bytes would accept several spellings of one token (and so several votes of one device).
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(secret, random));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Fixed-window counters in memory, per key (a device hash or a client address). Hand-written:
 * the key of a vote is inside its JSON body and the windows are per process, which a dozen
 * lines do without another dependency. Several instances each count their own requests.
 */
export class WindowLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Counts one request; returns the seconds to wait when the key is over its limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    if (now - this.lastSweep > this.windowMs) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w.count > this.max ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
