/**
 * The data layer's process (docs/decisions/0042): the desktop runtime (cache, sync, search,
 * outbox, documents, token worker) behind the message channel of main/runtime-protocol.ts. Run by
 * Electron as a utilityProcess (the channel is process.parentPort) and by the browser host as a
 * Node child process (the channel is process.send), so both reach it the same way.
 */
import type { FromRuntime, RuntimePort, ToRuntime } from './runtime-protocol';
import { serveRuntime } from './runtime-service';

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentChannel(): RuntimePort<FromRuntime, ToRuntime> {
  const electron = (process as { parentPort?: ElectronParentPort | null }).parentPort;
  if (electron)
    return {
      post: (message) => electron.postMessage(message),
      listen: (listener) => electron.on('message', (event) => listener(event.data as ToRuntime)),
    };
  const send = process.send?.bind(process);
  if (!send) throw new Error('runtime-main runs as a child process with a message channel');
  return {
    post: (message) => {
      if (process.connected) send(message);
    },
    listen: (listener) => process.on('message', (m) => listener(m as ToRuntime)),
  };
}

// The parent closes us (a `close` message, or its end closes the channel); a Ctrl+C in the
// terminal reaches the whole process group, and the parent's own close must come first.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
process.on('disconnect', () => process.exit(0));
serveRuntime(parentChannel(), () => {
  process.disconnect?.();
  // The cache, workers and sockets are closed; anything left (a keep-alive timer) must not hold us.
  setTimeout(() => process.exit(0), 100).unref();
});
