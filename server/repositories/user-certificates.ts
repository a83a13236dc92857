import { randomUUID, type X509Certificate } from 'node:crypto';
import { sql } from 'kysely';
import type { CertificateRegistration } from '../../src/api/certificates';
import type { UserCertificatesTable } from '../../src/db/server-schema-certificates';
import type { Db } from './db';
import { pathInSubtrees } from './scope-sql';

// The certificate registry: which token certificate signs for which user. A signed document is
// accepted only when its new signature's certificate is registered here to the acting user and
// not revoked (docs/decisions/0015-signed-document-acceptance-and-certificate-registry.md).

type Row = UserCertificatesTable & { full_name: string };

const registrationOf = (r: Row): CertificateRegistration => ({
  id: r.id,
  userId: r.user_id,
  userFullName: r.full_name,
  fingerprintSha256: r.fingerprint_sha256,
  subject: r.subject,
  serial: r.serial,
  issuer: r.issuer,
  notBefore: r.not_before,
  notAfter: r.not_after,
  registeredAt: r.registered_at,
  registeredBy: r.registered_by,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  revokedReason: r.revoked_reason,
});

/** "AB:CD:…" as node:crypto prints it → lower-case hex without separators. */
export const fingerprintOf = (c: X509Certificate): string =>
  c.fingerprint256.replace(/:/g, '').toLowerCase();

const withHolder = (db: Db) =>
  db
    .selectFrom('user_certificates as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .selectAll('c')
    .select('u.full_name');

export async function findRegistration(
  db: Db,
  fingerprintSha256: string,
): Promise<CertificateRegistration | null> {
  const row = await withHolder(db)
    .where('c.fingerprint_sha256', '=', fingerprintSha256)
    .executeTakeFirst();
  return row ? registrationOf(row) : null;
}

export async function findRegistrationById(
  db: Db,
  id: string,
): Promise<(CertificateRegistration & { orgPath: string }) | null> {
  const row = await withHolder(db)
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select('o.path as org_path')
    .where('c.id', '=', id)
    .executeTakeFirst();
  return row ? { ...registrationOf(row), orgPath: row.org_path } : null;
}

export async function registrationsOfUser(
  db: Db,
  userId: string,
): Promise<CertificateRegistration[]> {
  const rows = await withHolder(db)
    .where('c.user_id', '=', userId)
    .orderBy('c.registered_at', 'desc')
    .execute();
  return rows.map(registrationOf);
}

/** Registrations of the users whose org lies in the given subtrees (the admin list). */
export async function registrationsInSubtrees(
  db: Db,
  subtreePaths: readonly string[],
  opts: { withinPath?: string; activeOnly: boolean },
): Promise<CertificateRegistration[]> {
  let q = withHolder(db)
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .where(pathInSubtrees(sql.ref('o.path'), subtreePaths));
  if (opts.withinPath) q = q.where(pathInSubtrees(sql.ref('o.path'), [opts.withinPath]));
  if (opts.activeOnly) q = q.where('c.revoked_at', 'is', null);
  const rows = await q.orderBy('u.full_name').orderBy('c.registered_at', 'desc').execute();
  return rows.map(registrationOf);
}

export async function insertRegistration(
  db: Db,
  input: { userId: string; certificate: X509Certificate; registeredBy: string },
  now: Date,
): Promise<string> {
  const c = input.certificate;
  const id = randomUUID();
  await db
    .insertInto('user_certificates')
    .values({
      id,
      user_id: input.userId,
      fingerprint_sha256: fingerprintOf(c),
      subject: c.subject.replace(/\n/g, ', '),
      serial: c.serialNumber.toUpperCase(),
      issuer: c.issuer.replace(/\n/g, ', '),
      not_before: new Date(c.validFrom).toISOString(),
      not_after: new Date(c.validTo).toISOString(),
      certificate_pem: c.toString(),
      registered_at: now.toISOString(),
      registered_by: input.registeredBy,
      revoked_at: null,
      revoked_by: null,
      revoked_reason: null,
    })
    .execute();
  return id;
}

/**
 * Revokes a registration and records it in the holder's history, as other admin edits of a user
 * are. False when it was revoked already (nothing written).
 */
export async function revokeRegistration(
  db: Db,
  reg: Pick<CertificateRegistration, 'id' | 'userId' | 'fingerprintSha256' | 'subject'>,
  by: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const updated = await db
    .updateTable('user_certificates')
    .set({ revoked_at: at, revoked_by: by, revoked_reason: reason })
    .where('id', '=', reg.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  const what = `${reg.subject} (SHA-256 ${reg.fingerprintSha256})`;
  await db
    .insertInto('user_history')
    .values({
      id: randomUUID(),
      user_id: reg.userId,
      changed_by: by,
      changed_at: at,
      changes: JSON.stringify({ certificate: [`registered: ${what}`, `revoked: ${reason}`] }),
    })
    .execute();
  return true;
}
