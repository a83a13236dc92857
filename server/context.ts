import type { ServerEngine } from '../src/db/server-db';
import type { Db } from './repositories/db';

/** What request handlers share: the database, the token key and the clock. */
export interface ServerContext {
  db: Db;
  engine: ServerEngine;
  tokenSecret: Buffer;
  now: () => Date;
}
