import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit.ts';

describe('GroupCommitter', () => {
  it('writes items that arrive together in one group and answers each with its own result', async () => {
    const groups: number[][] = [];
    const c = new GroupCommitter<number, string>(async (items) => {
      groups.push(items);
      return items.map((i) => `ok ${i}`);
    });
    const results = await Promise.all([c.add(1), c.addAll([2, 3]), c.add(4)]);
    expect(results).toEqual(['ok 1', ['ok 2', 'ok 3'], 'ok 4']);
    expect(groups).toEqual([[1, 2, 3, 4]]);
  });

  it('fails every request of a group whose write failed, and goes on with the next group', async () => {
    let calls = 0;
    const c = new GroupCommitter<number, number>(async (items) => {
      calls += 1;
      if (calls === 1) throw new Error('disk full');
      return items;
    });
    const first = Promise.allSettled([c.add(1), c.add(2)]);
    expect((await first).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await c.add(3)).toBe(3);
  });

  it('splits long queues into groups of the given size', async () => {
    const sizes: number[] = [];
    const c = new GroupCommitter<number, number>(async (items) => (sizes.push(items.length), items), 3);
    await c.addAll([1, 2, 3, 4, 5, 6, 7]);
    expect(sizes).toEqual([3, 3, 1]);
  });
});
