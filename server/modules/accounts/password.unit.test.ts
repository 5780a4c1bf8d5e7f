import { describe, expect, it } from 'vitest';
import { hashPassword, isTooCommon, needsRehash, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('stores scrypt at OWASP parameters (N=2^17, r=8, p=1) and verifies', async () => {
    const hash = await hashPassword('Ein Satz als Passwort', 17);
    expect(hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('Ein Satz als Passwort', hash)).toBe(true);
    expect(await verifyPassword('Ein Satz als passwort', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('gleiches Passwort', 10)).not.toBe(await hashPassword('gleiches Passwort', 10));
  });

  it('accepts a unicode password typed in either normalisation form', async () => {
    const nfc = 'Größe über alles'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(await verifyPassword(nfd, await hashPassword(nfc, 10))).toBe(true);
    expect(await verifyPassword(nfc, await hashPassword(nfd, 10))).toBe(true);
    expect(await verifyPassword('Grosse über alles', await hashPassword(nfc, 10))).toBe(false);
  });

  it('rejects malformed stored hashes and asks to upgrade weaker ones', async () => {
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
    expect(needsRehash(await hashPassword('x'.repeat(12), 10), 17)).toBe(true);
    expect(needsRehash('plaintext', 17)).toBe(true);
    expect(needsRehash('$scrypt$ln=17,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 17)).toBe(false);
  });

  it('stops the obvious choices', () => {
    expect(isTooCommon('passwort1234', 'a@b.example')).toBe(true);
    expect(isTooCommon('aaaaaaaaaaaaaaa', 'a@b.example')).toBe(true);
    expect(isTooCommon('kathrin.schulze-2026', 'kathrin.schulze@ihk.example')).toBe(true);
    expect(isTooCommon('Kaffee am Markt in Zwickau', 'kathrin.schulze@ihk.example')).toBe(false);
  });
});
