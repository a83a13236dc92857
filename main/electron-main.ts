/**
 * The Electron main process (DESIGN.md, Modes): one sandboxed, context-isolated window without
 * Node, a strict CSP, navigation and new windows denied, and the DesktopApi over IPC for our own
 * renderer frame only. Thin on purpose: everything testable lives in src/desktop and main/*.ts.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
  type IpcMainInvokeEvent,
} from 'electron';
import { autoUpdater } from 'electron-updater';
import { KeyStoreUnavailableError } from '../src/desktop/cache-keys';
import type { DesktopResult } from '../src/desktop/contract';
import { RENDERER_CSP, staticFileFor } from './browser-host';
import { hostConnection, type DesktopConnection } from './desktop-connection';
import { relayOsNotifications, type SystemNotifier } from './os-notifications';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_SCHEME,
  HOST_ORIGIN_ENV,
  HOST_TOKEN_ENV,
  IPC_CALL,
  IPC_EVENT,
} from './ipc-channels';
import type { FromRuntime } from './runtime-protocol';
import { connectRuntime, RuntimeStartError } from './runtime-process';
import { openSealingKey } from './sealing-key';
import { parseStartArgs } from './start-args';
import { staticContentType } from './static-content-types';
import { APP_UPDATE_CONFIG_FILE, startUpdates, updatesPlan, withUpdates } from './updates';
import {
  externalLinkAction,
  isLoopbackHostOrigin,
  isRendererUrl,
  TRUSTED_EXTERNAL_HOSTS,
  trustedHostsWithIssuer,
} from './url-trust';

/** Hosts whose links open without asking; the OpenID provider's is added at start. */
let trustedHosts: readonly string[] = TRUSTED_EXTERNAL_HOSTS;

const RENDERER_DIR = join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
]);
app.enableSandbox();

const refused: DesktopResult<never> = {
  ok: false,
  error: {
    code: 'forbidden_sender',
    message: 'IPC from a frame that is not the app',
    messageVi: 'Truy cập bị từ chối.',
  },
};

/** Our renderer, in the main frame of our window: nothing else may call the DesktopApi. */
function trustedSender(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  return (
    frame !== null &&
    event.sender === window.webContents &&
    frame === window.webContents.mainFrame &&
    isRendererUrl(frame.url)
  );
}

async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const file = url.host === APP_HOST ? staticFileFor(RENDERER_DIR, url.pathname) : undefined;
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(await readFile(file), {
    headers: {
      'content-type': staticContentType(file),
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
    },
  });
}

function lockDown(): void {
  // Every response gets the CSP, including any the renderer might fetch from elsewhere.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] },
    }),
  );
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isRendererUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isRendererUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // The link was refused in the window either way; a failure to open it outside is logged.
      void openOutside(url).catch((err: unknown) => console.error('opening a link failed', err));
      return { action: 'deny' };
    });
  });
}

/** A link leaving the app: trusted sites open, other web links after the user agrees. */
async function openOutside(url: string): Promise<void> {
  const action = externalLinkAction(url, trustedHosts);
  if (action === 'deny') return;
  if (action === 'confirm') {
    const { response } = await dialog.showMessageBox({
      type: 'question',
      buttons: ['Mở', 'Hủy'],
      defaultId: 1,
      cancelId: 1,
      message: 'Mở liên kết bên ngoài ứng dụng?',
      detail: url,
    });
    if (response !== 0) return;
  }
  await shell.openExternal(url);
}

/** Electron's system notifications (Windows toasts), shown by the main process. */
const systemNotifier: SystemNotifier = {
  isSupported: () => Notification.isSupported(),
  show(text, onClick) {
    const notification = new Notification({ title: text.title, body: text.body });
    notification.on('click', onClick);
    notification.show();
  },
};

