import { randomUUID } from 'node:crypto';
import type { User, UserCreate, UserUpdate } from '../../../contracts/accounts.ts';
import type { Role } from '../../../contracts/common.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { AuditService } from '../audit/index.ts';
import type { MailService } from '../mail/index.ts';
import type { AuthService } from './auth.service.ts';
import { findOrganisation } from './organisation.repository.ts';
import { hashPassword, isTooCommon } from './password.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import { deleteSessionsOfUser } from './session.repository.ts';
import { presentUser } from './user.presenter.ts';
import {
  countActiveAdmins,
  deleteUser,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  updateUserVersioned,
} from './user.repository.ts';

const ROLE_LABEL: Record<Role, string> = {
  admin: 'Administration',
  staff: 'Mitarbeitende',
  analyst: 'Analyse',
  company: 'Unternehmen',
};

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

export function createUserService(ctx: AppContext, deps: { audit: AuditService; mail: MailService; auth: AuthService }) {
  const { audit, mail, auth } = deps;

  async function requireOrganisation(id: string) {
    const org = await findOrganisation(ctx.db, id);
    if (!org) throw new AppError('organisation.not_found', { fields: [{ path: 'organisationId', message: '' }] });
    return org;
  }

  return {
    async list(
      actor: Actor | null,
      filter: { organisationId?: string | undefined; role?: Role | undefined; q?: string | undefined },
    ): Promise<User[]> {
      authorize(actor, can.manageUsers(actor));
      return (await listUsers(ctx.db, filter)).map(presentUser);
    },

    async listMembers(actor: Actor | null, organisationId: string): Promise<User[]> {
      authorize(actor, can.viewMembers(actor, organisationId), new AppError('organisation.not_found'));
      await requireOrganisation(organisationId);
      return (await listUsers(ctx.db, { organisationId })).map(presentUser);
    },

    async existsByEmail(email: string): Promise<boolean> {
      return (await findUserByEmail(ctx.db, email)) !== undefined;
    },

    async get(actor: Actor | null, id: string): Promise<User> {
      authorize(actor, can.manageUsers(actor));
      const row = await findUserById(ctx.db, id);
      if (!row) throw new AppError('user.not_found');
      return presentUser(row);
    },

    /** Creates a user by an admin (or the CLI and demo seed, with `actor` = null and `trusted`). */
    async create(actor: Actor | null, input: UserCreate & { isDemo?: boolean }, opts: { trusted?: boolean } = {}): Promise<User> {
      if (!opts.trusted) authorize(actor, can.manageUsers(actor));
      const org = await requireOrganisation(input.organisationId);
      if (await findUserByEmail(ctx.db, input.email)) {
        throw new AppError('user.email_taken', { fields: [{ path: 'email', message: '' }] });
      }
      if (input.password && isTooCommon(input.password, input.email)) {
        throw new AppError('password.too_common', { fields: [{ path: 'password', message: '' }] });
      }
      const id = randomUUID();
      const nowIso = ctx.clock().toISOString();
      const passwordHash = input.password ? await hashPassword(input.password, ctx.config.passwordCost) : null;
      let deliver: (() => void) | undefined;
      try {
        deliver = await ctx.db.transaction().execute(async (trx) => {
          await insertUser(trx, {
            id,
            organisation_id: org.id,
            email: input.email,
            display_name: input.displayName,
            role: input.role,
            password_hash: passwordHash,
            status: 'active',
            is_demo: input.isDemo ? 1 : 0,
            created_at: nowIso,
            updated_at: nowIso,
            last_login_at: null,
            password_changed_at: passwordHash ? nowIso : null,
            version: 1,
          });
          await audit.record(
            {
              action: 'user.created',
              actorId: actor?.userId ?? null,
              targetType: 'user',
              targetId: id,
              details: { role: input.role, organisation: org.slug },
            },
            trx,
          );
          if (passwordHash) return undefined;
          const { token } = await auth.issueToken(id, 'invite', trx);
          return mail.enqueue(
            {
              to: input.email,
              subject: 'Einladung zur ITAS-Plattform',
              text: [
                `Guten Tag ${input.displayName},`,
                '',
                `${actor?.displayName ?? 'Die Administration'} hat für Sie ein Konto auf der ITAS-Plattform angelegt`,
                `(Organisation: ${org.short_name}, Rolle: ${ROLE_LABEL[input.role]}).`,
                '',
                'Bitte legen Sie über diesen Link innerhalb von sieben Tagen Ihr Passwort fest (der Link gilt nur einmal):',
                '',
                auth.linkFor(token),
                '',
                'Ihre ITAS-Plattform',
              ].join('\n'),
            },
            trx,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('user.email_taken', { fields: [{ path: 'email', message: '' }] });
        throw err;
      }
      deliver?.();
      return presentUser((await findUserById(ctx.db, id))!);
    },

    async update(actor: Actor | null, id: string, input: UserUpdate): Promise<User> {
      authorize(actor, can.manageUsers(actor));
      const before = await findUserById(ctx.db, id);
      if (!before) throw new AppError('user.not_found');
      if (input.organisationId) await requireOrganisation(input.organisationId);
      const nowIso = ctx.clock().toISOString();
      await ctx.db.transaction().execute(async (trx) => {
        const losesAdmin =
          before.role === 'admin' && before.status === 'active' && ((input.role && input.role !== 'admin') || input.status === 'disabled');
        if (losesAdmin && (await countActiveAdmins(trx)) <= 1) throw new AppError('user.last_admin');
        const changed = await updateUserVersioned(trx, id, input.version, {
          ...(input.displayName !== undefined && { display_name: input.displayName }),
          ...(input.role !== undefined && { role: input.role }),
          ...(input.organisationId !== undefined && { organisation_id: input.organisationId }),
          ...(input.status !== undefined && { status: input.status }),
          updated_at: nowIso,
        });
        if (!changed) throw new AppError('user.version_conflict');
        const base = { actorId: actor.userId, targetType: 'user', targetId: id } as const;
        if (input.role && input.role !== before.role) {
          await audit.record({ ...base, action: 'user.role_changed', details: { from: before.role, to: input.role } }, trx);
        }
        if (input.status === 'disabled' && before.status !== 'disabled') {
          // A disabled account loses every session at once.
          await deleteSessionsOfUser(trx, id);
          await audit.record({ ...base, action: 'user.disabled' }, trx);
        }
        const other = Object.keys(input).filter((k) => k !== 'version' && k !== 'role' && k !== 'status');
        if (other.length > 0 || (input.status === 'active' && before.status !== 'active')) {
          await audit.record(
            {
              ...base,
              action: 'user.updated',
              details: { fields: [...other, ...(input.status === 'active' ? ['status'] : [])].join(',') },
            },
            trx,
          );
        }
        if (input.organisationId && input.organisationId !== before.organisation_id) await deleteSessionsOfUser(trx, id);
      });
      return presentUser((await findUserById(ctx.db, id))!);
    },

    async remove(actor: Actor | null, id: string): Promise<void> {
      authorize(actor, can.manageUsers(actor));
      if (id === actor.userId) throw new AppError('user.self_delete');
      const before = await findUserById(ctx.db, id);
      if (!before) throw new AppError('user.not_found');
      await ctx.db.transaction().execute(async (trx) => {
        if (before.role === 'admin' && before.status === 'active' && (await countActiveAdmins(trx)) <= 1) {
          throw new AppError('user.last_admin');
        }
        await deleteUser(trx, id);
        await audit.record(
          { action: 'user.deleted', actorId: actor.userId, targetType: 'user', targetId: id, details: { role: before.role } },
          trx,
        );
      });
    },

    async endSessions(actor: Actor | null, id: string): Promise<number> {
      authorize(actor, can.manageUsers(actor));
      if (!(await findUserById(ctx.db, id))) throw new AppError('user.not_found');
      const n = await deleteSessionsOfUser(ctx.db, id);
      await audit.record({ action: 'sessions.ended', actorId: actor.userId, targetType: 'user', targetId: id, details: { count: n } });
      return n;
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
