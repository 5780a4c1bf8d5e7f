import { describe, expect, it } from 'vitest';
import { createSyncController, type RunOutcome, type Timers } from './sync-controller.ts';

/** A hand-driven clock: `fire()` runs the pending timer as if its time had come. */
function manualTimers() {
  let now = 1_000_000;
  let pending: { run: () => void; at: number; id: number } | null = null;
  let ids = 0;
  const timers: Timers = {
    set(run, ms) {
      pending = { run, at: now + ms, id: ++ids };
      return pending.id;
    },
    clear(handle) {
      if (pending?.id === handle) pending = null;
    },
    now: () => now,
  };
  return {
    timers,
    /** Milliseconds until the pending timer fires; null when none is set. */
    waiting: () => (pending ? pending.at - now : null),
    async fire() {
      const p = pending;
      if (!p) throw new Error('no timer pending');
      pending = null;
      now = p.at;
      p.run();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

function setup(outcomes: RunOutcome[], online = { value: true }) {
  const clock = manualTimers();
  let runs = 0;
  const controller = createSyncController({
    run: async () => {
      runs += 1;
      return outcomes.shift() ?? { kind: 'done' };
    },
    isOnline: () => online.value,
    timers: clock.timers,
    random: () => 1,
    periodMs: 60_000,
  });
  return { controller, clock, runs: () => runs, online };
}

describe('upload schedule', () => {
  it('tries at once on start, then every minute while all goes well', async () => {
    const { controller, clock, runs } = setup([]);
    await controller.start();
    expect(runs()).toBe(1);
    expect(controller.state().phase).toBe('idle');
    expect(clock.waiting()).toBe(60_000);
    await clock.fire();
    expect(runs()).toBe(2);
  });

  it('waits longer after each failure, honours Retry-After, and starts over after a success', async () => {
    const retry = { kind: 'retry', retryAfterMs: null } as const;
    const { controller, clock } = setup([retry, retry, { kind: 'retry', retryAfterMs: 120_000 }, { kind: 'done' }, retry]);
    await controller.start();
    expect(controller.state()).toMatchObject({ phase: 'retrying', failures: 1 });
    expect(clock.waiting()).toBe(5_000);
    await clock.fire();
    expect(clock.waiting()).toBe(10_000);
    await clock.fire();
    expect(clock.waiting()).toBe(120_000); // the server asked for more than the 20 s of the schedule
    await clock.fire();
    expect(controller.state()).toMatchObject({ phase: 'idle', failures: 0 });
    await clock.fire();
    expect(clock.waiting()).toBe(5_000);
  });

  it('stops after an ended session until the interviewer signed in again', async () => {
    const { controller, clock, runs } = setup([{ kind: 'auth' }]);
    await controller.start();
    expect(controller.state().phase).toBe('signin');
    expect(clock.waiting()).toBeNull();
    await controller.trigger(); // the new sign-in
    expect(runs()).toBe(2);
    expect(controller.state().phase).toBe('idle');
  });

  it('does not try while offline, but looks again now and then', async () => {
    const online = { value: false };
    const { controller, clock, runs } = setup([], online);
    await controller.start();
    expect(runs()).toBe(0);
    expect(controller.state().phase).toBe('offline');
    expect(clock.waiting()).toBe(60_000);
    online.value = true;
    await clock.fire();
    expect(runs()).toBe(1);
  });

  it('runs once more when asked during a run (an interview saved meanwhile), never twice at the same time', async () => {
    const clock = manualTimers();
    let active = 0;
    let most = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    const controller = createSyncController({
      run: async () => {
        runs += 1;
        active += 1;
        most = Math.max(most, active);
        if (runs === 1) await new Promise<void>((r) => (release = r));
        active -= 1;
        return { kind: 'done' };
      },
      isOnline: () => true,
      timers: clock.timers,
    });
    const first = controller.start();
    void controller.trigger();
    void controller.trigger();
    release();
    await first;
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it('plans nothing after stop', async () => {
    const { controller, clock } = setup([{ kind: 'retry', retryAfterMs: null }]);
    await controller.start();
    controller.stop();
    expect(clock.waiting()).toBeNull();
    await controller.trigger();
    expect(clock.waiting()).toBeNull();
  });
});
