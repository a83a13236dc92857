/**
 * Verifies every signature of every revision: byte range, digest, CMS signature, chain to the
 * configured trust anchors, and what changed after it. `ok` only when every one is intact and
 * trusted. Expected to agree with poppler's pdfsig on the test corpus.
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { OID } from '../cms/asn1';
import { parsePaddedSignedData, unpadContents } from '../cms/parse-signed-data';
import { PdfDict, PdfRef, PdfString, type PdfValue, isName } from '../pdf/pdf-objects';
import { nameOf, PdfReader } from '../pdf/pdf-reader';
import { checkTimestampToken } from '../tsa/timestamp-token';
import type { RevocationReport } from '../revocation/types';
import { buildChain } from './chain';
import { chainTime, recordChainEvidence } from './chain-evidence';
import { analyseModifications, RevisionStates, type VerifiedSignatures } from './diff/classify';
import type { ModificationReport } from './diff/types';

export type { ModificationChange, ModificationReport } from './diff/types';

export interface SignatureReport {
  fieldName: string;
  /** A signature of a person, or a document timestamp (signer: the TSA). */
  kind: 'signature' | 'document-timestamp';
  signer?: string;
  signerSubject?: string;
  /** /M as written by the signer (claimed, not proven). */
  claimedTime?: string;
  subFilter?: string;
  byteRange: number[];
  /** End of the revision this signature covers. */
  revisionEnd: number;
  coversRevision: boolean;
  coversWholeFile: boolean;
  digestOk: boolean;
  signatureOk: boolean;
  hasTimestamp: boolean;
  /** PAdES B-T: the signature time-stamp token over the signature value, when present. */
  timestamp?: {
    /** genTime, ISO 8601: proven time of the signature. */
    time?: string;
    tsa?: string;
    imprintOk: boolean;
    signatureOk: boolean;
    trusted: boolean;
  };
  /** RFC 5280 path, judged at the timestamp's genTime (timeProven) or else at the claimed /M. */
  chain: { trusted: boolean; path: string[]; error?: string; timeProven: boolean };
  /** Filled by `verifyDocument` (DSS, OCSP, CRL); `verifyPdf` alone says not_checked. */
  revocation: RevocationReport;
  modifications: ModificationReport;
  /**
   * intact: byte range, digest, signature, timestamp and later changes all fine; changed: all
   * fine but a disallowed change was made after signing; broken: the signature itself fails.
   */
  status: 'intact' | 'changed' | 'broken';
  /** status === 'intact'. */
  intact: boolean;
  errors: string[];
}

export interface VerifyReport {
  signatures: SignatureReport[];
  ok: boolean;
}

export interface VerifyOptions {
  /** Trust anchors (root certificates). */
  trustAnchors: X509Certificate[];
  now?: Date;
}

const text = (v: PdfValue | undefined): string | undefined => {
  if (!(v instanceof PdfString)) return undefined;
  const b = v.bytes;
  if (b[0] === 0xfe && b[1] === 0xff)
    return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  return b.toString('latin1');
};

function signatureFields(reader: PdfReader): { name: string; sig: PdfDict }[] {
  const out: { name: string; sig: PdfDict }[] = [];
  const acro = reader.dict(reader.dict(reader.catalogRef)?.get('AcroForm'));
  const seen = new Set<number>();
  const walk = (v: PdfValue | undefined, prefix: string, depth: number) => {
    if (depth > 32) return;
    if (v instanceof PdfRef) {
      if (seen.has(v.num)) return;
      seen.add(v.num);
    }
    const r = reader.resolve(v);
    if (Array.isArray(r)) return r.forEach((x) => walk(x, prefix, depth + 1));
    if (!(r instanceof PdfDict)) return;
    const t = text(r.get('T'));
    const full = t === undefined ? prefix : prefix ? `${prefix}.${t}` : t;
    const sig = reader.dict(r.get('V'));
    if (isName(r.get('FT'), 'Sig') && sig) out.push({ name: full, sig });
    walk(r.get('Kids'), full, depth + 1);
  };
  walk(acro?.get('Fields'), '', 0);
  return out;
}

/**
 * A document timestamp (PDF 2.0, PAdES B-LTA: SubFilter ETSI.RFC3161): /Contents is an RFC 3161
 * token whose imprint is SHA-256 of the byte range. Reported like a signature, the TSA as signer.
 */
