import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/ui.tsx';
import { convertCell, type Converted, type ImportVariable } from './import-convert.ts';
import type { ImportTable } from './import-table.ts';

export const PREVIEW_ROWS = 10;

function ConvertedCell({ variable, converted }: { variable: ImportVariable; converted: Converted }) {
  const { t } = useTranslation();
  if (converted.kind === 'empty') {
    return (
      <span className="cell-sub">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t('importer.preview.empty')}</span>
      </span>
    );
  }
  if (converted.kind === 'error') {
    return (
      <strong>
        {t(converted.error === 'notYesNo' ? 'importer.preview.notYesNo' : 'importer.preview.notAChoice', { value: converted.raw })}
      </strong>
    );
  }
  const { value } = converted;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (variable.kind === 'text') return <bdi className="plain-text">{String(value)}</bdi>;
  const label = (code: number | string) => `${code} (${variable.display.get(code) ?? code})`;
  return <bdi>{Array.isArray(value) ? value.map(label).join('; ') : label(value)}</bdi>;
}

/** Step 3: the first rows as they will arrive, and how many rows have values that fit no answer. */
export function ImportPreview({
  table,
  variables,
  mapping,
}: {
  table: ImportTable;
  variables: ImportVariable[];
  mapping: Record<string, string>;
}) {
  const { t } = useTranslation();
  const columns = useMemo(() => {
    // In the questionnaire's order, whatever the order of the file's columns.
    const columnOf = new Map(Object.entries(mapping).map(([column, name]) => [name, column]));
    return variables.flatMap((variable) => {
      const column = columnOf.get(variable.name);
      return column === undefined ? [] : [{ column, variable }];
    });
  }, [variables, mapping]);

  const problemRows = useMemo(
    () =>
      table.rows.filter((row) => columns.some(({ column, variable }) => convertCell(variable, row.cells[column]).kind === 'error')).length,
    [table, columns],
  );

  if (columns.length === 0) return <p>{t('importer.preview.nothingMapped')}</p>;
  const rows = table.rows.slice(0, PREVIEW_ROWS);
  return (
    <>
      <p role="status">{problemRows === 0 ? t('importer.preview.allFit') : t('importer.preview.problemRows', { count: problemRows })}</p>
      {/* One line per question and one column per row of the file: questionnaires have dozens of questions. */}
      <TableScroll label={t('importer.preview.tableLabel', { count: rows.length })}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('importer.preview.question')}</th>
              {rows.map((row) => (
                <th scope="col" key={row.row} className="numeric">
                  {t('importer.preview.rowHeader', { row: row.row })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {columns.map(({ column, variable }) => (
              <tr key={column}>
                <th scope="row">
                  {variable.name}
                  {column !== variable.name && (
                    <span className="cell-sub">
                      <bdi>{column}</bdi>
                    </span>
                  )}
                </th>
                {rows.map((row) => (
                  <td key={row.row}>
                    <ConvertedCell variable={variable} converted={convertCell(variable, row.cells[column])} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
