import type { DbOrTrx } from '../../db/database.ts';
import type { OrganisationTable } from '../../db/schema.ts';

export async function listOrganisations(db: DbOrTrx) {
  return db
    .selectFrom('organisation')
    .selectAll('organisation')
    .select((eb) =>
      eb
        .selectFrom('app_user')
        .whereRef('app_user.organisation_id', '=', 'organisation.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('member_count'),
    )
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export async function findOrganisation(db: DbOrTrx, id: string) {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationBySlug(db: DbOrTrx, slug: string) {
  return db.selectFrom('organisation').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertOrganisation(db: DbOrTrx, row: OrganisationTable): Promise<void> {
  await db.insertInto('organisation').values(row).execute();
}

export async function updateOrganisation(
  db: DbOrTrx,
  id: string,
  patch: Partial<Pick<OrganisationTable, 'slug' | 'name' | 'short_name' | 'description' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('organisation').set(patch).where('id', '=', id).execute();
}

export async function maxSortOrder(db: DbOrTrx): Promise<number> {
  const r = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}
