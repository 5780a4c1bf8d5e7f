import { TableScroll } from '../../components/ui.tsx';

/**
 * Counts as a table with a bar per row. The number is in the table; the bar only repeats it
 * visually (hidden from screen readers), so colour or length never carries meaning alone.
 */
export function CountTable({
  id,
  caption,
  keyLabel,
  countLabel,
  rows,
}: {
  id: string;
  caption: string;
  keyLabel: string;
  countLabel: string;
  rows: { key: string; label: string; count: number }[];
}) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <TableScroll label={caption}>
      <table className="table table-compact count-table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col" className="numeric">
              {countLabel}
            </th>
            <th scope="col" aria-hidden="true" className="count-bar-cell" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="numeric">{r.count}</td>
              <td className="count-bar-cell" aria-hidden="true">
                <span className="count-bar" style={{ width: `${(r.count / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