function openWindow(desktop: DesktopConnection): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Đảng vụ',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  ipcMain.handle(IPC_CALL, (event, name: unknown, input: unknown) =>
    trustedSender(event, window) ? desktop.call(name, input) : refused,
  );
  const unsubscribe = desktop.subscribe((desktopEvent) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, desktopEvent);
  });
  const stopNotifying = relayOsNotifications(
    (listener) => desktop.subscribe(listener),
    systemNotifier,
    () => {
      if (window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.focus();
    },
  );
  window.once('closed', () => {
    unsubscribe();
    stopNotifying();
    ipcMain.removeHandler(IPC_CALL);
  });
  // Why the page failed to load goes to the log, not to an unhandled rejection.
  void window
    .loadURL(APP_ENTRY_URL)
    .catch((err: unknown) => console.error('loading the app page failed', err));
  return window;
}

/**
 * The DesktopApi the window talks to. The packaged app runs the data layer (cache, sync, search,
 * documents, token worker) in a utility process (main/runtime-main.ts, docs/decisions/0042), so
 * this process keeps only windows, IPC and the OS; safeStorage, which exists only here, opens the
 * key that process seals with. `npm start` runs it in its Node process behind a browser host and
 * hands us the host's address and token in the environment (better-sqlite3 there is built for
 * Node).
 */
async function connectDesktop(): Promise<{ desktop: DesktopConnection; close(): Promise<void> }> {
  const origin = process.env[HOST_ORIGIN_ENV];
  const token = process.env[HOST_TOKEN_ENV];
  // Development only (`npm start`): a packaged app never sends its calls where the environment
  // says.
  if (!app.isPackaged && origin && token && isLoopbackHostOrigin(origin))
    return { desktop: hostConnection(origin, token), close: async () => {} };
  const options = parseStartArgs(process.argv.slice(1), { lenient: true });
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  // DPAPI on Windows; refuses Linux's basic_text (a fixed key) rather than pretend to encrypt.
  const sealingKey = openSealingKey(join(options.dataDir, 'sealing.key'), safeStorage);
  const child = utilityProcess.fork(join(__dirname, 'runtime-main.mjs'), [], {
    serviceName: 'Đảng vụ — dữ liệu',
    stdio: 'inherit',
  });
  const runtime = await connectRuntime(
    {
      post: (message) => child.postMessage(message),
      listen: (listener) => child.on('message', (message) => listener(message as FromRuntime)),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => void child.kill(),
    },
    {
      dataDir: options.dataDir,
      ...(options.serverUrl ? { serverUrl: options.serverUrl } : { demo: options.demo }),
      ...(options.oidc ? { oidc: options.oidc } : {}),
      sealingKey: sealingKey.toString('base64'),
    },
  );
  trustedHosts = trustedHostsWithIssuer(options.oidc?.issuer);
  return { desktop: runtime.desktop, close: () => runtime.close() };
}

/** Update checks of the packaged app (main/updates.ts); off without a built-in update URL. */
async function startAppUpdates() {
  const appUpdateConfig = await readFile(
    join(process.resourcesPath, APP_UPDATE_CONFIG_FILE),
    'utf8',
  ).catch(() => undefined);
  const plan = updatesPlan({ host: 'electron', packaged: app.isPackaged, appUpdateConfig });
  if (!plan.enabled) {
    // A packaged app that cannot update itself is worth a line in the log; development is not.
    if (app.isPackaged) console.warn(`update checks are off: ${plan.reason}`);
    return undefined;
  }
  return startUpdates({ updater: autoUpdater });
}

async function main(): Promise<void> {
  await app.whenReady();
  protocol.handle(APP_SCHEME, serveRenderer);
  lockDown();
  const { desktop, close } = await connectDesktop();
  const updates = await startAppUpdates();
  openWindow(updates ? withUpdates(desktop, updates) : desktop);
  app.on('window-all-closed', () => {
    // Quit even when closing the runtime failed; the failure is logged, not lost.
    void close()
      .catch((err: unknown) => console.error('closing the desktop runtime failed', err))
      .finally(() => app.quit());
  });
}

main().catch((err: unknown) => {
  console.error('the app failed to start', err);
  dialog.showErrorBox(
    'Không khởi động được ứng dụng',
    err instanceof KeyStoreUnavailableError
      ? err.messageVi
      : err instanceof RuntimeStartError && err.messageVi
        ? err.messageVi
        : `Ứng dụng gặp lỗi khi khởi động:\n${String(err)}`,
  );
  app.exit(1);
});
