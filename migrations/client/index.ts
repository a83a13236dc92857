import type { Migration } from 'kysely';
import * as m0001 from './0001_init';
import * as m0002 from './0002_dossiers';
import * as m0003 from './0003_fee_cache';
import * as m0004 from './0004_residence';
import * as m0005 from './0005_account_requests';
import * as m0006 from './0006_holiday_calendar';
import * as m0009 from './0009_notifications';

/** Every client (desktop cache) migration in order. Append only. */
export const clientMigrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_dossiers': m0002,
  '0003_fee_cache': m0003,
  '0004_residence': m0004,
  '0005_account_requests': m0005,
  '0006_holiday_calendar': m0006,
  '0009_notifications': m0009,
};
