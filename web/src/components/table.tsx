import type { ReactNode } from 'react';

export interface Column {
  text: ReactNode;
  className?: string;
}

/** A GOV.UK table: a caption (hidden where the page heading says it already), column headers, rows. */
export function Table(props: { caption: ReactNode; captionHidden?: boolean; className?: string; columns: (string | Column)[]; children: ReactNode }) {
  const { caption, captionHidden, className, columns, children } = props;
  return (
    <table className={`govuk-table${className ? ` ${className}` : ''}`}>
      <caption className={`govuk-table__caption ${captionHidden ? 'govuk-visually-hidden' : 'govuk-table__caption--s'}`}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {columns.map((column, i) => {
            const { text, className: extra } = typeof column === 'string' ? { text: column, className: undefined } : column;
            return (
              <th scope="col" className={`govuk-table__header${extra ? ` ${extra}` : ''}`} key={i}>
                {text}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody className="govuk-table__body">{children}</tbody>
    </table>
  );
}
