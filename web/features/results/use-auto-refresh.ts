import { useEffect, useEffectEvent } from 'react';

/**
 * Calls `refresh` every `intervalMs` while the tab is visible, and at once when it becomes
 * visible again: a hidden tab costs the server nothing, a returning reader sees fresh numbers.
 */
export function useAutoRefresh(refresh: () => void, intervalMs: number): void {
  const onTick = useEffectEvent(() => refresh());
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => onTick(), intervalMs);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        onTick();
        start();
      } else stop();
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);
}
