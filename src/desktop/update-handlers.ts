import type { updateCalls } from './contract-updates';
import type { HandlersFor } from './service-context';

/** What the browser host and development answer: they never update themselves. */
export const NO_UPDATES_MESSAGE_VI =
  'Phiên bản này không tự cập nhật. Hãy cài bản mới do quản trị viên cung cấp.';

/**
 * The update calls where nothing updates: no update is ever ready, and a restart is a no-op
 * with a Vietnamese message. The packaged Electron app answers them itself (main/updates.ts).
 */
export function noUpdateHandlers(): HandlersFor<keyof typeof updateCalls> {
  return {
    updateStatus: () => ({ readyVersion: null }),
    restartToUpdate: () => ({ restarting: false, messageVi: NO_UPDATES_MESSAGE_VI }),
  };
}
