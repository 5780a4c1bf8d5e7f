import { useTranslation } from 'react-i18next';
import type { ImportResult as Result } from '../../../contracts/study-admin.ts';
import { TableScroll } from '../../components/ui.tsx';
import { rejectedReportCsv } from './import-report.ts';
import type { ImportTable } from './import-table.ts';
import { downloadBlob } from '../../lib/download.ts';

/** More rejected rows than this are in the report only: a page with thousands of rows helps nobody. */
const SHOWN_REJECTED = 100;

const download = (name: string, text: string) => downloadBlob(name, new Blob([text], { type: 'text/csv;charset=utf-8' }));

/** Step 5: what was stored, and the rejected rows with their reasons (also as a CSV report). */
export function ImportResultView({ result, table, fileName }: { result: Result; table: ImportTable; fileName: string }) {
  const { t } = useTranslation();
  const reportName = `${t('importer.result.reportFile')}-${fileName.replace(/\.[^.]+$/, '')}.csv`;
  return (
    <>
      <div role="status">
        <ul>
          <li>{t('importer.result.stored', { count: result.stored })}</li>
          <li>{t('importer.result.duplicate', { count: result.duplicate })}</li>
          <li>{t('importer.result.conflict', { count: result.conflict })}</li>
          <li>{t('importer.result.rejected', { count: result.rejected.length })}</li>
        </ul>
      </div>
      {result.duplicate > 0 && <p className="hint">{t('importer.result.duplicateHint')}</p>}
      {result.conflict > 0 && <p className="hint">{t('importer.result.conflictHint')}</p>}
      {result.rejected.length > 0 && (
        <>
          <h3>{t('importer.result.rejectedTitle')}</h3>
          <p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                download(
                  reportName,
                  rejectedReportCsv(table, result.rejected, { row: t('importer.row'), reasons: t('importer.result.reasons') }),
                )
              }
            >
              {t('importer.result.download')}
            </button>
          </p>
          {result.rejected.length > SHOWN_REJECTED && (
            <p className="hint">{t('importer.result.onlyFirst', { count: SHOWN_REJECTED, total: result.rejected.length })}</p>
          )}
          <TableScroll label={t('importer.result.rejectedTitle')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('importer.row')}</th>
                  <th scope="col">{t('importer.result.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rejected.slice(0, SHOWN_REJECTED).map((r) => (
                  <tr key={r.row}>
                    <th scope="row" className="numeric">
                      {r.row}
                    </th>
                    <td>
                      <ul>
                        {Object.entries(r.errors).map(([name, message]) => (
                          <li key={name}>
                            <bdi>{name}</bdi>: {message}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}
