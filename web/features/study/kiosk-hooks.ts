import { useCallback, useEffect, useEffectEvent, useRef, useState, useSyncExternalStore } from 'react';
import { idlePhase, secondsLeft, type IdlePhase } from './kiosk.ts';

// --- idle timer ---------------------------------------------------------------------------------

/** Anything a person does at the tablet: touch, pen, mouse, keyboard. */
const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const;
const TICK_MS = 250;

export interface Idle {
  phase: IdlePhase;
  /** Seconds until the reset while the warning shows. */
  secondsLeft: number;
  /** The person answered the warning: start counting again. */
  stillHere: () => void;
}

const AWAKE = { phase: 'active', secondsLeft: 0 } as const;

/**
 * Counts the time since the last touch, key or pointer while `active`. Shows the warning phase
 * before the timeout and calls `onExpire` once when it runs out; any activity starts over.
 */
export function useIdle(active: boolean, timeoutSeconds: number, onExpire: () => void): Idle {
  const [idle, setIdle] = useState<Pick<Idle, 'phase' | 'secondsLeft'>>(AWAKE);
  const last = useRef(0);
  const expire = useEffectEvent(onExpire);
  const stillHere = useCallback(() => {
    last.current = Date.now();
    setIdle(AWAKE);
  }, []);

  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const update = () => {
      const idleMs = Date.now() - last.current;
      const phase = idlePhase(idleMs, timeoutSeconds);
      if (phase === 'expired') {
        stop();
        setIdle(AWAKE);
        expire();
        return;
      }
      const left = phase === 'warning' ? secondsLeft(idleMs, timeoutSeconds) : 0;
      setIdle((prev) => (prev.phase === phase && prev.secondsLeft === left ? prev : { phase, secondsLeft: left }));
    };
    const touched = () => {
      last.current = Date.now();
      update();
    };
    const timer = setInterval(update, TICK_MS);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touched, { capture: true, passive: true });
    function stop() {
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touched, { capture: true });
    }
    return () => {
      stop();
      setIdle(AWAKE);
    };
  }, [active, timeoutSeconds]);

  return { ...(active ? idle : AWAKE), stillHere };
}

// --- history -----------------------------------------------------------------------------------

type Mark = 'guard' | 'top';

function stateObject(state: unknown): Record<string, unknown> {
  return state && typeof state === 'object' ? (state as Record<string, unknown>) : {};
}

function markOf(state: unknown): Mark | null {
  const mark = stateObject(state).kiosk;
  return mark === 'guard' || mark === 'top' ? mark : null;
}

/**
 * Keeps a spare history entry ("guard") below the kiosk's own ("top"), so the browser's Back
 * lands on the guard, which is turned straight back into the kiosk; `onBack` decides what Back
 * means at that moment. The entries carry only this mark (and the router's own fields), never
 * answers: whatever Back reaches, it cannot bring a previous person's answers back.
 */
export function useBackGuard(onBack: () => void): void {
  const back = useEffectEvent(onBack);
  useEffect(() => {
    if (markOf(window.history.state) !== 'top') {
      window.history.replaceState({ ...stateObject(window.history.state), kiosk: 'guard' }, '');
      window.history.pushState({ ...stateObject(window.history.state), kiosk: 'top' }, '');
    }
    const onPop = (event: PopStateEvent) => {
      if (markOf(event.state) === 'top') return;
      window.history.pushState({ ...stateObject(event.state), kiosk: 'top' }, '');
      back();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
}

/** Replaces the current history entry with a fresh one at the kiosk's own address (used on every reset). */
export function replaceKioskEntry(): void {
  const { usr: _usr, ...router } = stateObject(window.history.state);
  window.history.replaceState({ ...router, kiosk: 'top' }, '', window.location.pathname + window.location.search);
}

// --- full screen -------------------------------------------------------------------------------

function subscribeFullscreen(onChange: () => void): () => void {
  document.addEventListener('fullscreenchange', onChange);
  return () => document.removeEventListener('fullscreenchange', onChange);
}

const isFullscreen = () => document.fullscreenElement !== null;

/** Whether the page can go full screen, whether it is, and the switch (staff use it when setting up the stand). */
export function useFullscreen() {
  const active = useSyncExternalStore(subscribeFullscreen, isFullscreen, () => false);
  const available = typeof document !== 'undefined' && document.fullscreenEnabled && 'requestFullscreen' in document.documentElement;
  const enter = () => {
    document.documentElement.requestFullscreen().catch(() => undefined);
  };
  return { available, active, enter };
}
