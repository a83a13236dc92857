import type { Migration } from 'kysely';
import * as m0001 from './0001_init';

/** Every server migration in order. Append only. */
export const serverMigrations: Record<string, Migration> = {
  '0001_init': m0001,
};
