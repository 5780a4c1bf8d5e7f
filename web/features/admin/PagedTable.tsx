import type { ReactNode } from 'react';
import { Pagination, TableScroll } from '../../components/ui.tsx';

/** One page of a long list as a table, with the page navigation below it. */
export function PagedTable({
  label,
  paginationLabel,
  className = 'table',
  columns,
  total,
  offset,
  limit,
  onPage,
  children,
}: {
  label: string;
  paginationLabel: string;
  className?: string;
  /** Column headings, in order. */
  columns: string[];
  total: number;
  offset: number;
  limit: number;
  /** Called with the offset of the page to show. */
  onPage: (offset: number) => void;
  /** The table rows. */
  children: ReactNode;
}) {
  return (
    <>
      <TableScroll label={label}>
        <table className={className}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </TableScroll>
      <Pagination label={paginationLabel} total={total} offset={offset} limit={limit} onChange={onPage} />
    </>
  );
}
