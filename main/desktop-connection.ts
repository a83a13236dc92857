import type { DesktopApi, DesktopEvent, DesktopResult } from '../src/desktop/contract';
import { DesktopEvent as DesktopEventSchema } from '../src/desktop/contract';
import { followEventStream } from '../src/desktop/contract-event-stream';
import { dispatchDesktopCall } from './desktop-dispatch';

/**
 * What Electron's IPC handler forwards to: the DesktopApi in this process (the packaged app), or
 * a browser host in a Node process (`npm start` with Electron installed, where better-sqlite3 is
 * built for Node, not for Electron). Calls are passed through unchecked: the service validates.
 */
export interface DesktopConnection {
  call(name: unknown, input: unknown): Promise<DesktopResult<unknown>>;
  subscribe(listener: (event: DesktopEvent) => void): () => void;
}

export function inProcessConnection(api: DesktopApi): DesktopConnection {
  return {
    call: (name, input) => dispatchDesktopCall(api, name, input),
    subscribe: (listener) => api.subscribe(listener),
  };
}

const hostDown = (message: string): DesktopResult<never> => ({
  ok: false,
  error: {
    code: 'host_unreachable',
    message,
    messageVi: 'Ứng dụng không phản hồi. Hãy mở lại ứng dụng.',
  },
});

/** A browser host reached over loopback with its token, as the renderer would. */
export function hostConnection(origin: string, token: string): DesktopConnection {
  const headers = { authorization: `Bearer ${token}` };
  return {
    async call(name, input) {
      try {
        const res = await fetch(`${origin}/api/call/${encodeURIComponent(String(name))}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as DesktopResult<unknown>;
      } catch (err) {
        return hostDown(err instanceof Error ? err.message : String(err));
      }
    },
    subscribe(listener) {
      return followEventStream({
        url: `${origin}/api/events`,
        headers,
        onEvent: (data) => {
          const event = DesktopEventSchema.safeParse(data);
          if (event.success) listener(event.data);
        },
        // The host is on this machine: try again every second, however long it is away.
        retry: { firstMs: 1000, maxMs: 1000 },
      });
    },
  };
}
