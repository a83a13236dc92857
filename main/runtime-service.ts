import { join } from 'node:path';
import { KeyStoreUnavailableError } from '../src/desktop/cache-keys';
import { startAppRuntime, type AppRuntime } from './app-runtime';
import { DEMO_ACCOUNTS_NOTE } from './demo-server';
import { dispatchDesktopCall } from './desktop-dispatch';
import {
  RuntimeStartOptions,
  type FromRuntime,
  type RuntimePort,
  type ToRuntime,
} from './runtime-protocol';
import { sealedSessionStore, sealingKeyStore } from './sealing-key';

/** Starts the app runtime as the start message asks: with the main process's key in Electron. */
export function startRuntimeFor(options: RuntimeStartOptions): Promise<AppRuntime> {
  const key = options.sealingKey ? Buffer.from(options.sealingKey, 'base64') : undefined;
  return startAppRuntime({
    dataDir: options.dataDir,
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : { demo: options.demo ?? false }),
    ...(options.oidc ? { oidc: options.oidc } : {}),
    ...(key
      ? {
          keyStore: sealingKeyStore(key),
          sessionStore: sealedSessionStore(join(options.dataDir, 'session.bin'), key),
        }
      : {}),
  });
}

/**
 * The data layer's side of the channel (main/runtime-main.ts): one runtime, started by the first
 * `start` message, answering every call and forwarding every event until `close`, after which
 * `closed` is posted and `done` runs.
 */
export function serveRuntime(
  port: RuntimePort<FromRuntime, ToRuntime>,
  done: () => void,
  start: (options: RuntimeStartOptions) => Promise<AppRuntime> = startRuntimeFor,
): void {
  let runtime: Promise<AppRuntime | undefined> | undefined;

  async function begin(input: unknown): Promise<AppRuntime | undefined> {
    const options = RuntimeStartOptions.safeParse(input);
    if (!options.success) {
      port.post({ kind: 'failed', message: `bad start options: ${options.error.message}` });
      return undefined;
    }
    try {
      const started = await start(options.data);
      started.api.subscribe((event) => port.post({ kind: 'event', event }));
      port.post({
        kind: 'ready',
        serverUrl: started.serverUrl,
        ...(started.demo
          ? { demo: { seeded: started.demo.seeded, accountsNote: DEMO_ACCOUNTS_NOTE } }
          : {}),
      });
      return started;
    } catch (err) {
      port.post({
        kind: 'failed',
        message: err instanceof Error ? (err.stack ?? err.message) : String(err),
        ...(err instanceof KeyStoreUnavailableError ? { messageVi: err.messageVi } : {}),
      });
      return undefined;
    }
  }

  async function answer(id: number, name: string, input: unknown): Promise<void> {
    const api = (await runtime)?.api;
    const result = api
      ? await dispatchDesktopCall(api, name, input).catch((err: unknown) => {
          console.error(`desktop call ${name} failed`, err);
          return internalError;
        })
      : notStarted;
    port.post({ kind: 'result', id, result });
  }

  async function close(): Promise<void> {
    try {
      await (await runtime)?.close();
    } catch (err) {
      console.error('closing the desktop runtime failed', err);
    }
    port.post({ kind: 'closed' });
    done();
  }

  port.listen((message) => {
    switch (message.kind) {
      case 'start':
        runtime ??= begin(message.options);
        return;
      case 'call':
        void answer(message.id, message.name, message.input);
        return;
      case 'close':
        void close();
        return;
    }
  });
}

const internalError = {
  ok: false,
  error: {
    code: 'internal',
    message: 'internal error',
    messageVi: 'Đã xảy ra lỗi. Vui lòng thử lại.',
  },
} as const;

const notStarted = {
  ok: false,
  error: {
    code: 'runtime_not_started',
    message: 'the desktop runtime did not start',
    messageVi: 'Ứng dụng chưa sẵn sàng. Hãy mở lại ứng dụng.',
  },
} as const;
