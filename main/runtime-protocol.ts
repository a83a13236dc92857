import { z } from 'zod';
import type { DesktopEvent, DesktopResult } from '../src/desktop/contract';
import { OidcClientConfig } from '../src/desktop/oidc-login';

/**
 * The messages between the process that shows the app (Electron's main process, the browser
 * host) and the process that runs its data layer (main/runtime-main.ts): the DesktopApi's calls
 * and events, and the start and close of the runtime. Electron's utilityProcess and Node's
 * `fork` both carry them; neither channel leaves this machine's pair of processes.
 */
export const RuntimeStartOptions = z.object({
  dataDir: z.string().min(1),
  serverUrl: z.string().min(1).optional(),
  demo: z.boolean().optional(),
  oidc: OidcClientConfig.optional(),
  /**
   * Electron only: the key (base64) that seals the cache's data key and the remembered session,
   * itself sealed by safeStorage in the main process (safeStorage exists only there).
   */
  sealingKey: z.base64().optional(),
});
export type RuntimeStartOptions = z.infer<typeof RuntimeStartOptions>;

/** The demo server the runtime started, and the line that names its accounts. */
export interface RuntimeDemo {
  seeded: boolean;
  accountsNote: string;
}

export type ToRuntime =
  | { kind: 'start'; options: RuntimeStartOptions }
  | { kind: 'call'; id: number; name: string; input: unknown }
  | { kind: 'close' };

export type FromRuntime =
  | { kind: 'ready'; serverUrl: string; demo?: RuntimeDemo }
  | { kind: 'failed'; message: string; messageVi?: string }
  | { kind: 'result'; id: number; result: DesktopResult<unknown> }
  | { kind: 'event'; event: DesktopEvent }
  | { kind: 'closed' };

/** One side of the channel: what to send, and a listener for what arrives. */
export interface RuntimePort<Out, In> {
  post(message: Out): void;
  listen(listener: (message: In) => void): void;
}
