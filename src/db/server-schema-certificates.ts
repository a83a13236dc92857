/** Token certificates registered to users (migration 0005_user_certificates). */
export interface UserCertificatesTable {
  id: string;
  user_id: string;
  /** SHA-256 of the DER, lower-case hex: what a signature's certificate is looked up by. */
  fingerprint_sha256: string;
  subject: string;
  /** Upper-case hex, as node:crypto prints it. */
  serial: string;
  issuer: string;
  not_before: string;
  not_after: string;
  certificate_pem: string;
  registered_at: string;
  registered_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_reason: string | null;
}

export interface CertificatesDatabase {
  user_certificates: UserCertificatesTable;
}
