/**
 * Mutations of real signed letters and the property the synchronous verifier must keep on them:
 * it throws only the reader's own errors (PdfReadError, PdfSyntaxError) or returns a report, and
 * says `ok` only when the signed bytes are untouched. Shared by the suite's fuzz test and
 * `npm run fuzz -- verify`. Test support only.
 */
import type { X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { PdfSyntaxError } from '../pdf/pdf-objects';
import { PdfReadError } from '../pdf/pdf-read-error';
import { verifyPdf } from '../verify/verify-pdf';

export type Mutation =
  | { kind: 'flip'; at: number[]; xor: number[] }
  | { kind: 'truncate'; keep: number }
  | { kind: 'splice'; from: number; length: number; at: number; remove: number }
  | { kind: 'forgedTrailer'; prev: number; startxref: number; root: number; size: number }
  | { kind: 'startxref'; value: number }
  | { kind: 'trailerNumber'; key: 'Prev' | 'Size' | 'Root' | 'XRefStm'; value: number }
  | { kind: 'duplicateSection' };

const position = fc.nat({ max: 2 ** 31 - 1 });
const offsetLike = fc.oneof(fc.nat({ max: 200_000 }), fc.constantFrom(0, 1, 2 ** 31, 2 ** 53));

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(position, { minLength: 1, maxLength: 8 }),
    xor: fc.array(fc.integer({ min: 1, max: 255 }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), keep: position }),
  fc.record({
    kind: fc.constant('splice' as const),
    from: position,
    length: fc.nat({ max: 4096 }),
    at: position,
    remove: fc.nat({ max: 4096 }),
  }),
  fc.record({
    kind: fc.constant('forgedTrailer' as const),
    prev: offsetLike,
    startxref: offsetLike,
    root: fc.nat({ max: 64 }),
    size: fc.oneof(fc.nat({ max: 100 }), fc.constant(2 ** 40)),
  }),
  fc.record({ kind: fc.constant('startxref' as const), value: offsetLike }),
  fc.record({
    kind: fc.constant('trailerNumber' as const),
    key: fc.constantFrom('Prev' as const, 'Size' as const, 'Root' as const, 'XRefStm' as const),
    value: offsetLike,
  }),
  fc.record({ kind: fc.constant('duplicateSection' as const) }),
);

const latin1 = (b: Buffer) => b.toString('latin1');

/** End of the last `%%EOF` marker (the signed file's end), or the file length. */
function lastEofEnd(pdf: Buffer): number {
  const at = pdf.lastIndexOf('%%EOF');
  return at < 0 ? pdf.length : at + 5;
}

/** The bytes of the last incremental update: after the previous %%EOF up to the last one. */
function lastSection(pdf: Buffer): Buffer {
  const end = lastEofEnd(pdf);
  const before = pdf.lastIndexOf('%%EOF', end - 6);
  return pdf.subarray(before < 0 ? 0 : before + 5, end);
}

/** The mutated file: `donor` is another signed letter (for splices). */
export function applyMutation(pdf: Buffer, donor: Buffer, m: Mutation): Buffer {
  const n = pdf.length;
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(pdf);
      m.at.forEach((p, i) => (out[p % n]! ^= m.xor[i % m.xor.length]!));
      return out;
    }
    case 'truncate':
      return pdf.subarray(0, m.keep % n);
    case 'splice': {
      const from = m.from % donor.length;
      const piece = donor.subarray(from, from + m.length);
      const at = m.at % (n + 1);
      return Buffer.concat([pdf.subarray(0, at), piece, pdf.subarray(Math.min(n, at + m.remove))]);
    }
    case 'forgedTrailer': {
      const xrefAt = n + 1;
      const update =
        `\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size ${m.size} /Root ${m.root} 0 R ` +
        `/Prev ${m.prev} >>\nstartxref\n${m.startxref % 3 === 0 ? xrefAt : m.startxref}\n%%EOF\n`;
      return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
    }
    case 'startxref':
      return Buffer.from(
        latin1(pdf).replace(/startxref\s+\d+(?![\s\S]*startxref)/, `startxref\n${m.value}`),
        'latin1',
      );
    case 'trailerNumber': {
      const re = new RegExp(`/${m.key}\\s+\\d+(?![\\s\\S]*/${m.key}\\s)`);
      return Buffer.from(latin1(pdf).replace(re, `/${m.key} ${m.value}`), 'latin1');
    }
    case 'duplicateSection':
      return Buffer.concat([pdf, lastSection(pdf)]);
  }
}

