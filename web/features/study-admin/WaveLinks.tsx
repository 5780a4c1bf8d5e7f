import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Wave } from '../../../contracts/study-admin.ts';
import { StatusMessage } from '../../components/ui.tsx';
import { surveyPath } from '../../lib/paths.ts';
import { publicLink, qrSource } from './study-helpers.ts';
import { importPath, kioskPath, posterPath } from './study-paths.ts';

/** Copies a text; where the browser does not allow it, selects the field so Ctrl+C does the rest. */
async function copy(text: string, fieldId: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = document.getElementById(fieldId);
    if (field instanceof HTMLInputElement) {
      field.focus();
      field.select();
    }
    return false;
  }
}

/** The ways into a wave: public link, QR code, poster, kiosk and import. */
export function WaveLinks({ wave, canManage }: { wave: Wave; canManage: boolean }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  const link = publicLink(window.location.origin, wave.code);
  const linkId = 'oeffentlicher-link';

  return (
    <section className="section" aria-labelledby="zugaenge">
      <h2 id="zugaenge">{t('studies.links.heading')}</h2>
      {wave.status === 'draft' && <p className="callout">{t('studies.links.draftNote')}</p>}
      {wave.status === 'closed' && <p className="callout">{t('studies.links.closedNote')}</p>}
      <div className="wave-links">
        <div>
          <div className="field">
            <label htmlFor={linkId}>{t('studies.links.public')}</label>
            <p className="hint" id={`${linkId}-hint`}>
              {t('studies.links.publicHint')}
            </p>
            <div className="input-with-button">
              <input id={linkId} className="input" readOnly value={link} dir="ltr" aria-describedby={`${linkId}-hint`} />
              <button type="button" className="button button-secondary" onClick={() => void copy(link, linkId).then((ok) => setCopied(ok))}>
                {t('studies.links.copy')}
              </button>
            </div>
          </div>
          <StatusMessage
            message={copied === null ? null : copied ? t('studies.links.copied') : t('studies.links.copyManually')}
            tone={copied === false ? 'info' : 'success'}
          />
          <ul className="link-list">
            <li>
              <a href={surveyPath(wave.code)} target="_blank" rel="noopener noreferrer">
                {t('studies.links.openSurvey')}
                <span className="visually-hidden"> ({t('studies.links.newTab')})</span>
              </a>
            </li>
            <li>
              <Link to={posterPath(wave.id)}>{t('studies.links.poster')}</Link>
            </li>
            {wave.channels.includes('kiosk') && (
              <li>
                <Link to={kioskPath(wave.code)}>{t('studies.links.kiosk')}</Link>
              </li>
            )}
            {canManage && wave.channels.includes('import') && (
              <li>
                <Link to={importPath(wave.id)}>{t('studies.links.import')}</Link>
              </li>
            )}
          </ul>
        </div>
        <figure className="qr-figure">
          <img src={qrSource(wave.code, 'svg')} alt={t('studies.links.qrAlt', { link })} width={180} height={180} />
          <figcaption>
            <a href={qrSource(wave.code, 'svg')} download={`qr-${wave.code}.svg`}>
              {t('studies.links.downloadSvg')}
            </a>
            <br />
            <a href={qrSource(wave.code, 'png')} download={`qr-${wave.code}.png`}>
              {t('studies.links.downloadPng')}
            </a>
          </figcaption>
        </figure>
      </div>
    </section>
  );
}
