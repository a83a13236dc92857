import { DuplicateAccountError } from '../../api/accounts';
import { ApiClientError, CLIENT_ERROR } from '../../api/client';
import type { DesktopInput, DesktopOutput } from '../contract';
import { fail, type ServiceContext } from '../service-context';

/**
 * The member's online calls: cells by name, and registration before any sign-in (user guide,
 * "Đăng ký tài khoản"). They need no session (the routes are public), only the server.
 */

/** A server out of reach says what the member cannot do without it. */
async function online<T>(ctx: ServiceContext, call: Promise<T>, messageVi: string): Promise<T> {
  try {
    return await ctx.tracked(call);
  } catch (err) {
    if (err instanceof ApiClientError && err.code === CLIENT_ERROR.unreachable)
      return fail('offline', err.message, messageVi);
    throw err;
  }
}

const NEEDS_NETWORK = 'Cần kết nối mạng để đăng ký.';

export const cellChoices = async (
  ctx: ServiceContext,
  { q }: DesktopInput<'cellChoices'>,
): Promise<DesktopOutput<'cellChoices'>> => {
  const { items } = await online(
    ctx,
    ctx.api.registrationCells({ q }),
    'Cần kết nối mạng để tìm chi bộ.',
  );
  return { items };
};

export const registrationLookup = async (
  ctx: ServiceContext,
  input: DesktopInput<'registrationLookup'>,
): Promise<DesktopOutput<'registrationLookup'>> =>
  online(ctx, ctx.api.registrationLookup(input), NEEDS_NETWORK);

/** Registers with a username and password; a number another account holds names its holder. */
export async function registerAccount(
  ctx: ServiceContext,
  { username, password, declared }: DesktopInput<'registerAccount'>,
): Promise<DesktopOutput<'registerAccount'>> {
  try {
    const receipt = await online(
      ctx,
      ctx.api.register({ identity: { kind: 'password', username, password }, declared }),
      NEEDS_NETWORK,
    );
    return { ok: true, requestId: receipt.requestId };
  } catch (err) {
    const duplicate =
      err instanceof ApiClientError && err.status === 409
        ? DuplicateAccountError.safeParse(err.body)
        : undefined;
    if (duplicate?.success)
      return { ok: false, messageVi: duplicate.data.messageVi, holder: duplicate.data.holder };
    throw err;
  }
}
