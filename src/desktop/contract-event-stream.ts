/**
 * The browser host's event stream (`GET /api/events`, text/event-stream), followed the same way
 * by both of its readers: the renderer in its page and Electron's main process in Node. It uses
 * only what browsers and Node share (fetch, web streams, AbortController, timers) and imports
 * nothing, so the renderer may import it (it lives beside the DesktopApi contract).
 */

/**
 * Incremental parser of a text/event-stream body: feed it decoded chunks as they arrive, it calls
 * `onData` with the data of each complete event. Comments (": ping") and other fields are skipped.
 */
export function createSseParser(onData: (data: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
      if (data.length > 0) onData(data.join('\n'));
      end = buffer.indexOf('\n\n');
    }
  };
}

export interface EventStreamOptions {
  url: string;
  headers?: Record<string, string>;
  /** Settled before the first connection (the renderer's session cookie exchange). */
  ready?: Promise<unknown>;
  /** The data of each event, parsed as JSON. */
  onEvent(data: unknown): void;
  /** An event that is not JSON, or that `onEvent` threw on: skipped, the stream goes on. */
  onMalformed?(data: string, error: unknown): void;
  /** The pause before reconnecting: `firstMs` after a good connection, doubling up to `maxMs`. */
  retry?: { firstMs: number; maxMs: number };
}

const DEFAULT_RETRY = { firstMs: 500, maxMs: 10_000 };

/** Follows the stream, reconnecting whenever it breaks, until the returned function is called. */
export function followEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  const { firstMs, maxMs } = options.retry ?? DEFAULT_RETRY;
  let pause = firstMs;
  const deliver = (data: string) => {
    try {
      options.onEvent(JSON.parse(data));
    } catch (err) {
      options.onMalformed?.(data, err);
    }
  };
  const readOnce = async () => {
    const res = await fetch(options.url, { headers: options.headers, signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
    pause = firstMs;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const feed = createSseParser(deliver);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      feed(value);
    }
  };
  const follow = async () => {
    await options.ready;
    while (!controller.signal.aborted) {
      try {
        await readOnce();
      } catch {
        if (controller.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, maxMs);
    }
  };
  void follow();
  return () => controller.abort();
}
