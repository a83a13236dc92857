import {
  desktopCalls,
  desktopResult,
  DesktopEvent,
  type DesktopBridge,
  type DesktopCallName,
  type DesktopError,
  type DesktopInput,
  type DesktopOutput,
  type DesktopResult,
} from '../../src/desktop/contract';
import { followEventStream } from '../../src/desktop/contract-event-stream';

export type { DesktopBridge };

/**
 * The renderer's only way to the app (DESIGN.md, Modes): Electron's preload (`window.desktop`)
 * when present, else the browser host over loopback HTTP with its session cookie. Both carry
 * the same calls; every answer and event is checked against the contract before use.
 */
export function connectBridge(): DesktopBridge {
  const preload = (window as { desktop?: Transport }).desktop;
  const transport = preload ?? httpTransport(openHostSession(takeLaunchCode()));
  const listeners = new Set<(event: DesktopEvent) => void>();
  let stopStream: (() => void) | undefined;
  return {
    async call(name, input) {
      let raw: unknown;
      try {
        raw = await transport.call(name, input);
      } catch {
        return { ok: false, error: HOST_DOWN };
      }
      return checkAnswer(name, raw);
    },
    subscribe(listener) {
      listeners.add(listener);
      // One stream for all listeners: each would otherwise hold one of the browser's six
      // connections to the host.
      stopStream ??= transport.subscribe((raw) => {
        const event = DesktopEvent.safeParse(raw);
        if (!event.success) return console.warn('ignored an event outside the contract', raw);
        for (const each of [...listeners]) each(event.data);
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stopStream?.();
          stopStream = undefined;
        }
      };
    },
  };
}

const HOST_DOWN: DesktopError = {
  code: 'host_unreachable',
  message: 'the app host does not answer',
  messageVi: 'Ứng dụng không phản hồi. Hãy mở lại ứng dụng.',
};

const answerSchemas = new Map<DesktopCallName, ReturnType<typeof desktopResult>>();
function checkAnswer<K extends DesktopCallName>(
  name: K,
  raw: unknown,
): DesktopResult<DesktopOutput<K>> {
  let schema = answerSchemas.get(name);
  if (!schema) {
    schema = desktopResult(desktopCalls[name].output);
    answerSchemas.set(name, schema);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data as DesktopResult<DesktopOutput<K>>;
  // The host answers errors of its own (bad token, oversize) in the same envelope.
  const error = desktopResult(desktopCalls.session.output).safeParse(raw);
  if (error.success && !error.data.ok) return error.data;
  console.error(`answer of ${name} is outside the contract`, parsed.error);
  return {
    ok: false,
    error: {
      code: 'invalid_answer',
      message: `answer of ${name} is outside the contract`,
      messageVi: 'Dữ liệu trả về không hợp lệ.',
    },
  };
}

/**
 * The one-time launch code arrives in the URL fragment (never sent with a request); it is removed
 * from the address bar and history at once. A reload finds none and relies on the cookie.
 */
export function takeLaunchCode(): string | undefined {
  const match = /(?:^#|&)code=([A-Za-z0-9_-]{20,200})/.exec(window.location.hash);
  if (!match?.[1]) return undefined;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return match[1];
}

/**
 * Exchanges the launch code for the host's HttpOnly session cookie (the secret itself never
 * reaches this page). Calls wait for it; a refused code shows up as the host's 401 answers.
 */
async function openHostSession(code: string | undefined): Promise<void> {
  if (!code) return;
  try {
    await fetch('./api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  } catch {
    // The calls that follow report the host as unreachable.
  }
}

interface Transport {
  call(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: unknown) => void): () => void;
}

function httpTransport(session: Promise<void>): Transport {
  return {
    async call(name, input) {
      await session;
      const res = await fetch(`./api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return res.json();
    },
    subscribe(listener) {
      return followEventStream({
        url: './api/events',
        ready: session,
        onEvent: listener,
        onMalformed: (_data, err) => console.warn('ignored a malformed event', err),
      });
    },
  };
}

export type { DesktopCallName, DesktopInput, DesktopOutput, DesktopResult };
