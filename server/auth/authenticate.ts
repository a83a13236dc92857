import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { findActiveAccount } from '../repositories/users';
import { buildScope } from '../scope/scope';
import { verifyAccessToken } from './access-tokens';
import type { Caller } from './caller';

/**
 * The caller of a request from its bearer token, or null. The account and its grants are read on
 * every request, so a deactivated user or a withdrawn role takes effect at once.
 */
export async function authenticate(
  ctx: ServerContext,
  request: FastifyRequest,
): Promise<Caller | null> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_.-]{1,1000})$/.exec(header) : null;
  if (!match?.[1]) return null;
  const userId = verifyAccessToken(ctx.tokenSecret, match[1], ctx.now());
  if (!userId) return null;
  const account = await findActiveAccount(ctx.db, userId);
  if (!account) return null;
  return {
    user: account.user,
    scope: buildScope(account.user.id, account.grants, account.user.memberId),
  };
}
