import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { chartTable, type ChartRow, type ChartScale } from './results-charts.ts';
import { SUPPRESSED } from './results-format.ts';

/** The numbers of a chart as a table: estimate, 95 % CI, n and why a number is missing. */
export function ChartTable({
  caption,
  rows,
  scale,
  groupHeader,
}: {
  caption: string;
  rows: ChartRow[];
  scale: ChartScale;
  groupHeader: string;
}) {
  const { t } = useTranslation();
  const table = chartTable(rows, scale, currentLanguage());
  return (
    <TableScroll label={caption}>
      <table className="table results-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupHeader}</th>
            <th scope="col">{scale.kind === 'share' ? t('results.chart.share') : t('results.chart.estimate')}</th>
            <th scope="col">{t('results.chart.ci')}</th>
            <th scope="col">n</th>
            <th scope="col">{t('results.chart.note')}</th>
          </tr>
        </thead>
        <tbody>
          {table.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="numeric">{row.estimate}</td>
              <td className="numeric">{row.ciLow === SUPPRESSED ? SUPPRESSED : `${row.ciLow} – ${row.ciHigh}`}</td>
              <td className="numeric">{row.n}</td>
              <td>{row.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
