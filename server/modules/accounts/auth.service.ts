import { createHash, randomBytes } from 'node:crypto';
import type { SessionInfo, User } from '../../../contracts/accounts.ts';
import type { Role } from '../../../contracts/common.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AuditService } from '../audit/index.ts';
import type { MailService } from '../mail/index.ts';
import { deviceLabel } from './device.ts';
import { hashPassword, isTooCommon, needsRehash, verifyPassword } from './password.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import {
  consumeToken,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionOfUser,
  deleteSessionsOfUser,
  findSessionWithUser,
  findToken,
  insertSession,
  insertToken,
  invalidateTokens,
  listSessionsOfUser,
  touchSession,
} from './session.repository.ts';
import { clearAccountFailures, oneAttemptAtATime, recordFailure, secondsLocked, throttleKeys } from './throttle.ts';
import { presentUser } from './user.presenter.ts';
import { findUserByEmail, findUserById, updateUser } from './user.repository.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export type TokenPurpose = 'reset' | 'invite';
const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = { reset: 60, invite: 7 * 24 * 60 };

/** Written once per process: verifying against it costs as much as a real check (no timing oracle). */
let dummyHash: Promise<string> | undefined;

export interface ClientInfo {
  address: string;
  userAgent: string | undefined;
}

export function createAuthService(ctx: AppContext, deps: { audit: AuditService; mail: MailService }) {
  const { audit, mail } = deps;
  const idleMs = ctx.config.session.idleMinutes * 60_000;
  const absoluteMs = ctx.config.session.absoluteHours * 3_600_000;

  async function startSession(userId: string, client: ClientInfo): Promise<string> {
    const token = newToken();
    const now = ctx.clock();
    await insertSession(ctx.db, {
      id: sha256(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + absoluteMs).toISOString(),
      device: deviceLabel(client.userAgent),
    });
    return token;
  }

  async function checkNewPassword(password: string, email: string): Promise<void> {
    if (isTooCommon(password, email)) {
      throw new AppError('password.too_common', { fields: [{ path: 'newPassword', message: '' }] });
    }
  }

  const service = {
    /** Turns a session cookie into an actor; ends sessions that are idle, expired or disabled. */
    async resolveSession(token: string | undefined): Promise<Actor | null> {
      if (!token || token.length > 200) return null;
      const id = sha256(token);
      const row = await findSessionWithUser(ctx.db, id);
      if (!row) return null;
      const now = ctx.clock();
      const idle = now.getTime() - Date.parse(row.last_seen_at) > idleMs;
      const expired = now.getTime() >= Date.parse(row.expires_at);
      if (idle || expired || row.status !== 'active') {
        await deleteSession(ctx.db, id);
        return null;
      }
      // One write a minute at most, not one per request.
      if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) await touchSession(ctx.db, id, now.toISOString());
      return {
        userId: row.user_id,
        role: row.role as Role,
        organisationId: row.organisation_id,
        displayName: row.display_name,
        sessionId: id,
      };
    },

    async me(actor: Actor | null): Promise<User | null> {
      if (!actor) return null;
      const row = await findUserById(ctx.db, actor.userId);
      return row ? presentUser(row) : null;
    },

    /** Returns the new session token. The caller's previous session, if any, is ended (rotation). */
    async login(
      input: { email: string; password: string },
      client: ClientInfo,
      previous: Actor | null,
    ): Promise<{ token: string; actor: Actor; user: User }> {
      const keys = throttleKeys(ctx.config.sessionSecret, input.email, client.address);
      const user = await oneAttemptAtATime(keys, async () => {
        const wait = await secondsLocked(ctx, [keys.account, keys.address]);
        if (wait > 0) {
          await audit.record({ action: 'login.throttled', details: { seconds: wait } });
          throw new AppError('auth.throttled', { params: { seconds: wait }, headers: { 'retry-after': String(wait) } });
        }
        const found = await findUserByEmail(ctx.db, input.email);
        let ok = false;
        if (found?.password_hash && found.status === 'active') {
          ok = await verifyPassword(input.password, found.password_hash);
        } else {
          dummyHash ??= hashPassword('dummy-password-for-timing', ctx.config.passwordCost);
          await verifyPassword(input.password, await dummyHash);
        }
        if (!found || !ok) {
          await recordFailure(ctx, keys);
          await audit.record({
            action: 'login.failed',
            targetType: found ? 'user' : null,
            targetId: found?.id ?? null,
            details: { reason: !found ? 'unknown_account' : found.status !== 'active' ? 'disabled' : 'wrong_password' },
          });
          throw new AppError('auth.invalid_credentials');
        }
        await clearAccountFailures(ctx, keys.account);
        return found;
      });
      const nowIso = ctx.clock().toISOString();
      const patch: Parameters<typeof updateUser>[2] = { last_login_at: nowIso };
      if (needsRehash(user.password_hash!, ctx.config.passwordCost)) {
        patch.password_hash = await hashPassword(input.password, ctx.config.passwordCost);
      }
      await updateUser(ctx.db, user.id, patch);
      if (previous) await deleteSession(ctx.db, previous.sessionId);
      await deleteExpiredSessions(ctx.db, nowIso, new Date(ctx.clock().getTime() - idleMs).toISOString());
      const token = await startSession(user.id, client);
      await audit.record({ action: 'login.succeeded', actorId: user.id, targetType: 'user', targetId: user.id });
      const actor: Actor = {
        userId: user.id,
        role: user.role as Role,
        organisationId: user.organisation_id,
        displayName: user.display_name,
        sessionId: sha256(token),
      };
      return { token, actor, user: presentUser({ ...user, last_login_at: nowIso }) };
    },

    async logout(actor: Actor | null): Promise<void> {
      if (!actor) return;
      await deleteSession(ctx.db, actor.sessionId);
      await audit.record({ action: 'logout', actorId: actor.userId, targetType: 'user', targetId: actor.userId });
    },

    async listSessions(actor: Actor | null): Promise<SessionInfo[]> {
      authorize(actor, can.useAccount(actor));
      const rows = await listSessionsOfUser(ctx.db, actor.userId);
      return rows.map((r) => ({
        // The list shows a short public handle, never the stored hash itself.
        id: sha256('handle:' + r.id).slice(0, 24),
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        device: r.device,
        current: r.id === actor.sessionId,
      }));
    },

    async revokeSession(actor: Actor | null, handle: string): Promise<void> {
      authorize(actor, can.useAccount(actor));
      const rows = await listSessionsOfUser(ctx.db, actor.userId);
      const row = rows.find((r) => sha256('handle:' + r.id).slice(0, 24) === handle);
      if (!row || !(await deleteSessionOfUser(ctx.db, actor.userId, row.id))) throw new AppError('session.not_found');
      await audit.record({ action: 'session.revoked', actorId: actor.userId, targetType: 'user', targetId: actor.userId });
    },

    async logoutEverywhere(actor: Actor | null): Promise<void> {
      authorize(actor, can.useAccount(actor));
      const n = await deleteSessionsOfUser(ctx.db, actor.userId);
      await audit.record({
        action: 'sessions.ended',
        actorId: actor.userId,
        targetType: 'user',
        targetId: actor.userId,
        details: { count: n },
      });
    },

    async changePassword(
      actor: Actor | null,
      input: { currentPassword: string; newPassword: string; endOtherSessions: boolean },
    ): Promise<void> {
      authorize(actor, can.useAccount(actor));
      const user = await findUserById(ctx.db, actor.userId);
      if (!user?.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
        throw new AppError('auth.wrong_password', { fields: [{ path: 'currentPassword', message: '' }] });
      }
      if (input.currentPassword === input.newPassword) {
        throw new AppError('password.same_as_old', { fields: [{ path: 'newPassword', message: '' }] });
      }
      await checkNewPassword(input.newPassword, user.email);
      const hash = await hashPassword(input.newPassword, ctx.config.passwordCost);
      const nowIso = ctx.clock().toISOString();
      await ctx.db.transaction().execute(async (trx) => {
        await updateUser(trx, user.id, { password_hash: hash, password_changed_at: nowIso, updated_at: nowIso });
        if (input.endOtherSessions) await deleteSessionsOfUser(trx, user.id, actor.sessionId);
        await invalidateTokens(trx, user.id, nowIso);
        await audit.record(
          {
            action: 'password.changed',
            actorId: user.id,
            targetType: 'user',
            targetId: user.id,
            details: { endedOtherSessions: input.endOtherSessions },
          },
          trx,
        );
      });
    },

    /** Creates a single-use link token for a user (inside the caller's transaction). */
    async issueToken(userId: string, purpose: TokenPurpose, db: DbOrTrx = ctx.db): Promise<{ token: string; expiresAt: string }> {
      const token = newToken();
      const now = ctx.clock();
      const expiresAt = new Date(now.getTime() + TOKEN_TTL_MINUTES[purpose] * 60_000).toISOString();
      await invalidateTokens(db, userId, now.toISOString());
      await insertToken(db, {
        id: sha256(token),
        user_id: userId,
        purpose,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
      });
      return { token, expiresAt };
    },

    linkFor(token: string): string {
      // The token travels in the fragment: it never reaches server logs or Referer headers.
      return `${ctx.config.publicUrl}/passwort-setzen#token=${token}`;
    },

    /** Always behaves the same, whether or not the address has an account (no enumeration). */
    async requestReset(email: string): Promise<void> {
      const user = await findUserByEmail(ctx.db, email);
      if (!user || user.status !== 'active') {
        await audit.record({ action: 'password.reset_requested', details: { known: false } });
        return;
      }
      const deliver = await ctx.db.transaction().execute(async (trx) => {
        const { token } = await service.issueToken(user.id, 'reset', trx);
        await audit.record({ action: 'password.reset_requested', targetType: 'user', targetId: user.id, details: { known: true } }, trx);
        return mail.enqueue(
          {
            to: user.email,
            subject: 'ITAS-Plattform: Passwort zurücksetzen',
            text: [
              `Guten Tag ${user.display_name},`,
              '',
              'für Ihr Konto auf der ITAS-Plattform wurde ein neues Passwort angefordert.',
              'Über diesen Link können Sie es innerhalb einer Stunde festlegen (der Link gilt nur einmal):',
              '',
              service.linkFor(token),
              '',
              'Falls Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren; Ihr Passwort bleibt dann unverändert.',
              '',
              'Ihre ITAS-Plattform',
            ].join('\n'),
          },
          trx,
        );
      });
      deliver();
    },

    async confirmReset(input: { token: string; newPassword: string }): Promise<void> {
      const id = sha256(input.token);
      const row = await findToken(ctx.db, id);
      if (!row) throw new AppError('reset.invalid');
      if (row.used_at) throw new AppError('reset.used');
      if (Date.parse(row.expires_at) <= ctx.clock().getTime()) throw new AppError('reset.expired');
      const user = await findUserById(ctx.db, row.user_id);
      if (!user || user.status !== 'active') throw new AppError('reset.invalid');
      await checkNewPassword(input.newPassword, user.email);
      const hash = await hashPassword(input.newPassword, ctx.config.passwordCost);
      const nowIso = ctx.clock().toISOString();
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await consumeToken(trx, id, nowIso))) throw new AppError('reset.used');
        await updateUser(trx, user.id, { password_hash: hash, password_changed_at: nowIso, updated_at: nowIso });
        await deleteSessionsOfUser(trx, user.id);
        await audit.record(
          { action: 'password.reset_completed', targetType: 'user', targetId: user.id, details: { purpose: row.purpose } },
          trx,
        );
      });
    },
  };
  return service;
}
export type AuthService = ReturnType<typeof createAuthService>;
