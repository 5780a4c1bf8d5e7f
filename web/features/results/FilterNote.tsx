import { useTranslation } from 'react-i18next';
import type { WaveResults } from '../../../contracts/results.ts';

/** Says which filters the shown numbers are restricted to ("Gefiltert: Landkreis: Stadt Chemnitz"); nothing when none. */
export function FilterNote({ results }: { results: WaveResults }) {
  const { t } = useTranslation();
  const entries = Object.entries(results.filters);
  if (entries.length === 0) return null;
  const labels: Record<string, { group: string; label: string }[] | undefined> = results.groupLabels;
  const text = entries
    .map(([breakdown, group]) => {
      const label = labels[breakdown]?.find((g) => g.group === group)?.label ?? group;
      return `${t(`results.breakdowns.${breakdown}`, { defaultValue: breakdown })}: ${label}`;
    })
    .join(', ');
  return <p className="results-filter-note">{t('results.staff.filtered', { filters: text })}</p>;
}
