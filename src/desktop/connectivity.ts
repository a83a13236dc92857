/**
 * The heartbeat that keeps "Trực tuyến / Ngoại tuyến" true without the user: the server is asked a
 * cheap question every few seconds, and each answer (or its absence) is reported. A probe is never
 * started while the previous one is still waiting, so a slow server cannot pile up requests.
 */
export interface HeartbeatOptions {
  /** Resolves true when the server answered, false when it did not; must not reject. */
  probe: () => Promise<boolean>;
  onResult: (online: boolean) => void;
  /** Time between the end of one probe and the start of the next. */
  intervalMs: number;
}

export interface Heartbeat {
  stop(): void;
}

export function startHeartbeat({ probe, onResult, intervalMs }: HeartbeatOptions): Heartbeat {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const beat = async () => {
    timer = undefined;
    const online = await probe().catch(() => false);
    if (stopped) return;
    onResult(online);
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
