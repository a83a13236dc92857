import {
  keepPreviousData,
  QueryClient,
  QueryClientProvider,
  queryOptions,
  skipToken,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type {
  DesktopBridge,
  DesktopCallName,
  DesktopError,
  DesktopEvent,
  DesktopInput,
  DesktopOutput,
} from '../../src/desktop/contract';
import { staleAfterEvent } from './data/invalidation';
import {
  desktopQueryKey,
  entityOfQuery,
  staleTimeOf,
  type CachedEntity,
  type DesktopQueryName,
} from './data/query-keys';

const BridgeContext = createContext<DesktopBridge | null>(null);

/**
 * The bridge and the one query cache of the app. Every app event invalidates the entities it made
 * stale (data/invalidation.ts), so the screens showing them read again, and only those.
 */
export function DesktopProvider({
  bridge,
  queryClient,
  children,
}: {
  bridge: DesktopBridge;
  queryClient: QueryClient;
  children: ReactNode;
}) {
  useEffect(
    () =>
      bridge.subscribe((event) => {
        for (const entity of staleAfterEvent(event))
          void queryClient.invalidateQueries({ queryKey: [entity] });
      }),
    [bridge, queryClient],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>
    </QueryClientProvider>
  );
}

/**
 * The app's query cache. Desktop calls are local (or already retried by the app towards the
 * server), so a failed one is not retried here; focus and the browser's online flag mean nothing
 * to a desktop app, whose own events say when data changed.
 */
export function createDesktopQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
    },
  });
}

export function useBridge(): DesktopBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside DesktopProvider');
  return bridge;
}

/** A failed call, carried as an exception inside the renderer. */
export class DesktopCallError extends Error {
  constructor(readonly error: DesktopError) {
    super(error.message);
  }
}

/** The value of a call, or a DesktopCallError. */
export async function callDesktop<K extends DesktopCallName>(
  bridge: DesktopBridge,
  name: K,
  input: DesktopInput<K>,
): Promise<DesktopOutput<K>> {
  const result = await bridge.call(name, input);
  if (!result.ok) throw new DesktopCallError(result.error);
  return result.value;
}

/**
 * Something the user set off (save, queue, open) that makes desktop calls: `busy` while `run`
 * runs; a failed call's DesktopError in `error`, shown where the user acted (cleared at the next
 * run). Any other exception is a bug and propagates.
 */
export function useDesktopAction(): {
  busy: boolean;
  error: DesktopError | undefined;
  setError: (error: DesktopError | undefined) => void;
  run: (action: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DesktopError>();
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      if (err instanceof DesktopCallError) setError(err.error);
      else throw err;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/** Calls `listener` for every app event while the component is mounted. */
export function useDesktopEvents(listener: (event: DesktopEvent) => void): void {
  const bridge = useBridge();
  const latest = useRef(listener);
  // The listener of the last render, kept without resubscribing to the bridge.
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => bridge.subscribe((event) => latest.current(event)), [bridge]);
}

/**
 * Calls `listener` when an app event made `entity` stale: for screens that read in pages or
 * levels themselves (a tree, a long list) instead of through useDesktopQuery.
 */
export function useEntityChanged(entity: CachedEntity, listener: () => void): void {
  useDesktopEvents((event) => {
    if (staleAfterEvent(event).includes(entity)) listener();
  });
}

/** A query call as TanStack Query options: key by entity, call and input; its freshness. */
export function desktopQuery<K extends DesktopQueryName>(
  bridge: DesktopBridge,
  name: K,
  input: DesktopInput<K>,
) {
  return queryOptions({
    queryKey: desktopQueryKey(name, input),
    queryFn: () => callDesktop(bridge, name, input),
    staleTime: staleTimeOf(entityOfQuery(name)),
  });
}

/** A primed answer is for the first screen only; later, the cache may have changed. */
export const PRIMED_FOR_MS = 5000;

/**
 * Starts a query before React has rendered anything; the first reader of the same name and
 * input takes its answer instead of asking again. Start-up calls then overlap the loading of
 * the page instead of following it.
 */
export function primeQuery<K extends DesktopQueryName>(
  bridge: DesktopBridge,
  queryClient: QueryClient,
  name: K,
  input: DesktopInput<K>,
): void {
  void queryClient.prefetchQuery(desktopQuery(bridge, name, input));
}

/**
 * Reads a query outside a component's render (a loader, an event handler) through the shared
 * cache: an answer younger than `maxAgeMs` (or one on its way) is taken, else it asks again.
 * Without `maxAgeMs`, the entity's own freshness applies. Throws DesktopCallError.
 */
export function useFetchDesktop() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useCallback(
    async <K extends DesktopQueryName>(name: K, input: DesktopInput<K>, maxAgeMs?: number) => {
      const options = desktopQuery(bridge, name, input);
      // A fresh read answers what is true after this call. fetchQuery joins a read under way,
      // which may have begun before the change: a status asked as a sync started showed that
      // sync still running after its `sync-finished`. So let that read end, then read again.
      if (maxAgeMs === 0 && queryClient.isFetching({ queryKey: options.queryKey, exact: true }) > 0)
        await queryClient.fetchQuery(options).catch(() => undefined);
      return queryClient.fetchQuery(
        maxAgeMs === undefined ? options : { ...options, staleTime: maxAgeMs },
      );
    },
    [bridge, queryClient],
  );
}

/** Marks entities stale after an action changed them; resolves once screens have read again. */
export function useInvalidate() {
  const queryClient = useQueryClient();
  return useCallback(
    async (...entities: CachedEntity[]) => {
      await Promise.all(
        entities.map((entity) => queryClient.invalidateQueries({ queryKey: [entity] })),
      );
    },
    [queryClient],
  );
}

export interface Query<T> {
  data: T | undefined;
  error: DesktopError | undefined;
  loading: boolean;
  /** The answer on screen is the answer to the current input (not a previous one still shown). */
  settled: boolean;
  reload(): void;
}

/**
 * A query call through the shared cache, keyed by its input (compared by value); `null` input
 * skips it. The previous input's answer stays on screen while the next one loads, marked not
 * `settled`, so fast typing never shows stale results as current.
 */
export function useDesktopQuery<K extends DesktopQueryName>(
  name: K,
  input: DesktopInput<K> | null,
): Query<DesktopOutput<K>> {
  const bridge = useBridge();
  const query = useQuery({
    queryKey: desktopQueryKey(name, input),
    queryFn: input === null ? skipToken : () => callDesktop(bridge, name, input),
    staleTime: staleTimeOf(entityOfQuery(name)),
    placeholderData: keepPreviousData,
  });
  // A reload is asked by hand: not settled from this very render on, until it is answered.
  const [reloading, setReloading] = useState(false);
  const { refetch } = query;
  const skipped = input === null;
  const reload = useCallback(() => {
    if (skipped) return;
    setReloading(true);
    void refetch().finally(() => setReloading(false));
  }, [refetch, skipped]);
  const settled =
    !skipped && !reloading && !query.isFetching && !query.isPlaceholderData && !query.isPending;
  return {
    // A query switched off (null input) has nothing to show: not the previous input's answer.
    data: query.isError || skipped ? undefined : query.data,
    error: query.error?.error,
    loading: query.isFetching || reloading,
    settled,
    reload,
  };
}

declare module '@tanstack/react-query' {
  interface Register {
    /** callDesktop throws only DesktopCallError: the failed call's DesktopError is in `.error`. */
    defaultError: DesktopCallError;
  }
}
