import type { DesktopApi, DesktopEvent, DesktopResult } from '../src/desktop/contract';
import { DesktopEvent as DesktopEventSchema } from '../src/desktop/contract';
import { createSseParser } from '../renderer/src/sse';
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
      const controller = new AbortController();
      void (async () => {
        while (!controller.signal.aborted) {
          try {
            const res = await fetch(`${origin}/api/events`, { headers, signal: controller.signal });
            if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
            const feed = createSseParser((data) => {
              const event = DesktopEventSchema.safeParse(JSON.parse(data));
              if (event.success) listener(event.data);
            });
            const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              feed(value);
            }
          } catch {
            if (controller.signal.aborted) return;
          }
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      })();
      return () => controller.abort();
    },
  };
}
