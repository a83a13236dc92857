import {
  createContext,
  useCallback,
  useContext,
  useEffect,
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
  DesktopResult,
} from '../../src/desktop/contract';

const BridgeContext = createContext<DesktopBridge | null>(null);

export function DesktopProvider({
  bridge,
  children,
}: {
  bridge: DesktopBridge;
  children: ReactNode;
}) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
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
  const result = await (takePrimed(name, input) ?? bridge.call(name, input));
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
  latest.current = listener;
  useEffect(() => bridge.subscribe((event) => latest.current(event)), [bridge]);
}

const primed = new Map<string, { at: number; answer: Promise<DesktopResult<unknown>> }>();
/** A primed answer is for the first screen only; later, the cache may have changed. */
const PRIMED_FOR_MS = 5000;
const queryKey = (name: string, input: unknown) => `${name} ${JSON.stringify(input)}`;

/**
 * Starts a query before React has rendered anything; the first useDesktopQuery with the same
 * name and input takes its answer instead of asking again. Start-up calls then overlap the
 * loading of the page instead of following it.
 */
export function primeQuery<K extends DesktopCallName>(
  bridge: DesktopBridge,
  name: K,
  input: DesktopInput<K>,
): void {
  primed.set(queryKey(name, input), { at: performance.now(), answer: bridge.call(name, input) });
}

/** The primed answer of this query, once. */
function takePrimed<K extends DesktopCallName>(name: K, input: DesktopInput<K>) {
  const key = queryKey(name, input);
  const entry = primed.get(key);
  primed.delete(key);
  if (!entry || performance.now() - entry.at > PRIMED_FOR_MS) return undefined;
  return entry.answer as Promise<DesktopResult<DesktopOutput<K>>>;
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
 * Runs a query call whenever its input changes (compared by value); `null` input skips it.
 * Answers of superseded inputs are dropped, so fast typing never shows stale results.
 */
export function useDesktopQuery<K extends DesktopCallName>(
  name: K,
  input: DesktopInput<K> | null,
): Query<DesktopOutput<K>> {
  const bridge = useBridge();
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{
    data?: DesktopOutput<K>;
    error?: DesktopError;
    loading: boolean;
    /** The input (and generation) the data or error answers. */
    answered?: string;
  }>({ loading: key !== null });
  const [generation, setGeneration] = useState(0);
  // A finished sync changed the cache: what is on screen is read again.
  useDesktopEvents((event) => {
    if (event.type === 'sync-finished' && key !== null) setGeneration((g) => g + 1);
  });
  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    let current = true;
    const asked = `${key}#${generation}`;
    setState((s) => ({ ...s, loading: true }));
    const input = JSON.parse(key) as DesktopInput<K>;
    void (takePrimed(name, input) ?? bridge.call(name, input)).then((result) => {
      if (!current) return;
      setState(
        result.ok
          ? { data: result.value, loading: false, answered: asked }
          : { error: result.error, loading: false, answered: asked },
      );
    });
    return () => {
      current = false;
    };
  }, [bridge, name, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const settled = key !== null && !state.loading && state.answered === `${key}#${generation}`;
  return { data: state.data, error: state.error, loading: state.loading, settled, reload };
}
