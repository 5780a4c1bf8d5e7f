import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with Node's built-in scrypt (no native add-on to build). OWASP's password
 * storage cheat sheet recommends N=2^17, r=8, p=1 for scrypt. The parameters travel inside the
 * stored string (`$scrypt$ln=17,r=8,p=1$<salt>$<hash>`), so they can be raised later and old
 * hashes still verify; `needsRehash` tells when to upgrade at the next login.
 */
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, ln: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** ln;
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 8 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, ln: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, ln, 8, 1);
  return `$scrypt$ln=${ln},r=8,p=1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

export function hashParameters(stored: string): { ln: number; r: number; p: number } | null {
  const m = FORMAT.exec(stored);
  return m ? { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) } : null;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const actual = await scrypt(password, Buffer.from(m[4]!, 'base64url'), Number(m[1]), Number(m[2]), Number(m[3]));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function needsRehash(stored: string, ln: number): boolean {
  const params = hashParameters(stored);
  return !params || params.ln < ln;
}

/**
 * A short list of the most used passwords that pass a 12-character minimum (from public
 * breach corpora), plus a check against the person's own address. Not a breach database:
 * its job is to stop the obvious choices.
 */
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '111111111111',
  '000000000000',
  'qwertyuiopas',
  'qwertzuiopue',
  'qwertyuiop12',
  '1q2w3e4r5t6y',
  'passwort1234',
  'password1234',
  'password12345',
  'passwort12345',
  'passwordpassword',
  'passwortpasswort',
  'iloveyou1234',
  'administrator',
  'administrator1',
  'willkommen123',
  'willkommen1234',
  'hallohallo12',
  'sommer2026!!',
  'chemnitz2026',
  'zwickau12345',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'aaaaaaaaaaaa',
  'abcdefghijkl',
  'abc123abc123',
  'geheimgeheim',
  'geheim123456',
  'passwort123!',
  'password123!',
  'qwerty123456',
]);

export function isTooCommon(password: string, email: string): boolean {
  const lower = password.normalize('NFC').toLowerCase();
  if (COMMON.has(lower)) return true;
  if (/^(.)\1+$/.test(lower)) return true;
  const local = email.split('@')[0] ?? '';
  return local.length >= 4 && lower.includes(local.toLowerCase());
}
