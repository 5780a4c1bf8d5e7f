import type { QuestionResult } from '../../../contracts/results.ts';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.ts';
import { leadingLevel, questionRows, SHARE_SCALE } from './results-charts.ts';
import { formatShare } from './results-format.ts';
import { ResultsChart } from './ResultsChart.tsx';

/** Every closed question's weighted distribution: a sentence in plain words, the bars and the table. */
export function QuestionSection({ questions, print }: { questions: QuestionResult[]; print: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (questions.length === 0) return null;
  return (
    <section className="results-section" aria-labelledby="results-questions">
      <h2 id="results-questions">{t('results.questions.heading')}</h2>
      {questions.map((question) => {
        const leading = leadingLevel(question);
        return (
          <div key={question.name} className="results-question">
            <ResultsChart
              title={question.title}
              kind="bars"
              rows={questionRows(question)}
              scale={SHARE_SCALE}
              groupHeader={t('results.questions.answer')}
              tableOpen={print}
            />
            <p className="results-question-text">
              {leading &&
                t(question.type === 'checkbox' ? 'results.questions.leadingMulti' : 'results.questions.leading', {
                  share: formatShare(leading.estimate, language, 0),
                  answer: leading.label,
                })}{' '}
              {t('results.questions.n', { count: question.n })}
            </p>
          </div>
        );
      })}
    </section>
  );
}
