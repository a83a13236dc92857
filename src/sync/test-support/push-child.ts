/**
 * A push in its own process, for the crash test: sends the cache file's outbox and prints the
 * outcome, so the parent can SIGKILL it between sending and recording the answer.
 *   tsx src/sync/test-support/push-child.ts <serverUrl> <cacheFile>
 * The access token comes in PUSH_ACCESS_TOKEN (never on a command line).
 */
import { createApiClient } from '../../api/client';
import { openClientDb } from '../../db/client-db';
import { SyncEngine } from '../sync-engine';

const [serverUrl, cacheFile] = process.argv.slice(2);
const token = process.env.PUSH_ACCESS_TOKEN;
if (!serverUrl || !cacheFile || !token) {
  console.error('usage: push-child.ts <serverUrl> <cacheFile>');
  process.exit(2);
}

const cache = await openClientDb(cacheFile);
const api = createApiClient({ baseUrl: serverUrl, getAccessToken: () => token });
const engine = new SyncEngine({ handle: cache.handle, api });
process.stdout.write(`${JSON.stringify({ started: true })}\n`);
const outcome = await engine.push();
process.stdout.write(`${JSON.stringify(outcome)}\n`);
await cache.close();
