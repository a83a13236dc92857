/**
 * Revocation status of each certificate of a validated path: embedded data first (a PDF's DSS,
 * works offline), then the certificate's OCSP responders, then its CRL distribution points.
 * Online answers are cached per certificate until their nextUpdate. A responder that is down or
 * lies gives 'unknown' with the reason, never an exception.
 */
import type { X509Certificate } from 'node:crypto';
import { certificateExtensions } from '../verify/certificate-extensions';
import { subjectOf } from '../verify/chain';
import { checkCrl, crlIssuedBy } from './crl';
import { DEFAULT_TIMEOUT_MS, fetchBytes } from './http';
import { checkOcspResponse, ocspRequest, type RevocationAnswer } from './ocsp';
import type { CertificateStatus, RevocationSource } from './types';

/** Revocation data carried by the document (a PDF's /DSS). */
export interface EmbeddedRevocationData {
  ocsps: Buffer[];
  crls: Buffer[];
}

export interface CertificateRevocation {
  certificate: X509Certificate;
  status: CertificateStatus;
  source?: RevocationSource;
  revokedAt?: Date;
  reason?: string;
  /** Why the status is unknown (English, for logs). */
  problems: string[];
  /** The bytes the answer came from, for embedding in a DSS. */
  evidence?: { kind: 'ocsp' | 'crl'; der: Buffer };
}

export interface CheckOptions {
  /** The time the status is wanted for (the signing time for embedded data). */
  at: Date;
  embedded?: EmbeddedRevocationData;
  /** Fetch from OCSP/CRL URLs; default true. */
  online?: boolean;
  /** Also ask online when embedded data says good (the signing time is not proven). */
  confirmOnline?: boolean;
}

interface CacheEntry {
  answer: RevocationAnswer;
  source: 'ocsp' | 'crl';
  der: Buffer;
  expires: number;
}

const DEFAULT_TTL_MS = 5 * 60_000;

export class RevocationChecker {
  private readonly cache = new Map<string, CacheEntry>();
  constructor(private readonly options: { timeoutMs?: number; now?: () => Date } = {}) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Status of every certificate of `path` (signer first) but its last one, the trust anchor. */
  async checkPath(
    path: X509Certificate[],
    options: CheckOptions,
  ): Promise<CertificateRevocation[]> {
    const checks = path.slice(0, -1).map((cert, i) => this.check(cert, path[i + 1]!, options));
    return Promise.all(checks);
  }

  async check(
    cert: X509Certificate,
    issuer: X509Certificate,
    options: CheckOptions,
  ): Promise<CertificateRevocation> {
    const problems: string[] = [];
    const base = { certificate: cert, problems };
    if (certificateExtensions(cert).ocspNoCheck)
      return { ...base, status: 'good', problems: ['id-pkix-ocsp-nocheck: not checked'] };
    const fromDss = this.fromEmbedded(cert, issuer, options, problems);
    const settled = fromDss && (fromDss.status === 'revoked' || !options.confirmOnline);
    if (fromDss && (settled || options.online === false)) return { ...base, ...fromDss };
    if (options.online === false) return { ...base, status: 'unknown' };
    const online = await this.fromNetwork(cert, issuer, problems);
    if (online) return { ...base, ...online };
    return fromDss ? { ...base, ...fromDss } : { ...base, status: 'unknown' };
  }

  private fromEmbedded(
    cert: X509Certificate,
    issuer: X509Certificate,
    options: CheckOptions,
    problems: string[],
  ): Omit<CertificateRevocation, 'certificate' | 'problems'> | undefined {
    const when = { at: options.at, now: this.now() };
    for (const der of options.embedded?.ocsps ?? []) {
      try {
        const answer = checkOcspResponse(der, cert, issuer, when);
        if (answer.status !== 'unknown') return found(answer, 'dss', 'ocsp', der);
      } catch (err) {
        if (!/not about this certificate/.test((err as Error).message))
          problems.push(`DSS OCSP: ${(err as Error).message}`);
      }
    }
    for (const der of options.embedded?.crls ?? []) {
      if (!crlIssuedBy(der, issuer)) continue;
      try {
        return found(checkCrl(der, cert, issuer, when), 'dss', 'crl', der);
      } catch (err) {
        problems.push(`DSS CRL: ${(err as Error).message}`);
      }
    }
    return undefined;
  }

  private async fromNetwork(
    cert: X509Certificate,
    issuer: X509Certificate,
    problems: string[],
  ): Promise<Omit<CertificateRevocation, 'certificate' | 'problems'> | undefined> {
    const key = `${cert.fingerprint256}/${issuer.fingerprint256}`;
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && cached.expires > now.getTime())
      return found(cached.answer, cached.source, cached.source, cached.der);
    const ext = certificateExtensions(cert);
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    for (const url of ext.ocspUrls) {
      try {
        const request = ocspRequest(cert, issuer);
        const der = await fetchBytes(url, {
          body: request.der,
          contentType: 'application/ocsp-request',
          accept: 'application/ocsp-response',
          timeoutMs,
        });
        const answer = checkOcspResponse(der, cert, issuer, { nonce: request.nonce, at: now, now });
        if (answer.status === 'unknown') {
          problems.push(`OCSP ${url}: responder does not know the certificate`);
          continue;
        }
        this.remember(key, answer, 'ocsp', der, now);
        return found(answer, 'ocsp', 'ocsp', der);
      } catch (err) {
        problems.push(`OCSP: ${(err as Error).message}`);
      }
    }
    for (const url of ext.crlUrls) {
      try {
        const der = await fetchBytes(url, { accept: 'application/pkix-crl', timeoutMs });
        const answer = checkCrl(der, cert, issuer, { at: now, now });
        this.remember(key, answer, 'crl', der, now);
        return found(answer, 'crl', 'crl', der);
      } catch (err) {
        problems.push(`CRL: ${(err as Error).message}`);
      }
    }
    if (ext.ocspUrls.length + ext.crlUrls.length === 0)
      problems.push(`no OCSP or CRL URL in '${subjectOf(cert)}'`);
    return undefined;
  }

  private remember(
    key: string,
    answer: RevocationAnswer,
    source: 'ocsp' | 'crl',
    der: Buffer,
    now: Date,
  ) {
    const expires = answer.nextUpdate?.getTime() ?? now.getTime() + DEFAULT_TTL_MS;
    this.cache.set(key, { answer, source, der, expires });
  }
}

function found(
  answer: RevocationAnswer,
  source: RevocationSource,
  kind: 'ocsp' | 'crl',
  der: Buffer,
): Omit<CertificateRevocation, 'certificate' | 'problems'> {
  return {
    status: answer.status,
    source,
    ...(answer.revokedAt ? { revokedAt: answer.revokedAt } : {}),
    ...(answer.reason ? { reason: answer.reason } : {}),
    evidence: { kind, der },
  };
}

/** The process-wide checker (shared cache) the verifier and the signer use by default. */
export const defaultRevocationChecker = new RevocationChecker();
