/**
 * One login at a time per token slot, across every module handle of this process. PKCS#11 keeps
 * the login state per application and token, not per session: while one request is logged in, a
 * second session on the same token is logged in too, whatever PIN its request carries. Requests
 * for a slot therefore wait their turn; each logs in with its own PIN and logs out when done.
 * Process-wide on purpose: the app opens a token worker (its own module handle) per call.
 */
import { TokenError } from './errors';

/** How long a request waits for the slot before it is refused as busy. */
export const SLOT_WAIT_MS = 120_000;

const tails = new Map<string, Promise<void>>();

export const SLOT_BUSY_VI =
  'USB ký số đang được dùng cho một lần ký khác. Hãy chờ lần ký đó xong rồi thử lại.';

/**
 * Waits until no other request holds `slot`, then holds it. Resolves with the release function
 * (idempotent); rejects with SIGN_TOKEN_BUSY after `waitMs`.
 */
export async function acquireSlot(slot: string, waitMs = SLOT_WAIT_MS): Promise<() => void> {
  const before = tails.get(slot) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  // The next request waits for this one whether it gets the slot or gives up waiting.
  const tail = before.then(() => mine);
  tails.set(slot, tail);
  let released = false;
  const done = () => {
    if (released) return;
    released = true;
    release();
    if (tails.get(slot) === tail) tails.delete(slot);
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      done();
      reject(new TokenError('SIGN_TOKEN_BUSY', SLOT_BUSY_VI, `slot ${slot} busy for ${waitMs} ms`));
    }, waitMs);
    timer.unref?.();
  });
  try {
    await Promise.race([before, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return done;
}
