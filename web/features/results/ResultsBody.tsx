import type { WaveResults } from '../../../contracts/results.ts';
import { useTranslation } from 'react-i18next';
import { IndexSection } from './IndexSection.tsx';
import { QuestionSection } from './QuestionSection.tsx';

/** The results themselves, the same on the dashboard, the public page and the report: indices, then questions. */
export function ResultsBody({ results, audience, print = false }: { results: WaveResults; audience: 'staff' | 'public'; print?: boolean }) {
  const { t } = useTranslation();
  if (results.indices.length === 0 && results.questions.length === 0) return <p>{t('results.empty')}</p>;
  return (
    <>
      {results.indices.map((index) => (
        <IndexSection key={index.scale} index={index} audience={audience} print={print} />
      ))}
      <QuestionSection questions={results.questions} print={print} />
    </>
  );
}
