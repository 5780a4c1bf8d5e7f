/**
 * Group commit: work items from many concurrent requests are written in one transaction and
 * each request is answered only after that transaction committed. With durable commits
 * (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on) every commit costs a flush to
 * disk; sharing it between the requests that arrived meanwhile multiplies throughput without
 * weakening the promise "acknowledged means stored". Hand-written: the few lines below are
 * simpler than adapting a generic batching library to "one transaction per group".
 */
export class GroupCommitter<I, R> {
  private queue: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(
    /** Writes all items in one transaction and returns one result per item, in order. */
    private readonly write: (items: I[]) => Promise<R[]>,
    private readonly maxGroup = 2000,
  ) {}

  /** Resolves once the item's group has committed. */
  add(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests that are already parsed join this group.
        setImmediate(() => void this.drain());
      }
    });
  }

  addAll(items: I[]): Promise<R[]> {
    return Promise.all(items.map((i) => this.add(i)));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroup);
      try {
        const results = await this.write(group.map((g) => g.item));
        group.forEach((g, i) => g.resolve(results[i]!));
      } catch (err) {
        // Nothing of this group was committed: every request in it fails, none is acknowledged.
        for (const g of group) g.reject(err);
      }
    }
    this.running = false;
  }
}
