import {
  desktopCalls,
  type DesktopApi,
  type DesktopCallName,
  type DesktopResult,
} from '../src/desktop/contract';

/** Whether a name received over a transport (IPC, HTTP) is a DesktopApi call. */
export function isDesktopCallName(name: unknown): name is DesktopCallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(desktopCalls, name);
}

/**
 * Runs one call received from a transport. The service validates the input itself; this only
 * refuses names that are not calls, so a wrong call is a typed error and never a crash.
 */
export async function dispatchDesktopCall(
  api: DesktopApi,
  name: unknown,
  input: unknown,
): Promise<DesktopResult<unknown>> {
  if (!isDesktopCallName(name)) {
    return {
      ok: false,
      error: {
        code: 'unknown_call',
        message: `unknown desktop call ${JSON.stringify(String(name)).slice(0, 80)}`,
        messageVi: 'Chức năng không tồn tại.',
      },
    };
  }
  const call = api[name] as (i: unknown) => Promise<DesktopResult<unknown>>;
  return call(input);
}
