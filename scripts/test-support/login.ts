import type { Session } from '../../src/api/auth';
import { createApiClient, type ApiClient } from '../../src/api/client';

/** A session on the central API and the typed client that sends its access token. */
export interface LoggedIn {
  session: Session;
  client: ApiClient;
}

/**
 * Logs in through the typed client, as the desktop does, so the session is checked against its
 * schema. Tests of the login route itself send raw requests: there the raw shape is the point.
 */
export async function loginAs(
  baseUrl: string,
  username: string,
  password: string,
): Promise<LoggedIn> {
  const anonymous = createApiClient({ baseUrl, getAccessToken: () => undefined });
  const session = await anonymous.login({ username, password });
  const client = createApiClient({ baseUrl, getAccessToken: () => session.accessToken });
  return { session, client };
}
