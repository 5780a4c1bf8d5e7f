import { useEffect, useEffectEvent, useState } from 'react';
import type { z } from 'zod';
import { LIVE_STREAM_EVENT } from '../../../contracts/live.ts';

export type StreamState = 'connecting' | 'open' | 'lost';

/** When the server ends the stream for good (e.g. the room was switched off), try again after this. */
const RETRY_MS = 5_000;

/**
 * Follows a live room over Server-Sent Events: every `room` message carries the whole room.
 * The browser's EventSource reconnects by itself after a dropped connection; only when it gives
 * up (an error answer instead of a stream) this hook opens a new one a few seconds later.
 * Messages that do not fit the contract, or are older than what the page has, are ignored.
 */
export function useLiveStream<T extends { revision: number }>(
  url: string | null,
  schema: z.ZodType<T>,
  onRoom: (room: T) => void,
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const deliver = useEffectEvent(onRoom);

  useEffect(() => {
    if (url === null || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let latest = -1;

    const connect = () => {
      source = new EventSource(url);
      source.onopen = () => setState('open');
      source.addEventListener(LIVE_STREAM_EVENT, (event) => {
        let data: unknown;
        try {
          data = JSON.parse((event as MessageEvent<string>).data);
        } catch {
          return;
        }
        const parsed = schema.safeParse(data);
        if (!parsed.success || parsed.data.revision < latest) return;
        latest = parsed.data.revision;
        setState('open');
        deliver(parsed.data);
      });
      source.onerror = () => {
        setState('lost');
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          retry = setTimeout(connect, RETRY_MS);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [url, schema]);

  return state;
}
