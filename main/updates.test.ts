import { describe, expect, it, vi } from 'vitest';
import type { DesktopEvent } from '../src/desktop/contract';
import type { DesktopConnection } from './desktop-connection';
import {
  builtInUpdateUrl,
  NOTHING_TO_INSTALL_VI,
  startUpdates,
  UPDATE_CHECK_INTERVAL_MS,
  updatesPlan,
  withUpdates,
  type UpdateClock,
  type Updater,
} from './updates';

/** electron-updater's AppUpdater as the policy sees it, driven by the test. */
class FakeUpdater implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs: [boolean | undefined, boolean | undefined][] = [];
  checkResult: () => Promise<unknown> = () => Promise.resolve(null);
  private readonly handlers = new Map<string, (arg: never) => void>();
  on(event: string, listener: (arg: never) => void) {
    this.handlers.set(event, listener);
    return this;
  }
  emit(event: 'update-downloaded' | 'error', arg: unknown) {
    this.handlers.get(event)?.(arg as never);
  }
  checkForUpdates() {
    this.checks++;
    return this.checkResult();
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

function fakeClock() {
  const intervals: { run: () => void; ms: number }[] = [];
  const deferred: (() => void)[] = [];
  const clock: UpdateClock = {
    setInterval: (run, ms) => intervals.push({ run, ms }),
    clearInterval: (handle) => intervals.splice(Number(handle) - 1, 1),
    defer: (run) => deferred.push(run),
  };
  return { clock, intervals, deferred };
}

const YML = 'provider: generic\nurl: https://capnhat.dangvu.vn/desktop\nupdaterCacheDirName: x\n';

describe('updatesPlan', () => {
  it('checks only in the packaged Electron app with an update URL built in', () => {
    expect(updatesPlan({ host: 'electron', packaged: true, appUpdateConfig: YML })).toEqual({
      enabled: true,
      url: 'https://capnhat.dangvu.vn/desktop',
    });
    expect(updatesPlan({ host: 'electron', packaged: true, appUpdateConfig: undefined })).toEqual({
      enabled: false,
      reason: 'no update URL was built in',
    });
    expect(updatesPlan({ host: 'electron', packaged: false, appUpdateConfig: YML }).enabled).toBe(
      false,
    );
    expect(updatesPlan({ host: 'browser', packaged: true, appUpdateConfig: YML }).enabled).toBe(
      false,
    );
  });

  it('reads the URL of app-update.yml, and refuses one that is empty or not http(s)', () => {
    expect(builtInUpdateUrl("provider: generic\nurl: 'https://a.vn/u'\n")).toBe('https://a.vn/u');
    expect(builtInUpdateUrl('provider: generic\nurl: \n')).toBeUndefined();
    expect(builtInUpdateUrl('provider: generic\nurl: file:///c:/updates\n')).toBeUndefined();
    expect(builtInUpdateUrl('provider: generic\n')).toBeUndefined();
  });
});

describe('startUpdates', () => {
  it('checks at start and every 4 hours, downloading in the background', () => {
    const updater = new FakeUpdater();
    const { clock, intervals } = fakeClock();
    startUpdates({ updater, clock });
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(4 * 60 * 60 * 1000);
    expect(updater.checks).toBe(1);
    expect(intervals.map((i) => i.ms)).toEqual([UPDATE_CHECK_INTERVAL_MS]);
    intervals[0]!.run();
    expect(updater.checks).toBe(2);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('tells the renderer when an update is ready, and installs only when the user asks', () => {
    const updater = new FakeUpdater();
    const { clock, deferred } = fakeClock();
    const updates = startUpdates({ updater, clock });
    const events: DesktopEvent[] = [];
    updates.subscribe((e) => events.push(e));
    expect(updates.restart()).toEqual({ restarting: false, messageVi: NOTHING_TO_INSTALL_VI });
    expect(deferred).toEqual([]);

    updater.emit('update-downloaded', { version: '1.4.0' });
    expect(events).toEqual([{ type: 'update-ready', version: '1.4.0' }]);
    expect(updates.status()).toEqual({ readyVersion: '1.4.0' });
    expect(updater.installs).toEqual([]);

    expect(updates.restart().restarting).toBe(true);
    // The answer goes out before the app quits.
    expect(updater.installs).toEqual([]);
    deferred.forEach((run) => run());
    expect(updater.installs).toEqual([[true, true]]);
  });

  it('logs failures in English and never throws them at the app', async () => {
    const updater = new FakeUpdater();
    updater.checkResult = () => Promise.reject(new Error('getaddrinfo ENOTFOUND'));
    const log = vi.fn();
    const updates = startUpdates({ updater, clock: fakeClock().clock, log });
    await vi.waitFor(() => expect(log).toHaveBeenCalledTimes(1));
    updater.emit('error', new Error('sha512 checksum mismatch'));
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      'the update check failed',
      'the update check failed',
    ]);
    expect(String(log.mock.calls[1]![1])).toContain('sha512 checksum mismatch');
    expect(updates.status()).toEqual({ readyVersion: null });
  });

  it('stops checking when stopped', () => {
    const { clock, intervals } = fakeClock();
    startUpdates({ updater: new FakeUpdater(), clock }).stop();
    expect(intervals).toEqual([]);
  });
});

describe('withUpdates', () => {
  it('answers the update calls itself and passes every other call and event through', async () => {
    const desktopListeners = new Set<(e: DesktopEvent) => void>();
    const desktop: DesktopConnection = {
      call: vi.fn(async () => ({ ok: true as const, value: { user: null, offline: false } })),
      subscribe: (l) => {
        desktopListeners.add(l);
        return () => desktopListeners.delete(l);
      },
    };
    const updater = new FakeUpdater();
    const updates = startUpdates({ updater, clock: fakeClock().clock });
    const connection = withUpdates(desktop, updates);
    const events: DesktopEvent[] = [];
    const unsubscribe = connection.subscribe((e) => events.push(e));

    updater.emit('update-downloaded', { version: '2.0.1' });
    for (const l of desktopListeners) l({ type: 'users-changed' });
    expect(events).toEqual([{ type: 'update-ready', version: '2.0.1' }, { type: 'users-changed' }]);
    expect(await connection.call('updateStatus', {})).toEqual({
      ok: true,
      value: { readyVersion: '2.0.1' },
    });
    expect(await connection.call('session', {})).toEqual({
      ok: true,
      value: { user: null, offline: false },
    });
    expect(desktop.call).toHaveBeenCalledTimes(1);

    unsubscribe();
    updater.emit('update-downloaded', { version: '2.0.2' });
    expect(events).toHaveLength(2);
    expect(desktopListeners.size).toBe(0);
  });
});
