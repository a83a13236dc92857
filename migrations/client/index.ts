import type { Migration } from 'kysely';
import * as m0001 from './0001_init';
import * as m0002 from './0002_dossiers';
import * as m0003 from './0003_fee_cache';
import * as m0004 from './0004_residence';
import * as m0005 from './0005_account_requests';
import * as m0006 from './0006_holiday_calendar';
import * as m0008 from './0008_seal_and_signature_images';
import * as m0009 from './0009_notifications';
import * as m0010 from './0010_residence_campaigns';
import * as m0011 from './0011_outbox_applied_rev';

/** Every client (desktop cache) migration in order. Append only. */
export const clientMigrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_dossiers': m0002,
  '0003_fee_cache': m0003,
  '0004_residence': m0004,
  '0005_account_requests': m0005,
  '0006_holiday_calendar': m0006,
  '0008_seal_and_signature_images': m0008,
  '0009_notifications': m0009,
  '0010_residence_campaigns': m0010,
  '0011_outbox_applied_rev': m0011,
};
