import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/ui.tsx';
import type { ImportVariable } from './import-convert.ts';
import type { ImportTable } from './import-table.ts';

const MAX_TITLE = 70;
const short = (text: string) => (text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text);

/** The first non-empty value of a column, so staff recognise what it holds. */
function example(table: ImportTable, header: string): string {
  for (const row of table.rows.slice(0, 50)) {
    const cell = row.cells[header];
    if (cell !== undefined && cell !== null && String(cell).trim() !== '') return String(cell);
  }
  return '';
}

/** Step 2: each column of the file to a question (or not imported), and the optional column of response ids. */
export function ImportMapping({
  table,
  variables,
  mapping,
  idColumn,
  onMapping,
  onIdColumn,
}: {
  table: ImportTable;
  variables: ImportVariable[];
  mapping: Record<string, string>;
  idColumn: string;
  onMapping: (mapping: Record<string, string>) => void;
  onIdColumn: (column: string) => void;
}) {
  const { t } = useTranslation();
  const columnOf = new Map(Object.entries(mapping).map(([column, name]) => [name, column]));
  const mapped = Object.values(mapping).filter(Boolean).length;

  const choose = (column: string, name: string) => {
    const next = { ...mapping };
    if (name) next[column] = name;
    else delete next[column];
    onMapping(next);
  };

  return (
    <>
      <p className="hint" id="zuordnung-hinweis">
        {t('importer.mapping.hint')}
      </p>
      <p role="status" className="result-count">
        {t('importer.mapping.count', { count: mapped, columns: table.headers.length })}
      </p>
      <TableScroll label={t('importer.mapping.tableLabel')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('importer.mapping.column')}</th>
              <th scope="col">{t('importer.mapping.example')}</th>
              <th scope="col">{t('importer.mapping.question')}</th>
            </tr>
          </thead>
          <tbody>
            {table.headers.map((header, index) => {
              const selectId = `zuordnung-${index}`;
              const isId = header === idColumn;
              return (
                <tr key={header}>
                  <th scope="row">
                    <bdi>{header}</bdi>
                  </th>
                  <td>
                    <bdi>{short(example(table, header))}</bdi>
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={selectId}>
                      {t('importer.mapping.selectLabel', { column: header })}
                    </label>
                    <select
                      id={selectId}
                      className="input select"
                      value={isId ? '' : (mapping[header] ?? '')}
                      disabled={isId}
                      aria-describedby="zuordnung-hinweis"
                      onChange={(e) => choose(header, e.target.value)}
                    >
                      <option value="">{isId ? t('importer.mapping.isIdColumn') : t('importer.mapping.ignore')}</option>
                      {variables.map((v) => {
                        const usedBy = columnOf.get(v.name);
                        const taken = usedBy !== undefined && usedBy !== header;
                        return (
                          <option key={v.name} value={v.name} disabled={taken}>
                            {v.name} – {short(v.title)}
                            {taken ? ` (${t('importer.mapping.usedBy', { column: usedBy })})` : ''}
                          </option>
                        );
                      })}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <div className="field">
        <label htmlFor="import-id-spalte">
          {t('importer.mapping.idColumn')} <span className="label-optional">({t('forms.optional')})</span>
        </label>
        <p className="hint" id="import-id-spalte-hinweis">
          {t('importer.mapping.idColumnHint')}
        </p>
        <select
          id="import-id-spalte"
          className="input select"
          value={idColumn}
          aria-describedby="import-id-spalte-hinweis"
          onChange={(e) => {
            const column = e.target.value;
            if (column && mapping[column]) choose(column, '');
            onIdColumn(column);
          }}
        >
          <option value="">{t('importer.mapping.noIdColumn')}</option>
          {table.headers.map((header) => (
            <option key={header} value={header}>
              {header}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
