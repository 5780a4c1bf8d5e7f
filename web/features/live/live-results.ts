import type { LiveResults } from '../../../contracts/live.ts';

/** One bar of a result chart: label, number, share of the voters (0–100) and bar length (0–100). */
export interface ResultBar {
  id: string;
  label: string;
  count: number;
  /** Percent of the voters, rounded; null for rankings (points are not shares). */
  percent: number | null;
  /** Length of the bar relative to the longest possible one. */
  width: number;
}

export function percentOf(count: number, total: number): number {
  return total > 0 ? Math.round((count / total) * 100) : 0;
}

/** Bars for choice, scale and ranking results (words have their cloud instead). */
export function resultBars(results: LiveResults, scaleLabel: (value: number) => string): ResultBar[] {
  switch (results.kind) {
    case 'single':
    case 'multiple':
      // Multiple choice: shares of the voters, so they may add up to more than 100 %.
      return results.options.map((o) => ({
        id: o.id,
        label: o.label,
        count: o.count,
        percent: percentOf(o.count, results.voters),
        width: percentOf(o.count, results.voters),
      }));
    case 'scale':
      return results.counts.map((count, i) => ({
        id: String(i + 1),
        label: scaleLabel(i + 1),
        count,
        percent: percentOf(count, results.voters),
        width: percentOf(count, results.voters),
      }));
    case 'ranking': {
      const top = results.options.reduce((m, o) => Math.max(m, o.points), 0);
      return results.options.map((o) => ({ id: o.id, label: o.label, count: o.points, percent: null, width: percentOf(o.points, top) }));
    }
    case 'words':
      return [];
  }
}

export function formatMean(mean: number | null, language: string): string {
  if (mean === null) return '–';
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);
}

/** The question on the projector: the open one, else the one closed last, else none. */
export function shownQuestion<Q extends { status: string; closedAt: string | null; position: number }>(questions: readonly Q[]): Q | null {
  const open = questions.find((q) => q.status === 'open');
  if (open) return open;
  const closed = questions.filter((q) => q.status === 'closed' && q.closedAt !== null);
  return closed.reduce<Q | null>((last, q) => (last === null || (q.closedAt ?? '') > (last.closedAt ?? '') ? q : last), null);
}
