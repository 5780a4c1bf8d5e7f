import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BREAKDOWNS, type WaveResults } from '../../../contracts/results.ts';
import { SelectField } from '../../components/forms.tsx';

/** The dashboard's choices: weighted or unweighted, and one filter per breakdown (groups from the results). */
export function ResultsFilters({
  results,
  weighted,
  filters,
  onWeighted,
  onFilter,
}: {
  results: WaveResults;
  weighted: boolean;
  filters: Partial<Record<(typeof BREAKDOWNS)[number], string>>;
  onWeighted: (weighted: boolean) => void;
  onFilter: (breakdown: (typeof BREAKDOWNS)[number], group: string) => void;
}) {
  const { t } = useTranslation();
  // The choice shows at once; the URL (and so the props) follows a moment later, after the navigation.
  const propKey = JSON.stringify([weighted, filters]);
  const [seenKey, setSeenKey] = useState(propKey);
  const [local, setLocal] = useState({ weighted, filters });
  if (seenKey !== propKey) {
    setSeenKey(propKey);
    setLocal({ weighted, filters });
  }
  return (
    <form className="results-filters no-print" aria-label={t('results.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <fieldset className="fieldset field">
        <legend>{t('results.filters.weighting')}</legend>
        {[true, false].map((value) => (
          <div className="radio" key={String(value)}>
            <input
              id={`ergebnisse-gewichtet-${value}`}
              type="radio"
              name="gewichtet"
              checked={local.weighted === value}
              onChange={() => {
                setLocal({ ...local, weighted: value });
                onWeighted(value);
              }}
            />
            <label htmlFor={`ergebnisse-gewichtet-${value}`}>
              {value ? t('results.filters.weighted') : t('results.filters.unweighted')}
            </label>
          </div>
        ))}
      </fieldset>
      {BREAKDOWNS.map((breakdown) => (
        <SelectField
          key={breakdown}
          form="ergebnisse"
          name={breakdown}
          label={t(`results.breakdowns.${breakdown}`)}
          value={local.filters[breakdown] ?? ''}
          placeholder={t('results.filters.all')}
          options={results.groupLabels[breakdown].map((g) => ({ value: g.group, label: g.label }))}
          onChange={(group) => {
            setLocal({ ...local, filters: { ...local.filters, [breakdown]: group } });
            onFilter(breakdown, group);
          }}
        />
      ))}
    </form>
  );
}
