import { apiRoutes } from '../../src/api/routes';
import { login, logout, refresh } from '../auth/sessions';
import type { ServerContext } from '../context';
import type { Register } from '../http/register-route';

export function authRoutes(route: Register, ctx: ServerContext): void {
  route(apiRoutes.health, async () => ({ status: 'ok' as const }));
  route(apiRoutes.login, ({ body }) => login(ctx, body));
  route(apiRoutes.refresh, ({ body }) => refresh(ctx, body.refreshToken));
  route(apiRoutes.logout, async ({ body }) => {
    await logout(ctx, body.refreshToken);
    return null;
  });
}
