import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleSchema, type Role } from '../../../contracts/common.ts';
import { SelectField } from '../../components/forms.tsx';
import { roleOptions } from './shared.ts';

type Props = Omit<ComponentProps<typeof SelectField>, 'options' | 'value' | 'onChange'> & {
  value: Role | '';
  /** '' only when there is a placeholder ("all roles") and it was chosen. */
  onChange: (role: Role | '') => void;
};

/** A choice among the roles, in their usual order. */
export function RoleSelect({ onChange, ...props }: Props) {
  const { t } = useTranslation();
  return <SelectField {...props} options={roleOptions(t)} onChange={(value) => onChange(value === '' ? '' : RoleSchema.parse(value))} />;
}
