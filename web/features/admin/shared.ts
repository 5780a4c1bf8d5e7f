import type { Organisation } from '../../../contracts/accounts.ts';
import { ROLES } from '../../../contracts/common.ts';
import type { Option } from '../../components/forms.tsx';

/** Pieces several administration pages share. */

export function roleOptions(t: (key: string) => string): Option[] {
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

export function organisationOptions(organisations: Pick<Organisation, 'id' | 'shortName'>[]): Option[] {
  return [...organisations].sort((a, b) => a.shortName.localeCompare(b.shortName, 'de')).map((o) => ({ value: o.id, label: o.shortName }));
}

/** The page number from `?seite=`, 1 when missing or nonsense. */
export function pageFromParams(params: URLSearchParams): number {
  const page = Number.parseInt(params.get('seite') ?? '1', 10);
  return Number.isFinite(page) && page >= 1 && page <= 100_000 ? page : 1;
}
