import type { WaveResults } from '../../../contracts/results.ts';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.ts';
import { formatDay } from '../study-admin/study-helpers.ts';

/** For citizens: who took part, when, and what was asked, before the numbers. */
export function PublicIntro({ results, print = false }: { results: WaveResults; print?: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <section className="results-section results-intro" aria-labelledby="results-asked">
      <p>
        {t('results.public.intro', {
          count: results.sample.total,
          from: formatDay(results.opensOn, language),
          to: formatDay(results.closesOn, language),
          wave: results.waveName,
        })}
      </p>
      <h2 id="results-asked">{t('results.public.askedHeading')}</h2>
      {results.indices.length > 0 && (
        <ul>
          {results.indices.map((index) => (
            <li key={index.scale}>{t('results.public.askedIndex', { index: index.title })}</li>
          ))}
        </ul>
      )}
      {results.questions.length > 0 && <p>{t('results.public.askedQuestions', { count: results.questions.length })}</p>}
      {!print && <p className="hint">{t('results.public.howToRead')}</p>}
    </section>
  );
}
