import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CheckboxField } from '../../components/forms.tsx';
import { NoPermission } from '../../components/guards.tsx';
import { Pagination, usePageTitle } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { WaveNotLoaded } from './WaveNotLoaded.tsx';
import { PrintToolbar, type SheetLanguage } from './PrintToolbar.tsx';
import { displayLink, publicLink, qrSource } from './study-helpers.ts';
import { useWave } from './use-wave.ts';
import { useCanManageStudies } from './use-study-access.ts';

/** Cards per printed batch: four A4 pages of 3 × 4 cards; all images of a batch load before printing. */
const CARDS_PER_BATCH = 48;

type Mode = 'list' | 'cards';

function CodesSheet({ waveId }: { waveId: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const loaded = useWave(waveId);
  const codes = useResource((signal) => api.listInvitations(waveId, { signal }), waveId);
  const [mode, setMode] = useState<Mode>('list');
  const [showUsed, setShowUsed] = useState(false);
  const [offset, setOffset] = useState(0);
  const [sheetLanguage, setSheetLanguage] = useState<SheetLanguage>('de');
  const p = i18n.getFixedT(sheetLanguage);
  usePageTitle(loaded.data ? t('studies.print.codesTitle', { wave: loaded.data.wave.name }) : t('studies.wave.fallbackTitle'));

  if (!loaded.data || !codes.data)
    return <WaveNotLoaded loaded={{ loading: loaded.loading || codes.loading, error: loaded.error ?? codes.error }} />;
  const { study, wave } = loaded.data;
  const shown = codes.data.items.filter((item) => showUsed || !item.used);
  const batch = shown.slice(offset, offset + CARDS_PER_BATCH);

  return (
    <div className="print-page">
      <PrintToolbar waveId={wave.id} language={sheetLanguage} onLanguage={setSheetLanguage}>
        <fieldset className="fieldset field">
          <legend>{t('studies.print.mode')}</legend>
          {(['list', 'cards'] as const).map((m) => (
            <div className="radio" key={m}>
              <input
                id={`codes-ansicht-${m}`}
                type="radio"
                name="codes-ansicht"
                checked={mode === m}
                onChange={() => {
                  setMode(m);
                  setOffset(0);
                }}
              />
              <label htmlFor={`codes-ansicht-${m}`}>{t(`studies.print.modes.${m}`)}</label>
            </div>
          ))}
        </fieldset>
        <CheckboxField
          form="codes-filter"
          name="used"
          label={t('studies.print.showUsed')}
          checked={showUsed}
          onChange={(value) => {
            setShowUsed(value);
            setOffset(0);
          }}
        />
      </PrintToolbar>

      <section className="print-sheet codes-sheet" lang={sheetLanguage}>
        <h1 tabIndex={-1}>{p('studies.print.codesHeading', { study: study.title, wave: wave.name })}</h1>
        <p className="no-print result-count" role="status">
          {t('studies.print.codesCount', {
            count: shown.length,
            shown: formatNumber(shown.length, language),
            total: formatNumber(codes.data.total, language),
            used: formatNumber(codes.data.used, language),
          })}
        </p>
        {shown.length === 0 && <p>{codes.data.total === 0 ? t('studies.print.noCodes') : t('studies.print.allUsed')}</p>}

        {mode === 'list' && shown.length > 0 && (
          <table className="table codes-table">
            <thead>
              <tr>
                <th scope="col">{p('studies.print.code')}</th>
                <th scope="col">{p('studies.print.used')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.code}>
                  <td className="code">{item.code}</td>
                  <td>{item.used ? p('common.yes') : p('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        {mode === 'cards' && shown.length > 0 && (
          <>
            <div className="no-print">
              <Pagination
                label={t('studies.print.batches')}
                total={shown.length}
                offset={offset}
                limit={CARDS_PER_BATCH}
                onChange={setOffset}
              />
              <p className="hint">{t('studies.print.batchHint', { count: CARDS_PER_BATCH })}</p>
            </div>
            <ul className="code-cards">
              {batch.map((item) => {
                const link = publicLink(window.location.origin, wave.code, item.code);
                return (
                  <li className="code-card" key={item.code}>
                    <p className="code-card-title">
                      <bdi>{study.title}</bdi>
                    </p>
                    <img src={qrSource(wave.code, 'svg', item.code)} alt={p('studies.links.qrAlt', { link })} width={150} height={150} />
                    <p className="code-card-label">{p('studies.print.yourCode')}</p>
                    <p className="code code-large">{item.code}</p>
                    <p className="code-card-link" dir="ltr">
                      {displayLink(link)}
                    </p>
                    <p className="code-card-note">{p('studies.print.cardNote')}</p>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

/** The printable sheet of a wave's invitation codes (staff and admins: the codes admit people). */
export default function CodesPage() {
  const { id = '' } = useParams();
  const canManage = useCanManageStudies();
  return canManage ? <CodesSheet waveId={id} /> : <NoPermission />;
}
