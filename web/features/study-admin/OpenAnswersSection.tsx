import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Wave } from '../../../contracts/study-admin.ts';
import { SelectField } from '../../components/forms.tsx';
import { ErrorAlert, Loading, Pagination, TableScroll } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatDay } from './study-helpers.ts';

const PAGE_SIZE = 50;

/**
 * What respondents wrote in the open questions, exactly as written and only as text: React
 * escapes it, so markup in an answer shows as characters and never runs.
 */
export function OpenAnswersSection({ wave }: { wave: Wave }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [question, setQuestion] = useState('');
  const [offset, setOffset] = useState(0);
  const answers = useResource(
    (signal) => api.openAnswers(wave.id, { question: question || undefined, offset, limit: PAGE_SIZE }, { signal }),
    `${wave.id}:${question}:${offset}`,
  );
  const data = answers.data;
  const titles = new Map((data?.questions ?? []).map((q) => [q.name, q.title]));

  return (
    <section className="section" aria-labelledby="offene-antworten">
      <h2 id="offene-antworten">{t('studies.openAnswers.heading')}</h2>
      <p className="hint">{t('studies.openAnswers.intro')}</p>
      <p>
        <button type="button" className="button button-secondary" aria-disabled={answers.loading || undefined} onClick={answers.reload}>
          {t('studies.openAnswers.refresh')}
        </button>
      </p>
      <ErrorAlert error={answers.error} />
      {!data && answers.loading && <Loading />}
      {data && data.questions.length === 0 && <p>{t('studies.openAnswers.noQuestions')}</p>}
      {data && data.questions.length > 0 && (
        <>
          <form className="filters" role="search" aria-label={t('studies.openAnswers.filter')} onSubmit={(e) => e.preventDefault()}>
            <SelectField
              form="offene-antworten"
              name="question"
              label={t('studies.openAnswers.question')}
              placeholder={t('studies.openAnswers.allQuestions')}
              options={data.questions.map((q) => ({ value: q.name, label: q.title === q.name ? q.name : `${q.title} (${q.name})` }))}
              value={question}
              onChange={(value) => {
                setQuestion(value);
                setOffset(0);
              }}
            />
          </form>
          <p role="status" className="result-count">
            {answers.loading ? t('common.loading') : t('studies.openAnswers.count', { count: data.total })}
          </p>
          {data.items.length > 0 && (
            <>
              <TableScroll label={t('studies.openAnswers.heading')}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('studies.openAnswers.question')}</th>
                      <th scope="col">{t('studies.openAnswers.answer')}</th>
                      <th scope="col">{t('studies.overview.channel')}</th>
                      <th scope="col">{t('studies.openAnswers.received')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((item, index) => (
                      <tr key={`${offset + index}`}>
                        <td>
                          <bdi>{titles.get(item.question) ?? item.question}</bdi>
                        </td>
                        <td className="cell-wide">
                          <p className="plain-text open-answer" dir="auto">
                            {item.text}
                          </p>
                        </td>
                        <td>{t(`studies.channels.${item.channel}`)}</td>
                        <td className="nowrap">{formatDay(item.receivedOn, language)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <Pagination
                label={t('studies.openAnswers.pages')}
                total={data.total}
                offset={offset}
                limit={PAGE_SIZE}
                onChange={setOffset}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
