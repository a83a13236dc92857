import type { Kysely, Transaction } from 'kysely';
import type { ServerDatabase } from '../../src/db/server-schema';

/** The server database, or a transaction on it: repositories accept either. */
export type Db = Kysely<ServerDatabase>;
export type Trx = Transaction<ServerDatabase>;
