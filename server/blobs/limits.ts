import { BLOB_MAX_BYTES_DEFAULT } from '../../src/api/blobs';

/** What uploads may take: per blob, per account, and how long an unused upload is kept. */
export interface BlobLimits {
  /** Largest blob one PUT may carry. */
  maxBytes: number;
  /** Total bytes of an account's uploads that nothing refers to yet. */
  quotaBytes: number;
  /** Age after which an upload nothing refers to is removed. */
  graceMs: number;
  /** How often the clean-up runs; 0 = never. */
  cleanupEveryMs: number;
}

const MB = 1024 * 1024;
const HOUR_MS = 3600 * 1000;

/** Ten 20 MB scans: room for a whole dossier and its resubmission, not for a disk-filling loop. */
export const BLOB_QUOTA_BYTES_DEFAULT = 200 * MB;
/** A week: an outbox that waited for the network still finds its uploads. */
export const BLOB_GRACE_MS_DEFAULT = 7 * 24 * HOUR_MS;

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, got ${raw}`);
  return n;
}

/**
 * BLOB_MAX_BYTES (20 MB), BLOB_QUOTA_BYTES (200 MB), BLOB_GRACE_MS (7 days) and
 * BLOB_CLEANUP_INTERVAL_MS (hourly; 0 = off; off under tests unless set).
 */
export function blobLimitsFromEnv(env: NodeJS.ProcessEnv): BlobLimits {
  return {
    maxBytes: wholeNumber(env, 'BLOB_MAX_BYTES', BLOB_MAX_BYTES_DEFAULT, 1),
    quotaBytes: wholeNumber(env, 'BLOB_QUOTA_BYTES', BLOB_QUOTA_BYTES_DEFAULT, 1),
    graceMs: wholeNumber(env, 'BLOB_GRACE_MS', BLOB_GRACE_MS_DEFAULT, 0),
    cleanupEveryMs: wholeNumber(
      env,
      'BLOB_CLEANUP_INTERVAL_MS',
      env.NODE_ENV === 'test' ? 0 : HOUR_MS,
      0,
    ),
  };
}