/**
 * Whether `ok: true` is acceptable for the mutated file: it starts with the whole signed original
 * (what follows is an appended update, judged by the difference analysis), or with a signed
 * revision of it followed by bytes holding no `%%EOF` (no revision: no reader uses them).
 */
export function okIsAcceptable(original: Buffer, mutated: Buffer, revisionEnds: number[]): boolean {
  if (sameUpToHexCase(original, mutated)) return true;
  if (sameUpToContentsSpelling(original, mutated)) return true;
  const startsWith = (end: number) =>
    mutated.length >= end && mutated.subarray(0, end).equals(original.subarray(0, end));
  if (startsWith(lastEofEnd(original))) return true;
  return revisionEnds.some((end) => startsWith(end) && mutated.indexOf('%%EOF', end) < 0);
}

const isHexLetter = (c: number) => (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Only hex digits changed case (as in /Contents): the same bytes to every PDF reader. */
function sameUpToHexCase(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (!isHexLetter(a[i]!) || !isHexLetter(b[i]!) || (a[i]! | 0x20) !== (b[i]! | 0x20))
      return false;
  }
  return true;
}

/**
 * The signatures' gaps: `<hex>` of each /Contents, between the two parts of its /ByteRange. A
 * change there is outside every signed byte; it is harmless when the hex still spells the same
 * CMS to a PDF reader (whitespace ignored, a missing last digit read as 0, trailing zero padding).
 */
function signatureGaps(pdf: Buffer): { start: number; end: number }[] {
  const gaps: { start: number; end: number }[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+\d+\s*\]/g;
  for (const m of latin1(pdf).matchAll(re)) {
    const start = Number(m[1]) + Number(m[2]);
    const end = Number(m[3]);
    if (start < end && end <= pdf.length) gaps.push({ start, end });
  }
  return gaps;
}

/** The bytes a PDF reader takes from `<hex>`, without the zero padding after the CMS. */
function hexStringBytes(text: string): string | null {
  const inner = /^<([0-9A-Fa-f\s]*)>$/.exec(text)?.[1];
  if (inner === undefined) return null;
  const digits = inner.replace(/\s/g, '').toLowerCase();
  const even = digits.length % 2 === 0 ? digits : `${digits}0`;
  return even.replace(/(00)+$/, '');
}

function sameUpToContentsSpelling(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  const gaps = signatureGaps(a);
  const inGap = (i: number) => gaps.some((g) => i >= g.start && i < g.end);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !inGap(i)) return false;
  return gaps.every((g) => {
    const before = hexStringBytes(a.toString('latin1', g.start, g.end));
    return before !== null && before === hexStringBytes(b.toString('latin1', g.start, g.end));
  });
}

function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

export interface FuzzCase {
  original: Buffer;
  donor: Buffer;
  anchors: X509Certificate[];
  now: Date;
  /** End of each signed revision of the original (from its report). */
  revisionEnds: number[];
}

export type Outcome = 'report-ok' | 'report-not-ok' | 'refused';

/**
 * The property on one mutation; throws (failing the run) with the reason on a violation and
 * returns what happened otherwise.
 */
export function checkMutation(c: FuzzCase, m: Mutation): Outcome {
  const mutated = applyMutation(c.original, c.donor, m);
  let ok: boolean;
  try {
    ok = verifyPdf(mutated, { trustAnchors: c.anchors, now: c.now }).ok;
  } catch (err) {
    if (err instanceof PdfReadError || err instanceof PdfSyntaxError) return 'refused';
    throw new Error(`verifyPdf threw ${(err as Error).name}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (ok && !okIsAcceptable(c.original, mutated, c.revisionEnds)) {
    const at = firstDifference(c.original, mutated);
    const around = JSON.stringify(c.original.toString('latin1', Math.max(0, at - 12), at + 12));
    throw new Error(
      `verifyPdf says ok for a file changed inside its signed revisions (first change at byte ${at}, ${around})`,
    );
  }
  return ok ? 'report-ok' : 'report-not-ok';
}
