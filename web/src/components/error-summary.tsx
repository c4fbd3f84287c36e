import { useEffect, useRef } from 'react';

export interface FormProblem {
  /** The id of the input it is about, if any: the summary links to it. */
  field?: string;
  text: string;
}

/** The GOV.UK error summary: focused when it appears, each problem linking to its field. */
export function ErrorSummary({ problems, title = 'There is a problem' }: { problems: FormProblem[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = problems.map((p) => p.text).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (problems.length === 0) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" data-module="govuk-error-summary">
      <h2 className="govuk-error-summary__title">{title}</h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list govuk-error-summary__list">
          {problems.map((problem) => (
            <li key={`${problem.field ?? ''}${problem.text}`}>
              {problem.field ? (
                <a
                  href={`#${problem.field}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(problem.field!)?.focus();
                  }}
                >
                  {problem.text}
                </a>
              ) : (
                problem.text
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function problemFor(problems: FormProblem[], field: string): string | undefined {
  return problems.find((p) => p.field === field)?.text;
}
