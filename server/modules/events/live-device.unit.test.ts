import { describe, expect, it } from 'vitest';
import { deviceHash, issueDeviceToken, WindowLimiter } from './live-device.ts';

const SECRET = 'ein-geheimnis-fuer-tests-0123456789-abcdef';

describe('live device tokens', () => {
  it('are random, signed, and identified by a SHA-256 hash', () => {
    const a = issueDeviceToken(SECRET);
    const b = issueDeviceToken(SECRET);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}$/);
    expect(deviceHash(SECRET, a)).toMatch(/^[0-9a-f]{64}$/);
    expect(deviceHash(SECRET, a)).toBe(deviceHash(SECRET, a));
    expect(deviceHash(SECRET, a)).not.toBe(deviceHash(SECRET, b));
  });

  it('fail with another secret, a changed random part or a changed signature', () => {
    const token = issueDeviceToken(SECRET);
    expect(deviceHash('ein-anderes-geheimnis-0123456789-abcdef', token)).toBeNull();
    expect(deviceHash(SECRET, `${token.startsWith('B') ? 'C' : 'B'}${token.slice(1)}`)).toBeNull();
    expect(deviceHash(SECRET, `${token.slice(0, 40)}${token[40] === 'x' ? 'y' : 'x'}${token.slice(41)}`)).toBeNull();
    expect(deviceHash(SECRET, token.replace('.', '-'))).toBeNull();
    // Another spelling of the same signature bytes (the last character's spare bits) is refused too.
    const last = token.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(Buffer.from(`${token.slice(33, -1)}${sibling}`, 'base64url')).toEqual(Buffer.from(token.slice(33), 'base64url'));
    expect(deviceHash(SECRET, `${token.slice(0, -1)}${sibling}`)).toBeNull();
    expect(deviceHash(SECRET, '')).toBeNull();
  });
});

describe('window limiter', () => {
  it('allows max requests per window and key, then says how long to wait', () => {
    let now = 0;
    const limiter = new WindowLimiter(3, 10_000, () => now);
    expect([1, 2, 3].map(() => limiter.hit('a'))).toEqual([0, 0, 0]);
    expect(limiter.hit('a')).toBe(10);
    expect(limiter.hit('b')).toBe(0);
    now = 7_500;
    expect(limiter.hit('a')).toBe(3);
    now = 10_000;
    expect(limiter.hit('a')).toBe(0);
  });
});
