/**
 * PAdES B-LT: the Document Security Store (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1 §5.4) in the
 * catalog, holding the certificates, OCSP responses and CRLs a verifier needs offline, with a VRI
 * entry per signature. Written in an incremental update after the signature (earlier DSS content
 * is kept); read back by the verifier before it asks the network.
 */
import type { X509Certificate } from 'node:crypto';
import { createHash } from 'node:crypto';
import { defaultRevocationChecker, RevocationChecker } from '../revocation/checker';
import { chainEvidenceOf } from '../verify/chain-evidence';
import { verifyPdf } from '../verify/verify-pdf';
import { IncrementalUpdate } from './incremental-writer';
import type { PdfRef } from './pdf-objects';
import { name, PdfDict, PdfStream, type PdfValue } from './pdf-objects';
import { PdfReader } from './pdf-reader';

export interface DssContent {
  certs: Buffer[];
  ocsps: Buffer[];
  crls: Buffer[];
}

/** A hostile file cannot make us decode more than this many DSS entries. */
const MAX_DSS_ENTRIES = 2_000;

function streamsOf(reader: PdfReader, value: PdfValue | undefined): Buffer[] {
  const list = reader.resolve(value);
  if (!Array.isArray(list)) return [];
  return list.slice(0, MAX_DSS_ENTRIES).flatMap((item) => {
    const stream = reader.resolve(item);
    if (!(stream instanceof PdfStream)) return [];
    try {
      return [reader.decodeStream(stream)];
    } catch {
      return [];
    }
  });
}

/** The DSS of the file's last revision (empty when there is none). */
export function readDss(reader: PdfReader): DssContent {
  const dss = reader.dict(reader.dict(reader.catalogRef)?.get('DSS'));
  return {
    certs: streamsOf(reader, dss?.get('Certs')),
    ocsps: streamsOf(reader, dss?.get('OCSPs')),
    crls: streamsOf(reader, dss?.get('CRLs')),
  };
}

/**
 * VRI key: upper-case hex SHA-1 of the signature's /Contents bytes (ETSI EN 319 142-1 §5.4.2.3).
 */
export function vriKey(pdf: Buffer, byteRange: number[]): string {
  const [, a1 = 0, b0 = 0] = byteRange;
  const contents = Buffer.from(pdf.toString('latin1', a1 + 1, b0 - 1).replace(/\s/g, ''), 'hex');
  return createHash('sha1').update(contents).digest('hex').toUpperCase();
}

export interface LtvOptions {
  /** Roots (and any CA certificates) the signer's and TSA's paths are built to. */
  trustAnchors: X509Certificate[];
  checker?: RevocationChecker;
  /** Per OCSP/CRL request, when no `checker` is given (default 5 s). */
  timeoutMs?: number;
  now?: Date;
}

export interface LtvResult {
  /** The signed PDF with the DSS appended, or the input unchanged when nothing was collected. */
  pdf: Buffer;
  added: boolean;
  /** Every non-anchor certificate of the signer's and the TSA's paths has an answer. */
  complete: boolean;
  /** Why something is missing (English, for logs). */
  problems: string[];
}

const unique = (items: Buffer[]) => {
  const seen = new Set<string>();
  return items.filter((b) => {
    const key = createHash('sha256').update(b).digest('hex');
    return seen.has(key) ? false : (seen.add(key), true);
  });
};

/** Appends the DSS arrays, keeping what an earlier DSS held, and a VRI entry for this signature. */
export function appendDss(pdf: Buffer, content: DssContent, vri: string): Buffer {
  const reader = new PdfReader(pdf);
  const update = new IncrementalUpdate(reader);
  const catalog = reader.dict(reader.catalogRef)!.clone();
  const old = reader.dict(catalog.get('DSS'));
  const add = (items: Buffer[]) => items.map((b) => update.add(new PdfStream(new PdfDict(), b)));
  const refs = { certs: add(content.certs), ocsps: add(content.ocsps), crls: add(content.crls) };
  const previous = (key: string) => {
    const list = reader.resolve(old?.get(key));
    return Array.isArray(list) ? list : [];
  };
  const vriDict = (reader.dict(old?.get('VRI')) ?? new PdfDict()).clone();
  vriDict.set(
    vri,
    new PdfDict([
      ['Cert', refs.certs],
      ['OCSP', refs.ocsps],
      ['CRL', refs.crls],
    ]),
  );
  const dss = new PdfDict([
    ['Type', name('DSS')],
    ['Certs', [...previous('Certs'), ...refs.certs]],
    ['OCSPs', [...previous('OCSPs'), ...refs.ocsps]],
    ['CRLs', [...previous('CRLs'), ...refs.crls]],
    ['VRI', vriDict],
  ]);
  catalog.set('DSS', update.add(dss) satisfies PdfRef);
  update.update(reader.catalogRef, catalog);
  return Buffer.concat([pdf, update.build()]);
}

/**
 * Makes the last signature of `signedPdf` B-LT: revocation data for every certificate of its
 * path and its time-stamp's path, fetched now, in a DSS. Never throws for the network: without
 * any answer the input comes back unchanged (the signature stays B-T/B-B).
 */
export async function addLtv(signedPdf: Buffer, options: LtvOptions): Promise<LtvResult> {
  const unchanged = (problems: string[]): LtvResult => ({
    pdf: signedPdf,
    added: false,
    complete: false,
    problems,
  });
  const now = options.now ?? new Date();
  const report = verifyPdf(signedPdf, { trustAnchors: options.trustAnchors, now });
  const last = report.signatures.find((s) => s.coversWholeFile);
  const evidence = last && chainEvidenceOf(last);
  if (!last || !evidence) return unchanged(['no signature covering the whole file']);
  if (!last.chain.trusted) return unchanged([`signer path not trusted: ${last.chain.error ?? ''}`]);
  const checker =
    options.checker ??
    (options.timeoutMs
      ? new RevocationChecker({ timeoutMs: options.timeoutMs })
      : defaultRevocationChecker);
  const paths = [evidence.signerPath, ...(evidence.tsaPath ? [evidence.tsaPath] : [])];
  const results = (
    await Promise.all(paths.map((p) => checker.checkPath(p, { at: now, online: true })))
  ).flat();
  const problems = results.flatMap((r) => r.problems);
  const answered = results.filter((r) => r.evidence);
  if (answered.length === 0) return unchanged(problems);
  const der = (kind: 'ocsp' | 'crl') =>
    unique(answered.flatMap((r) => (r.evidence?.kind === kind ? [r.evidence.der] : [])));
  const content: DssContent = {
    certs: unique(paths.flat().map((c) => Buffer.from(c.raw))),
    ocsps: der('ocsp'),
    crls: der('crl'),
  };
  const pdf = appendDss(signedPdf, content, vriKey(signedPdf, last.byteRange));
  const complete = results.every((r) => r.status !== 'unknown');
  return { pdf, added: true, complete, problems };
}

/**
 * B-LT when the CA's responders answer, otherwise the signed file as it is (B-T/B-B): signing
 * never fails for revocation data. What was missing is logged.
 */
export async function withLtvWhenReachable(
  signedPdf: Buffer,
  options: LtvOptions,
  log: (message: string) => void = console.warn,
): Promise<Buffer> {
  try {
    const result = await addLtv(signedPdf, options);
    if (!result.added || !result.complete)
      log(
        `signature kept ${result.added ? 'partly ' : 'without '}B-LT: ${result.problems.join('; ')}`,
      );
    return result.pdf;
  } catch (err) {
    log(`signature kept without B-LT: ${(err as Error).message}`);
    return signedPdf;
  }
}