function verifyDocumentTimestamp(
  report: SignatureReport,
  contents: Buffer,
  signed: Buffer,
  options: VerifyOptions,
): void {
  const ts = checkTimestampToken(unpadContents(contents), signed, options.trustAnchors);
  report.kind = 'document-timestamp';
  report.signer = ts.tsa;
  report.hasTimestamp = true;
  report.digestOk = ts.imprintOk;
  report.signatureOk = ts.signatureOk;
  report.errors.push(...ts.errors);
  const { certificates, ...chain } = ts.chain;
  report.chain = chain;
  report.timestamp = {
    time: ts.time,
    tsa: ts.tsa,
    imprintOk: ts.imprintOk,
    signatureOk: ts.signatureOk,
    trusted: ts.chain.trusted,
  };
  const time = ts.time ? new Date(ts.time) : undefined;
  recordChainEvidence(report, { signerPath: certificates, provenTime: time });
  if (!chain.trusted) report.errors.push(`timestamp not trusted: ${chain.error ?? ''}`);
}

function revisionEndsAt(buf: Buffer, end: number): boolean {
  const tail = buf.toString('latin1', Math.max(0, end - 16), end);
  return /%%EOF\s*$/.test(tail);
}

interface CheckedSignature {
  report: SignatureReport;
  sig: PdfDict;
  /** Byte range, digest, CMS signature and timestamp fine. */
  sound: boolean;
}

/** The analysis, or a disallowed change naming why it could not be made. */
function analyseSafely(
  states: RevisionStates,
  end: number,
  verified: VerifiedSignatures,
): ModificationReport {
  try {
    return analyseModifications(states, end, verified);
  } catch (err) {
    const detail = `changes after signing cannot be analysed: ${(err as Error).message}`;
    const change = { object: null, kind: 'file', verdict: 'disallowed' as const, detail };
    return { allowed: false, changes: [change] };
  }
}

/** Second pass: what changed after each signature, knowing which later signatures verified. */
function judgeChanges(reader: PdfReader, checked: CheckedSignature[]): void {
  const ends = new Map<PdfDict, number>();
  for (const { report, sig } of checked) {
    if (report.coversRevision && report.digestOk && report.signatureOk)
      ends.set(sig, report.revisionEnd);
  }
  const verified: VerifiedSignatures = (sig) => ends.get(sig);
  const states = new RevisionStates(reader);
  for (const { report, sound } of checked) {
    if (report.coversRevision) {
      report.modifications = analyseSafely(states, report.revisionEnd, verified);
      if (!report.modifications.allowed) report.errors.push('disallowed changes after signing');
    }
    report.status = !sound ? 'broken' : report.modifications.allowed ? 'intact' : 'changed';
    report.intact = report.status === 'intact';
  }
}

/**
 * What changed after the revision ending at `end` (e.g. an unsigned base the file extends),
 * judged with the signatures `report` found verified in the same file.
 */
export function modificationsSince(
  pdf: Buffer,
  end: number,
  report: VerifyReport,
): ModificationReport {
  const sound = report.signatures.filter((s) => s.coversRevision && s.digestOk && s.signatureOk);
  const verified: VerifiedSignatures = (sig) => {
    const br = sig.get('ByteRange');
    const key = Array.isArray(br) ? br.join() : '';
    return sound.find((s) => s.byteRange.join() === key)?.revisionEnd;
  };
  return analyseModifications(new RevisionStates(new PdfReader(pdf)), end, verified);
}

