/**
 * The heartbeat that keeps "Trực tuyến / Ngoại tuyến" true without the user: the server is asked a
 * cheap question every few seconds, and each answer (or its absence) is reported. A probe is never
 * started while the previous one is still waiting, so a slow server cannot pile up requests.
 */
/** `slow`: no answer in time, or a cut connection; the server may be there but busy. */
export type ProbeResult = 'answered' | 'unreachable' | 'slow';

export interface HeartbeatOptions {
  /** How the server answered; a rejection counts as `unreachable`. */
  probe: () => Promise<ProbeResult>;
  /** Called with true or false when the status is known; slow answers decide only when repeated. */
  onResult: (online: boolean) => void;
  /** Time between the end of one probe and the start of the next. */
  intervalMs: number;
  /** Slow answers in a row that mean offline (a busy server must not read as gone); default 3. */
  slowProbesOffline?: number;
}

export interface Heartbeat {
  stop(): void;
}

export function startHeartbeat({
  probe,
  onResult,
  intervalMs,
  slowProbesOffline = 3,
}: HeartbeatOptions): Heartbeat {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let slowInARow = 0;

  const beat = async () => {
    timer = undefined;
    const result = await probe().catch((): ProbeResult => 'unreachable');
    if (stopped) return;
    slowInARow = result === 'slow' ? slowInARow + 1 : 0;
    if (result !== 'slow') onResult(result === 'answered');
    else if (slowInARow >= slowProbesOffline) onResult(false);
    schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => void beat(), intervalMs);
    // A heartbeat alone must not keep a process (tests, CLI) alive.
    timer.unref?.();
  };

  schedule();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
