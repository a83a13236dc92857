import { apiRoutes } from '../../src/api/routes';
import type { ServerContext } from '../context';
import { badRequest, resyncRequired } from '../errors';
import type { Register } from '../http/register-route';
import { pullChanges } from '../repositories/sync-pull';
import { decodeCursor, encodeCursor } from '../sync/cursor';

export function syncRoutes(route: Register, ctx: ServerContext): void {
  route(
    apiRoutes.pull,
    async ({ query, caller }) => {
      const { scope } = caller;
      let afterRev = 0;
      if (query.cursor !== undefined) {
        const decoded = decodeCursor(query.cursor);
        if (!decoded.ok && decoded.reason === 'malformed')
          throw badRequest('cursor', 'cursor is not one this server made');
        // A cursor of another format or scope cannot be continued: the client starts over.
        if (!decoded.ok || decoded.cursor.scopeHash !== scope.hash) throw resyncRequired();
        afterRev = decoded.cursor.rev;
      }
      const page = await pullChanges(ctx.db, ctx.engine, scope, afterRev, query.limit);
      return {
        changes: page.changes,
        nextCursor: encodeCursor({ scopeHash: scope.hash, rev: page.lastRev }),
        hasMore: page.hasMore,
      };
    },
    { trustedResponse: true },
  );
}
