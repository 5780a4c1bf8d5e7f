import { describe, expect, it } from 'vitest';
import { lockSecondsAfter, THROTTLE_POLICY } from './throttle.ts';

describe('lockSecondsAfter', () => {
  it('does not lock below the free attempts', () => {
    expect(lockSecondsAfter(4, 5)).toBe(0);
  });
  it('doubles from 30 seconds and stops at 15 minutes', () => {
    expect([5, 6, 7, 8].map((n) => lockSecondsAfter(n, 5))).toEqual([30, 60, 120, 240]);
    expect(lockSecondsAfter(40, 5)).toBe(THROTTLE_POLICY.maxSeconds);
  });
});
