import type { Estimate } from '../../../contracts/results.ts';

/**
 * Statistical disclosure control of aggregated results (pure functions). Every aggregate the
 * server returns passes through here:
 *
 * - primary suppression: a cell with 1 … min−1 unweighted answers shows no numbers and no count
 *   (a count of 0 is shown: it tells nothing about anybody);
 * - complementary suppression: where exactly one cell of a table is hidden but its table total
 *   is shown, its value could be recovered by subtraction, so the smallest other non-empty cell
 *   is hidden as well;
 * - a binary split (chose an option / did not) is hidden when either side is small.
 *
 * Written by hand: the maintained SDC packages (sdcTable, tau-argus) are R and Java tools for
 * whole statistical tables; our tables are one-dimensional partitions, for which this rule is
 * the standard one.
 */

export type Suppression = 'small' | 'complement' | 'empty' | null;

export const reasonSmall = (min: number) => `Weniger als ${min} Antworten: zum Schutz der Befragten nicht ausgewiesen.`;
export const REASON_COMPLEMENT = 'Ebenfalls ausgeblendet, damit sich ein ausgeblendeter kleiner Wert nicht aus der Summe errechnen lässt.';
export const REASON_EMPTY = 'Keine Antworten in dieser Gruppe.';
export const REASON_UNDEFINED = 'Nicht berechenbar: Für Standardfehler und Konfidenzintervall sind mindestens 2 Antworten nötig.';

/**
 * Which cells of a partition to hide. `counts` are the unweighted answers per cell; the cells add
 * up to a total that is published (overall n or estimate), so a single hidden cell gets a
 * complementary partner.
 */
export function suppressPartition(counts: readonly number[], min: number): Suppression[] {
  const out: Suppression[] = counts.map((n) => (n === 0 ? null : n < min ? 'small' : null));
  const hidden = out.filter((s) => s === 'small').length;
  if (hidden === 1) {
    let partner = -1;
    counts.forEach((n, i) => {
      if (out[i] === null && n > 0 && (partner < 0 || n < counts[partner]!)) partner = i;
    });
    if (partner >= 0) out[partner] = 'complement';
  }
  return out;
}

/** A binary split (e.g. chose this option or not): hidden when either side has fewer than `min`. */
export function suppressBinary(yes: number, total: number, min: number): Suppression {
  if (total === 0) return null;
  return (yes > 0 && yes < min) || (total - yes > 0 && total - yes < min) ? 'small' : null;
}

export interface RawEstimate {
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
}

const finite = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : v);

/**
 * The published form of an estimate: numbers gone when suppressed (also the count, except for an
 * empty group), undefined numbers null with their reason (never NaN in JSON).
 */
export function publish(raw: RawEstimate, suppression: Suppression, min: number): Estimate {
  if (suppression === 'small' || suppression === 'complement') {
    return {
      estimate: null,
      se: null,
      ciLow: null,
      ciHigh: null,
      n: null,
      suppressed: true,
      reason: suppression === 'small' ? reasonSmall(min) : REASON_COMPLEMENT,
    };
  }
  if (raw.n === 0 || suppression === 'empty') {
    return { estimate: null, se: null, ciLow: null, ciHigh: null, n: 0, suppressed: false, reason: REASON_EMPTY };
  }
  const estimate = finite(raw.estimate);
  const se = finite(raw.se);
  return {
    estimate,
    se,
    ciLow: se === null ? null : finite(raw.ciLow),
    ciHigh: se === null ? null : finite(raw.ciHigh),
    n: raw.n,
    suppressed: false,
    reason: se === null ? REASON_UNDEFINED : null,
  };
}

/** Counts (e.g. of excluded respondents by reason): those below `min` are merged; the merged count is hidden if still small. */
export function mergeSmallCounts(
  entries: readonly { reason: string; count: number }[],
  min: number,
  mergedReason: string,
): { reason: string; count: number | null }[] {
  const big = entries.filter((e) => e.count >= min);
  const small = entries.filter((e) => e.count > 0 && e.count < min);
  const out: { reason: string; count: number | null }[] = big.map((e) => ({ ...e }));
  if (small.length === 1 && big.length > 0 && out.length > 0) {
    // A single small reason merged alone would still show its count: fold it into the smallest big one.
    const smallest = out.reduce((a, b) => (b.count! < a.count! ? b : a));
    smallest.reason = `${smallest.reason}; ${mergedReason}`;
    smallest.count = smallest.count! + small[0]!.count;
    return out;
  }
  if (small.length > 0) {
    const sum = small.reduce((a, e) => a + e.count, 0);
    out.push({ reason: mergedReason, count: sum >= min ? sum : null });
  }
  return out;
}
