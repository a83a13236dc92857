import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DesktopEvent, DesktopResult } from '../src/desktop/contract';
import { BUNDLED } from '../src/runtime/asset-paths';
import type { DesktopConnection } from './desktop-connection';
import type {
  FromRuntime,
  RuntimeDemo,
  RuntimePort,
  RuntimeStartOptions,
  ToRuntime,
} from './runtime-protocol';

/** The data layer in its own process, as the window or the browser host sees it. */
export interface RuntimeProcess {
  desktop: DesktopConnection;
  serverUrl: string;
  demo?: RuntimeDemo;
  /** Closes the runtime (cache, sync, workers) and waits for its process to end. */
  close(): Promise<void>;
}

/** The parent's handle on the child: the channel, and how it ends. */
export interface RuntimeChild extends RuntimePort<ToRuntime, FromRuntime> {
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** The runtime refused to start (bad configuration, no OS key store…), with its own words. */
export class RuntimeStartError extends Error {
  constructor(
    message: string,
    readonly messageVi?: string,
  ) {
    super(message);
    this.name = 'RuntimeStartError';
  }
}

const gone = (why: string): DesktopResult<never> => ({
  ok: false,
  error: {
    code: 'runtime_unreachable',
    message: `the desktop runtime process ${why}`,
    messageVi: 'Ứng dụng không phản hồi. Hãy mở lại ứng dụng.',
  },
});

/** A process that has not said `closed` this long after `close` is ended. */
const CLOSE_GRACE_MS = 10_000;

/**
 * Starts the runtime in `child` and resolves once it is ready, with a DesktopConnection over the
 * channel: the same calls and events the in-process service gives (main/desktop-connection.ts).
 */
export function connectRuntime(
  child: RuntimeChild,
  options: RuntimeStartOptions,
): Promise<RuntimeProcess> {
  let nextId = 1;
  let exited: string | undefined;
  const pending = new Map<number, (result: DesktopResult<unknown>) => void>();
  const listeners = new Set<(event: DesktopEvent) => void>();
  const closed = new Promise<void>((resolve) => child.onExit(() => resolve()));

  const desktop: DesktopConnection = {
    call(name, input) {
      if (exited) return Promise.resolve(gone(exited));
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.post({ kind: 'call', id, name: String(name), input: input ?? {} });
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return new Promise((resolve, reject) => {
    child.onExit((code) => {
      exited = `exited (code ${code ?? 'none'})`;
      for (const settle of pending.values()) settle(gone(exited));
      pending.clear();
      reject(new RuntimeStartError(`the desktop runtime process ${exited} before it was ready`));
    });
    child.listen((message) => {
      switch (message.kind) {
        case 'result':
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
          return;
        case 'event':
          for (const listener of listeners) listener(message.event);
          return;
        case 'ready':
          resolve({
            desktop,
            serverUrl: message.serverUrl,
            ...(message.demo ? { demo: message.demo } : {}),
            async close() {
              if (exited) return;
              child.post({ kind: 'close' });
              const timer = setTimeout(() => child.kill(), CLOSE_GRACE_MS);
              await closed;
              clearTimeout(timer);
            },
          });
          return;
        case 'failed':
          child.kill();
          reject(new RuntimeStartError(message.message, message.messageVi));
          return;
        case 'closed':
          return;
      }
    });
    child.post({ kind: 'start', options });
  });
}

/**
 * What the child process runs: the bundle's runtime-main.mjs beside this module's bundle, or
 * from sources the launcher that registers tsx first.
 */
export function runtimeEntry(): string {
  return fileURLToPath(
    BUNDLED
      ? new URL('./runtime-main.mjs', import.meta.url)
      : new URL('./runtime-entry.mjs', import.meta.url),
  );
}

/**
 * The browser host's runtime: a Node child process (`fork`), its output on our stderr so stdout
 * keeps only the URL line. It ends with us: the channel's close ends it (runtime-main.ts).
 */
export function forkRuntime(options: RuntimeStartOptions): Promise<RuntimeProcess> {
  const child = fork(runtimeEntry(), [], {
    execArgv: [],
    stdio: ['ignore', process.stderr, process.stderr, 'ipc'],
    serialization: 'advanced',
  });
  return connectRuntime(
    {
      post: (message) => {
        if (child.connected) child.send(message);
      },
      listen: (listener) => child.on('message', (m) => listener(m as FromRuntime)),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => child.kill('SIGKILL'),
    },
    options,
  );
}