export function verifyPdf(pdf: Buffer, options: VerifyOptions): VerifyReport {
  const reader = new PdfReader(pdf);
  const now = options.now ?? new Date();
  const signatures: SignatureReport[] = [];
  const checked: CheckedSignature[] = [];
  for (const { name, sig } of signatureFields(reader)) {
    const errors: string[] = [];
    const br = reader.resolve(sig.get('ByteRange'));
    const byteRange =
      Array.isArray(br) && br.every((n) => typeof n === 'number') ? (br as number[]) : [];
    const [a0 = -1, a1 = -1, b0 = -1, b1 = -1] = byteRange;
    const revisionEnd = b0 + b1;
    const contents = reader.resolve(sig.get('Contents'));
    const rangeShapeOk =
      byteRange.length === 4 &&
      a0 === 0 &&
      a1 > 0 &&
      b0 > a1 &&
      b1 >= 0 &&
      revisionEnd <= pdf.length &&
      pdf[a1] === 0x3c &&
      pdf[b0 - 1] === 0x3e &&
      /^[0-9a-fA-F\s]*$/.test(pdf.toString('latin1', a1 + 1, b0 - 1));
    const coversRevision = rangeShapeOk && revisionEndsAt(pdf, revisionEnd);
    if (!coversRevision)
      errors.push('byte range does not cover the whole revision except /Contents');
    const report: SignatureReport = {
      fieldName: name,
      kind: 'signature',
      claimedTime: text(sig.get('M')),
      subFilter: nameOf(sig.get('SubFilter')),
      byteRange,
      revisionEnd,
      coversRevision,
      coversWholeFile: coversRevision && revisionEnd === pdf.length,
      digestOk: false,
      signatureOk: false,
      hasTimestamp: false,
      chain: { trusted: false, path: [], timeProven: false },
      revocation: { status: 'not_checked' },
      modifications: { allowed: false, changes: [] },
      status: 'broken',
      intact: false,
      errors,
    };
    signatures.push(report);
    if (!rangeShapeOk || !(contents instanceof PdfString)) continue;
    try {
      // The hex between the brackets in the file is what was signed around; use it, not the parse.
      const cmsDer = Buffer.from(pdf.toString('latin1', a1 + 1, b0 - 1).replace(/\s/g, ''), 'hex');
      if (report.subFilter === 'ETSI.RFC3161') {
        const signed = Buffer.concat([pdf.subarray(a0, a0 + a1), pdf.subarray(b0, b0 + b1)]);
        verifyDocumentTimestamp(report, cmsDer, signed, options);
        const sound = coversRevision && report.digestOk && report.signatureOk;
        checked.push({ report, sig, sound });
        continue;
      }
      const cms = parsePaddedSignedData(cmsDer);
      const si = cms.signerInfo;
      const certs = cms.certificates.map((c) => new X509Certificate(c));
      const signer = certs.find((c) => {
        const fromCms = Buffer.from(c.serialNumber, 'hex');
        const strip = (b: Buffer) => b.subarray(b.findIndex((x) => x !== 0));
        return strip(fromCms).equals(strip(si.serial));
      });
      if (!signer) throw new Error('signer certificate not in the CMS');
      report.signer = /(?:^|\n)CN=([^\n]*)/.exec(signer.subject)?.[1];
      report.signerSubject = signer.subject.replace(/\n/g, ', ');
      report.hasTimestamp = si.timeStampToken !== undefined;
      let tsaPath: X509Certificate[] | undefined;
      if (si.timeStampToken) {
        const ts = checkTimestampToken(si.timeStampToken, si.signature, options.trustAnchors);
        tsaPath = ts.chain.certificates;
        report.timestamp = {
          time: ts.time,
          tsa: ts.tsa,
          imprintOk: ts.imprintOk,
          signatureOk: ts.signatureOk,
          trusted: ts.chain.trusted,
        };
        errors.push(...ts.errors);
        if (!ts.chain.trusted) errors.push(`timestamp not trusted: ${ts.chain.error ?? ''}`);
      }
      if (si.digestAlgorithm !== OID.sha256)
        errors.push(`digest algorithm ${si.digestAlgorithm} not supported`);
      const digest = createHash('sha256')
        .update(pdf.subarray(a0, a0 + a1))
        .update(pdf.subarray(b0, b0 + b1))
        .digest();
      report.digestOk = si.messageDigest !== undefined && digest.equals(si.messageDigest);
      if (!report.digestOk) errors.push('digest mismatch: the signed bytes were changed');
      report.signatureOk = cryptoVerify(
        'sha256',
        si.signedAttrsDer,
        signer.publicKey,
        si.signature,
      );
      if (!report.signatureOk) errors.push('CMS signature value invalid');
      if (
        si.essCertHash &&
        !si.essCertHash.equals(createHash('sha256').update(signer.raw).digest())
      ) {
        report.signatureOk = false;
        errors.push('signing-certificate-v2 does not match the signer certificate');
      }
      const tsSound = report.timestamp?.imprintOk && report.timestamp.signatureOk;
      const at = chainTime(tsSound ? report.timestamp?.time : undefined, report.claimedTime, now);
      const chainOptions = { timeProven: at.proven };
      const chain = buildChain(signer, certs, options.trustAnchors, at.at, chainOptions);
      const { certificates, ...chainReport } = chain;
      report.chain = chainReport;
      recordChainEvidence(report, {
        signerPath: certificates,
        tsaPath,
        provenTime: at.proven && tsSound ? at.at : undefined,
      });
      if (!report.chain.trusted) errors.push(`not trusted: ${report.chain.error ?? ''}`);
    } catch (err) {
      errors.push(`cannot verify: ${(err as Error).message}`);
    }
    const timestampSound =
      !report.timestamp || (report.timestamp.imprintOk && report.timestamp.signatureOk);
    const sound = coversRevision && report.digestOk && report.signatureOk && timestampSound;
    checked.push({ report, sig, sound });
  }
  judgeChanges(reader, checked);
  const trusted = (s: SignatureReport) => s.chain.trusted && (s.timestamp?.trusted ?? true);
  return {
    signatures,
    ok: signatures.length > 0 && signatures.every((s) => s.intact && trusted(s)),
  };
}
