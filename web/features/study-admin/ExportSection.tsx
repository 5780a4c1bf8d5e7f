import { useTranslation } from 'react-i18next';
import { apiPath } from '../../../contracts/api.ts';
import type { Wave } from '../../../contracts/study-admin.ts';

/** Raw responses for researchers (R, SPSS, Excel): plain download links; the server streams the file. */
export function ExportSection({ wave }: { wave: Wave }) {
  const { t } = useTranslation();
  const base = apiPath('exportResponsesCsv', { id: wave.id });
  return (
    <section className="section" aria-labelledby="export">
      <h2 id="export">{t('studies.export.heading')}</h2>
      <p className="hint">{t('studies.export.intro')}</p>
      <ul>
        <li>
          <a href={`${base}?separator=semicolon`} download>
            {t('studies.export.csvSemicolon')}
          </a>
        </li>
        <li>
          <a href={`${base}?separator=comma`} download>
            {t('studies.export.csvComma')}
          </a>
        </li>
      </ul>
    </section>
  );
}
