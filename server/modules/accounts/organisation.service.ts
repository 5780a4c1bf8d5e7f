import { randomUUID } from 'node:crypto';
import type { Organisation, OrganisationInput } from '../../../contracts/accounts.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { AuditService } from '../audit/index.ts';
import {
  findOrganisation,
  findOrganisationBySlug,
  insertOrganisation,
  listOrganisations,
  maxSortOrder,
  updateOrganisation,
} from './organisation.repository.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import { presentOrganisation } from './user.presenter.ts';
import { isUniqueViolation } from './user.service.ts';

/** The slug check before the write does not stop a concurrent insert on PostgreSQL; the unique index does. */
function slugTaken(err: unknown): never {
  if (isUniqueViolation(err)) throw new AppError('organisation.slug_taken', { fields: [{ path: 'slug', message: '' }] });
  throw err;
}

export function createOrganisationService(ctx: AppContext, deps: { audit: AuditService }) {
  const { audit } = deps;

  async function present(id: string): Promise<Organisation> {
    const all = await listOrganisations(ctx.db);
    return presentOrganisation(all.find((o) => o.id === id)!);
  }

  return {
    /** Public: the partners of the consortium are listed on the start page. */
    async list(): Promise<Organisation[]> {
      return (await listOrganisations(ctx.db)).map(presentOrganisation);
    },

    async bySlug(slug: string) {
      return findOrganisationBySlug(ctx.db, slug);
    },

    async create(actor: Actor | null, input: OrganisationInput): Promise<Organisation> {
      authorize(actor, can.manageOrganisations(actor));
      const id = randomUUID();
      const nowIso = ctx.clock().toISOString();
      await ctx.db.transaction().execute(async (trx) => {
        if (await findOrganisationBySlug(trx, input.slug)) {
          throw new AppError('organisation.slug_taken', { fields: [{ path: 'slug', message: '' }] });
        }
        await insertOrganisation(trx, {
          id,
          slug: input.slug,
          name: input.name,
          short_name: input.shortName,
          description: input.description,
          is_lead: 0,
          sort_order: (await maxSortOrder(trx)) + 1,
          created_at: nowIso,
          updated_at: nowIso,
        }).catch(slugTaken);
        await audit.record(
          {
            action: 'organisation.created',
            actorId: actor.userId,
            targetType: 'organisation',
            targetId: id,
            details: { slug: input.slug },
          },
          trx,
        );
      });
      return present(id);
    },

    async update(actor: Actor | null, id: string, input: Partial<OrganisationInput>): Promise<Organisation> {
      authorize(actor, can.manageOrganisations(actor));
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await findOrganisation(trx, id))) throw new AppError('organisation.not_found');
        if (input.slug) {
          const other = await findOrganisationBySlug(trx, input.slug);
          if (other && other.id !== id) throw new AppError('organisation.slug_taken', { fields: [{ path: 'slug', message: '' }] });
        }
        await updateOrganisation(trx, id, {
          ...(input.slug !== undefined && { slug: input.slug }),
          ...(input.name !== undefined && { name: input.name }),
          ...(input.shortName !== undefined && { short_name: input.shortName }),
          ...(input.description !== undefined && { description: input.description }),
          updated_at: ctx.clock().toISOString(),
        }).catch(slugTaken);
        await audit.record(
          {
            action: 'organisation.updated',
            actorId: actor.userId,
            targetType: 'organisation',
            targetId: id,
            details: { fields: Object.keys(input).join(',') },
          },
          trx,
        );
      });
      return present(id);
    },
  };
}
export type OrganisationService = ReturnType<typeof createOrganisationService>;
