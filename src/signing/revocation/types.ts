/** Revocation status shapes shared by the OCSP/CRL clients, the DSS and the verifier's report. */

export type RevocationSource = 'dss' | 'ocsp' | 'crl';
export type CertificateStatus = 'good' | 'revoked' | 'unknown';

/** The revocation part of a signature's report. */
export interface RevocationReport {
  /** Worst status over the signer's path (and the TSA's); not_checked before `verifyDocument`. */
  status: CertificateStatus | 'not_checked';
  source?: RevocationSource;
  /** ISO 8601, when a certificate of the path is revoked. */
  revokedAt?: string;
  /** ISO 8601: when the statuses were obtained. */
  checkedAt?: string;
  note?: string;
  certificates?: {
    subject: string;
    status: CertificateStatus;
    source?: RevocationSource;
    revokedAt?: string;
  }[];
}
