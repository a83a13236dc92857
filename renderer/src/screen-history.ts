import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { sameScreen, Screen, type Navigation } from './navigation';

/**
 * The screen lives in the address bar's fragment, so the browser host's Back, Forward and F5 keep
 * the user in the app on the same screen (the open dossier too); Electron loads the same page.
 * The fragment is read back through the Screen schema: anything else is the start screen.
 */
const PREFIX = '#screen=';
/** Far above any real screen; a longer fragment is not ours. */
const MAX_FRAGMENT = 1_000;

export function screenToHash(screen: Screen): string {
  return PREFIX + encodeURIComponent(JSON.stringify(screen));
}

export function screenFromHash(hash: string): Screen | undefined {
  if (!hash.startsWith(PREFIX) || hash.length > MAX_FRAGMENT) return undefined;
  try {
    const parsed = Screen.safeParse(JSON.parse(decodeURIComponent(hash.slice(PREFIX.length))));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not URI-encoded JSON: someone else's fragment.
    return undefined;
  }
}

/** The screen an address shows: its own if the user may open it, else the start screen. */
export function screenAt(
  hash: string,
  start: Screen,
  allowed: (screen: Screen) => boolean,
): Screen {
  const fromAddress = screenFromHash(hash);
  return fromAddress && allowed(fromAddress) ? fromAddress : start;
}

/** Marks our history entries: the app's first entry, and those that hold a screen. */
const STATE_KEY = 'partyAppEntry';
type EntryKind = 'first' | 'screen';
const entryKind = (state: unknown): EntryKind | undefined =>
  typeof state === 'object' && state !== null && STATE_KEY in state
    ? ((state as Record<string, EntryKind>)[STATE_KEY] ?? undefined)
    : undefined;
const entry = (kind: EntryKind) => ({ [STATE_KEY]: kind });
const addressWithoutFragment = () => window.location.pathname + window.location.search;

/**
 * Run once when the page loads, before anything waits: the page's own entry becomes the guard
 * below an entry for the app, so Back cannot leave the app even while the session is still being
 * read (a Back onto an entry of an earlier load of the page loads it again, and a second Back
 * pressed before the app had mounted left for the page before it).
 */
export function guardHistoryAtLoad(): void {
  shownAddress = window.location.hash || addressWithoutFragment();
  // Back onto the page's own entry puts the screen shown on top again at once, whether or not the
  // app has mounted yet. (Going forward instead is a queued traversal: a second Back pressed
  // before it ended left the app.) One listener per page, however often this is called.
  window.removeEventListener('popstate', restoreOverFirst);
  window.addEventListener('popstate', restoreOverFirst);
  const kind = entryKind(window.history.state);
  if (kind === 'screen') return;
  if (kind === undefined) window.history.replaceState(entry('first'), '', addressWithoutFragment());
  window.history.pushState(entry('screen'), '', shownAddress);
}

/** The address of the screen shown: what Back onto the page's own entry puts back on top. */
let shownAddress = '';

function restoreOverFirst(e: PopStateEvent): void {
  if (entryKind(e.state) === 'first')
    window.history.pushState(entry('screen'), '', shownAddress || addressWithoutFragment());
}

/**
 * The click count of the click being dispatched: 2 for the second click of a double click, 0 for
 * Enter or Space on a button. Reset once the event has been handled.
 */
let clickCount = 0;
let listening = false;
function watchClickCounts(): void {
  if (listening) return;
  listening = true;
  window.addEventListener(
    'click',
    (e) => {
      clickCount = e.detail;
      setTimeout(() => (clickCount = 0));
    },
    true,
  );
  // A double click is a gesture of its own (it opens a dossier row): it may navigate.
  window.addEventListener('dblclick', () => (clickCount = 0), true);
}

/**
 * Where the user is, kept in the browser history. A navigation is ignored while the previous one
 * is under way (asked again before the new screen rendered) or when it comes from the second
 * click of a double click: the first click already went, and the second would land on the next
 * screen's button at the same place ("Xem cấp con" went down two levels).
 */
export function useScreenHistory(start: Screen, allowed: (screen: Screen) => boolean): Navigation {
  const startRef = useRef(start);
  const allowedRef = useRef(allowed);
  useEffect(() => {
    startRef.current = start;
    allowedRef.current = allowed;
  });
  const readAddress = useCallback(
    () => screenAt(window.location.hash, startRef.current, allowedRef.current),
    [],
  );

  const [screen, setScreen] = useState<Screen>(() =>
    screenAt(window.location.hash, start, allowed),
  );
  const current = useRef(screen);
  const underWay = useRef(false);
  useEffect(() => {
    current.current = screen;
    underWay.current = false;
    shownAddress = screenToHash(screen);
  }, [screen]);

  useEffect(() => {
    watchClickCounts();
    if (entryKind(window.history.state) === 'screen') {
      // A reload: the entry stays; a fragment that was refused reads as the screen shown.
      window.history.replaceState(entry('screen'), '', screenToHash(current.current));
    } else {
      // The page's own entry stays below the app's: Back from the first screen comes to it and
      // goes forward again instead of leaving the app.
      window.history.replaceState(entry('first'), '', addressWithoutFragment());
      window.history.pushState(entry('screen'), '', screenToHash(current.current));
    }
    const onPopState = (e: PopStateEvent) => {
      // Back onto the page's own entry: guardHistoryAtLoad's listener puts the screen back.
      if (entryKind(e.state) === 'first') return;
      setScreen(readAddress());
    };
    window.addEventListener('popstate', onPopState);
    return () => {
      window.removeEventListener('popstate', onPopState);
      // Logged out: the next user starts on his own start screen.
      window.history.replaceState(null, '', addressWithoutFragment());
      shownAddress = '';
    };
  }, [readAddress]);

  const go = useCallback((next: Screen) => {
    if (clickCount > 1 || underWay.current || sameScreen(next, current.current)) return;
    if (!allowedRef.current(next)) return;
    underWay.current = true;
    window.history.pushState(entry('screen'), '', screenToHash(next));
    setScreen(next);
  }, []);

  return useMemo(() => ({ screen, go }), [screen, go]);
}
