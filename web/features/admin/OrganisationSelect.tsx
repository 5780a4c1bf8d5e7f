import type { ComponentProps } from 'react';
import type { Organisation } from '../../../contracts/accounts.ts';
import { SelectField } from '../../components/forms.tsx';
import { organisationOptions } from './shared.ts';

type Props = Omit<ComponentProps<typeof SelectField>, 'options'> & {
  organisations: Pick<Organisation, 'id' | 'shortName'>[];
};

/** A choice among the organisations, by short name; the value is the organisation's id. */
export function OrganisationSelect({ organisations, ...props }: Props) {
  return <SelectField {...props} options={organisationOptions(organisations)} />;
}
