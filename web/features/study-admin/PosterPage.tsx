import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePageTitle } from '../../components/ui.tsx';
import { WaveNotLoaded } from './WaveNotLoaded.tsx';
import { PrintToolbar, type SheetLanguage } from './PrintToolbar.tsx';
import { displayLink, formatDay, publicLink, qrSource } from './study-helpers.ts';
import { useWave } from './use-wave.ts';

/**
 * A poster for notice boards, town halls and events: invitation, QR code and short link on one
 * A4 page. Its language is chosen for the sheet (German by default), independent of the site's.
 */
export default function PosterPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useWave(id);
  const [language, setLanguage] = useState<SheetLanguage>('de');
  const p = i18n.getFixedT(language);
  usePageTitle(loaded.data ? t('studies.print.posterTitle', { wave: loaded.data.wave.name }) : t('studies.wave.fallbackTitle'));

  if (!loaded.data) return <WaveNotLoaded loaded={loaded} />;
  const { study, wave } = loaded.data;
  const link = publicLink(window.location.origin, wave.code);

  return (
    <div className="print-page">
      <PrintToolbar waveId={wave.id} language={language} onLanguage={setLanguage} />
      <article className="poster print-sheet" lang={language}>
        <p className="poster-kicker">{p('studies.poster.kicker')}</p>
        <h1 tabIndex={-1}>
          <bdi>{study.title}</bdi>
        </h1>
        <p className="poster-wave">
          <bdi>{wave.name}</bdi>
        </p>
        <p className="poster-invitation">{p('studies.poster.invitation')}</p>
        <p className="poster-facts">{p('studies.poster.facts')}</p>
        <img className="poster-qr" src={qrSource(wave.code, 'svg')} alt={p('studies.links.qrAlt', { link })} width={320} height={320} />
        <p className="poster-scan">{p('studies.poster.scan')}</p>
        <p className="poster-link" dir="ltr">
          {displayLink(link)}
        </p>
        <p className="poster-period">
          {p('studies.poster.period', { from: formatDay(wave.opensOn, language), to: formatDay(wave.closesOn, language) })}
        </p>
        <p className="poster-sender">{p('studies.poster.sender')}</p>
      </article>
    </div>
  );
}
