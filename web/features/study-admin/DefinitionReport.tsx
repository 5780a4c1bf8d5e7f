import { useTranslation } from 'react-i18next';
import type { CheckDefinitionResult } from '../../../contracts/study-admin.ts';
import { locateProblem, type JsonSyntaxError } from './definition-text.ts';

/** Puts the cursor at a position of the questionnaire text and scrolls it into view. */
function jumpTo(fieldId: string, offset: number | null) {
  const field = document.getElementById(fieldId);
  if (!(field instanceof HTMLTextAreaElement)) return;
  field.focus();
  if (offset === null) return;
  field.setSelectionRange(offset, offset);
  const line = field.value.slice(0, offset).split('\n').length;
  const lineHeight = Number.parseFloat(getComputedStyle(field).lineHeight) || 20;
  field.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

/** The message of a JSON syntax error with line and column, as it also goes into the form's error list. */
export function useSyntaxMessage() {
  const { t } = useTranslation();
  return (error: JsonSyntaxError) =>
    t('studies.json.at', { line: error.line, column: error.column, problem: t(`studies.json.problems.${error.problem}`) });
}

/**
 * What is wrong with the questionnaire text: a JSON syntax error (found in the browser) or the
 * problems of the server's check, each a link to its place in the text; or that all is well.
 * `live` (while typing) announces politely; after a click on "Prüfen" problems are an alert.
 */
export function DefinitionReport({
  id,
  fieldId,
  text,
  syntax,
  result,
  live = false,
}: {
  id: string;
  fieldId: string;
  text: string;
  syntax: JsonSyntaxError | null;
  result: CheckDefinitionResult | null;
  live?: boolean;
}) {
  const { t } = useTranslation();
  const syntaxMessage = useSyntaxMessage();
  const problems = syntax ? [] : (result?.problems ?? []);
  const hasProblems = syntax !== null || problems.length > 0;
  const role = hasProblems && !live ? 'alert' : 'status';

  return (
    <div id={id} role={role} className={syntax || result ? `alert ${hasProblems ? 'alert-error' : 'alert-success'}` : 'live-region-empty'}>
      {syntax && (
        <>
          <p className="alert-title">{t('studies.json.syntaxTitle')}</p>
          <p>
            <a
              href={`#${fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                jumpTo(fieldId, syntax.offset);
              }}
            >
              {syntaxMessage(syntax)}
            </a>
          </p>
          {syntax.lineText.trim() !== '' && (
            <pre className="json-line">
              <code>{syntax.lineText}</code>
            </pre>
          )}
        </>
      )}
      {!syntax && result && problems.length > 0 && (
        <>
          <p className="alert-title">{t('studies.check.problems', { count: problems.length })}</p>
          <ul>
            {problems.map((problem, index) => (
              <li key={`${problem.path}-${index}`}>
                <a
                  href={`#${fieldId}`}
                  onClick={(event) => {
                    event.preventDefault();
                    jumpTo(fieldId, locateProblem(text, problem.path));
                  }}
                >
                  {problem.path ? (
                    <>
                      <code>{problem.path}</code>: {problem.message}
                    </>
                  ) : (
                    problem.message
                  )}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {!syntax && result && problems.length === 0 && (
        <p>{t('studies.check.ok', { pages: result.summary.pages, questions: result.summary.questions })}</p>
      )}
    </div>
  );
}
