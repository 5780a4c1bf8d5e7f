import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { wavePath } from './study-paths.ts';

export type SheetLanguage = 'de' | 'en';

/** Above a printable sheet, never printed: back to the wave, the sheet's language, more options, "Drucken". */
export function PrintToolbar({
  waveId,
  language,
  onLanguage,
  children,
}: {
  waveId: string;
  language: SheetLanguage;
  onLanguage: (language: SheetLanguage) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="print-toolbar no-print">
      <p className="breadcrumb">
        <Link to={wavePath(waveId)}>{t('studies.print.backToWave')}</Link>
      </p>
      <div className="print-options">
        <fieldset className="fieldset field">
          <legend>{t('studies.print.language')}</legend>
          {(['de', 'en'] as const).map((lang) => (
            <div className="radio" key={lang}>
              <input
                id={`blatt-sprache-${lang}`}
                type="radio"
                name="blatt-sprache"
                checked={language === lang}
                onChange={() => onLanguage(lang)}
              />
              <label htmlFor={`blatt-sprache-${lang}`} lang={lang}>
                {lang === 'de' ? 'Deutsch' : 'English'}
              </label>
            </div>
          ))}
        </fieldset>
        {children}
      </div>
      <p>
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t('studies.print.print')}
        </button>
      </p>
    </div>
  );
}
