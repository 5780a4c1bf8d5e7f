import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { isAbortError } from './api.ts';

export interface Resource<T> {
  /** The latest loaded data; while a reload runs, the previous data stays visible. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replace the loaded data, e.g. with what a save returned. */
  setData: (data: T) => void;
}

interface Loaded<T> {
  request: string;
  data: T | undefined;
  error: unknown;
}

/**
 * Loads data for a page and loads it again when `key` changes. Earlier requests are aborted,
 * so a slow old answer never overwrites a newer one.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Resource<T> {
  const [generation, setGeneration] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ request: '', data: undefined, error: null });
  const request = `${generation}:${key}`;
  const run = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    const controller = new AbortController();
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoaded({ request, data, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setLoaded((previous) => ({ request, data: previous.data, error }));
      },
    );
    return () => controller.abort();
  }, [request]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((data: T) => setLoaded((previous) => ({ ...previous, data, error: null })), []);
  return { data: loaded.data, error: loaded.error, loading: loaded.request !== request, reload, setData };
}
