import { describe, expect, it } from 'vitest';
import { mergeSmallCounts, publish, suppressBinary, suppressPartition } from './disclosure.ts';

describe('disclosure control', () => {
  it('hides small cells and, when only one is hidden, the smallest other non-empty cell', () => {
    expect(suppressPartition([15, 15, 2, 13, 0], 5)).toEqual([null, null, 'small', 'complement', null]);
    // Two small cells protect each other: only their sum can be recovered.
    expect(suppressPartition([15, 3, 4, 20], 5)).toEqual([null, 'small', 'small', null]);
    // Empty cells are shown (0 tells nothing about anybody) and never serve as the complement.
    expect(suppressPartition([0, 1, 30], 5)).toEqual([null, 'small', 'complement']);
    expect(suppressPartition([5, 6, 7], 5)).toEqual([null, null, null]);
    // Ties: the first of the smallest others.
    expect(suppressPartition([10, 4, 10], 5)).toEqual(['complement', 'small', null]);
  });

  it('the threshold is configurable', () => {
    expect(suppressPartition([3, 9, 20], 3)).toEqual([null, null, null]);
    expect(suppressPartition([3, 9, 20], 10)).toEqual(['small', 'small', null]);
  });

  it('a binary split is hidden when either side is small', () => {
    expect(suppressBinary(2, 40, 5)).toBe('small');
    expect(suppressBinary(38, 40, 5)).toBe('small');
    expect(suppressBinary(0, 40, 5)).toBeNull();
    expect(suppressBinary(40, 40, 5)).toBeNull();
    expect(suppressBinary(20, 40, 5)).toBeNull();
  });

  it('a hidden estimate carries no numbers and no count; an undefined SE is null with its reason, never NaN', () => {
    const raw = { estimate: 3.2, se: 0.1, ciLow: 3, ciHigh: 3.4, n: 4 };
    expect(publish(raw, 'small', 5)).toEqual({
      estimate: null,
      se: null,
      ciLow: null,
      ciHigh: null,
      n: null,
      suppressed: true,
      reason: 'Weniger als 5 Antworten: zum Schutz der Befragten nicht ausgewiesen.',
    });
    const one = publish({ estimate: 4, se: NaN, ciLow: NaN, ciHigh: NaN, n: 1 }, null, 1);
    expect(one).toMatchObject({ estimate: 4, se: null, ciLow: null, ciHigh: null, n: 1, suppressed: false });
    expect(one.reason).toContain('mindestens 2 Antworten');
    expect(JSON.stringify(one)).not.toContain('NaN');
    expect(publish({ estimate: null, se: null, ciLow: null, ciHigh: null, n: 0 }, null, 5)).toMatchObject({
      n: 0,
      reason: 'Keine Antworten in dieser Gruppe.',
    });
  });

  it('merges small counts so that no exact small count is shown', () => {
    const merged = 'weitere Gründe';
    expect(
      mergeSmallCounts(
        [
          { reason: 'a', count: 12 },
          { reason: 'b', count: 2 },
          { reason: 'c', count: 1 },
        ],
        5,
        merged,
      ),
    ).toEqual([
      { reason: 'a', count: 12 },
      { reason: merged, count: null },
    ]);
    expect(
      mergeSmallCounts(
        [
          { reason: 'b', count: 3 },
          { reason: 'c', count: 4 },
        ],
        5,
        merged,
      ),
    ).toEqual([{ reason: merged, count: 7 }]);
    // One small reason next to big ones is folded into the smallest big one (alone it would show its count).
    expect(
      mergeSmallCounts(
        [
          { reason: 'a', count: 12 },
          { reason: 'd', count: 8 },
          { reason: 'b', count: 2 },
        ],
        5,
        merged,
      ),
    ).toEqual([
      { reason: 'a', count: 12 },
      { reason: `d; ${merged}`, count: 10 },
    ]);
  });
});
