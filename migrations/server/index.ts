import type { Migration } from 'kysely';
import * as m0001 from './0001_init';
import * as m0002 from './0002_fees';
import * as m0003 from './0003_transfers';
import * as m0004 from './0004_fees_completion';
import * as m0005 from './0005_user_certificates';
import * as m0006 from './0006_login_and_blob_limits';
import * as m0007 from './0007_username_key';
import * as m0008 from './0008_residence_comments';
import * as m0009 from './0009_payment_failure_code';
import * as m0010 from './0010_residence_list_blobs';
import * as m0011 from './0011_account_requests';
import * as m0012 from './0012_holiday_calendar';
import * as m0013 from './0013_org_history';
import * as m0014 from './0014_seal_and_signature_images';
import * as m0015 from './0015_import_audit';
import * as m0016 from './0016_residence_campaign_revs';

/** Every server migration in order. Append only. */
export const serverMigrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_fees': m0002,
  '0003_transfers': m0003,
  '0004_fees_completion': m0004,
  '0005_user_certificates': m0005,
  '0006_login_and_blob_limits': m0006,
  '0007_username_key': m0007,
  '0008_residence_comments': m0008,
  '0009_payment_failure_code': m0009,
  '0010_residence_list_blobs': m0010,
  '0011_account_requests': m0011,
  '0012_holiday_calendar': m0012,
  '0013_org_history': m0013,
  '0014_seal_and_signature_images': m0014,
  '0015_import_audit': m0015,
  '0016_residence_campaign_revs': m0016,
  // 0013 and 0014 are taken by other work of issue 14, merged separately.
};
