import { HttpError } from '../errors';

/**
 * At most `running` password checks at once, `waiting` more queued, the rest refused at once with
 * 503: scrypt runs on libuv's small thread pool, which file and DNS work share, so a burst of
 * logins must queue here rather than there.
 */
export interface CheckQueueLimits {
  running: number;
  waiting: number;
}

export const DEFAULT_CHECK_QUEUE: CheckQueueLimits = { running: 2, waiting: 64 };

export const loginBusy = () =>
  new HttpError(503, {
    error: 'busy',
    message: 'Too many logins are being checked; retry in a few seconds',
    messageVi: 'Máy chủ đang bận xử lý đăng nhập. Vui lòng thử lại sau ít giây.',
  });

export interface CheckQueue {
  /** Runs `task` when a slot is free; throws 503 when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function checkQueue(limits: CheckQueueLimits): CheckQueue {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(task) {
      if (running >= limits.running) {
        if (waiting.length >= limits.waiting) throw loginBusy();
        // The slot is handed over by `release`, so `running` stays counted.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else running++;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
