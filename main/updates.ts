/**
 * The app's own updates (docs/decisions/0036), as a policy Electron only plugs into: check at
 * start and every 4 hours, download in the background, never interrupt. A downloaded update
 * (electron-updater checked its sha512 against latest.yml, and on Windows its publisher's
 * signature) waits until the user clicks "Khởi động lại để cập nhật", or installs when the app
 * quits. No Electron import here: tests drive it with a fake updater.
 */
import type { DesktopEvent, RestartToUpdateAnswer, UpdateStatus } from '../src/desktop/contract';
import type { DesktopConnection } from './desktop-connection';

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** The file electron-builder writes into the app's resources from `publish`. */
export const APP_UPDATE_CONFIG_FILE = 'app-update.yml';

export const NOTHING_TO_INSTALL_VI = 'Chưa có bản cập nhật nào được tải về.';
export const RESTARTING_VI = 'Ứng dụng đang khởi động lại để cập nhật.';

/** The update server's URL of a packaged app's app-update.yml; undefined when none is usable. */
export function builtInUpdateUrl(appUpdateConfig: string | undefined): string | undefined {
  const line = appUpdateConfig?.match(/^url:\s*(.+?)\s*$/m)?.[1];
  if (!line) return undefined;
  const url = line.replace(/^(['"])(.*)\1$/, '$2');
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export type UpdatesPlan = { enabled: true; url: string } | { enabled: false; reason: string };

/**
 * Whether this process checks for updates: only the packaged Electron app with an update URL
 * built in. The browser host and development (`npm start`) run sources or a bundle that an
 * installer never replaces.
 */
export function updatesPlan(options: {
  host: 'electron' | 'browser';
  packaged: boolean;
  appUpdateConfig: string | undefined;
}): UpdatesPlan {
  if (options.host !== 'electron')
    return { enabled: false, reason: 'the browser host does not update itself' };
  if (!options.packaged) return { enabled: false, reason: 'development build' };
  const url = builtInUpdateUrl(options.appUpdateConfig);
  if (!url) return { enabled: false, reason: 'no update URL was built in' };
  return { enabled: true, url };
}

/** What the policy needs of electron-updater's AppUpdater. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateClock {
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Runs soon, after the current call has answered. */
  defer(run: () => void): void;
}

const systemClock: UpdateClock = {
  setInterval: (run, ms) => {
    const handle = setInterval(run, ms);
    // A pending check never keeps the process alive.
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  defer: (run) => void setImmediate(run),
};

export interface AppUpdates {
  status(): UpdateStatus;
  /** Quits and installs the downloaded update, after answering. */
  restart(): RestartToUpdateAnswer;
  subscribe(listener: (event: DesktopEvent) => void): () => void;
  stop(): void;
}

export function startUpdates(options: {
  updater: Updater;
  log?: (message: string, error?: unknown) => void;
  clock?: UpdateClock;
}): AppUpdates {
  const { updater } = options;
  const log = options.log ?? ((message, error) => console.error(message, error));
  const clock = options.clock ?? systemClock;
  const listeners = new Set<(event: DesktopEvent) => void>();
  let readyVersion: string | null = null;

  updater.autoDownload = true;
  // Quitting as usual installs a downloaded update too; the user is never asked to wait.
  updater.autoInstallOnAppQuit = true;
  updater.on('update-downloaded', (info) => {
    readyVersion = info.version;
    for (const listener of listeners) listener({ type: 'update-ready', version: info.version });
  });
  // An unreachable server or a bad download is for the log, never for the user's screen.
  updater.on('error', (error) => log('the update check failed', error));

  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => log('the update check failed', error));
  };
  check();
  const timer = clock.setInterval(check, UPDATE_CHECK_INTERVAL_MS);

  return {
    status: () => ({ readyVersion }),
    restart() {
      if (readyVersion === null) return { restarting: false, messageVi: NOTHING_TO_INSTALL_VI };
      // Silent (the per-user installer asks nothing) and the app starts again afterwards.
      clock.defer(() => updater.quitAndInstall(true, true));
      return { restarting: true, messageVi: RESTARTING_VI };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => clock.clearInterval(timer),
  };
}

/** The window's connection, with the update calls and events answered by `updates`. */
export function withUpdates(desktop: DesktopConnection, updates: AppUpdates): DesktopConnection {
  return {
    async call(name, input) {
      if (name === 'updateStatus') return { ok: true, value: updates.status() };
      if (name === 'restartToUpdate') return { ok: true, value: updates.restart() };
      return desktop.call(name, input);
    },
    subscribe(listener) {
      const stopDesktop = desktop.subscribe(listener);
      const stopUpdates = updates.subscribe(listener);
      return () => {
        stopDesktop();
        stopUpdates();
      };
    },
  };
}
