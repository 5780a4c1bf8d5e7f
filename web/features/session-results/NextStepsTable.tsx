import { useTranslation } from 'react-i18next';
import type { NextStep } from '../../../contracts/session-results.ts';
import { TableScroll } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { formatDay } from './format-date.ts';

/** The agreed next steps: what, who takes care of it, by when, and how far it is. */
export function NextStepsTable({ steps, caption }: { steps: Omit<NextStep, 'id'>[]; caption: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (steps.length === 0) return null;
  return (
    <TableScroll label={caption}>
      <table className="table table-compact next-steps">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sessionResults.steps.text')}</th>
            <th scope="col">{t('sessionResults.steps.owner')}</th>
            <th scope="col">{t('sessionResults.steps.dueDate')}</th>
            <th scope="col">{t('sessionResults.steps.status')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step, i) => (
            <tr key={i}>
              <td dir="auto">{step.text}</td>
              <td>
                <bdi>{step.owner}</bdi>
              </td>
              <td className="nowrap">{step.dueDate ? <time dateTime={step.dueDate}>{formatDay(step.dueDate, language)}</time> : '–'}</td>
              <td>
                <span className={`step-status step-status-${step.status}`}>{t(`sessionResults.statuses.${step.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
