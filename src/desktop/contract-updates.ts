import { z } from 'zod';

/**
 * The DesktopApi calls of the app's own updates (docs/decisions/0036): whether a downloaded
 * update waits for a restart, and the restart that installs it. The Electron main process answers
 * both (main/updates.ts); the service answers for hosts that never update themselves (the
 * browser host, development). Merged into `desktopCalls` by contract.ts.
 */

export const UpdateStatus = z.object({
  /** The version downloaded and verified, installed at the next restart; null when none. */
  readyVersion: z.string().nullable(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const RestartToUpdateAnswer = z.object({
  /** The app is quitting to install; false when this host has nothing to install. */
  restarting: z.boolean(),
  messageVi: z.string(),
});
export type RestartToUpdateAnswer = z.infer<typeof RestartToUpdateAnswer>;

export const updateCalls = {
  updateStatus: { input: z.object({}), output: UpdateStatus },
  /** Quits and installs the downloaded update; the user asked for it ("Khởi động lại"). */
  restartToUpdate: { input: z.object({}), output: RestartToUpdateAnswer },
} as const;
