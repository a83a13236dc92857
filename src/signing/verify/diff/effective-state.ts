/**
 * The effective object state of a PDF at the end of a revision and at the end of the file: what a
 * reader sees after following /Prev, hybrid /XRefStm, xref streams and object streams. Two states
 * are compared object by object; an object whose effective entry points at the same bytes is the
 * same object, any other is compared by value.
 */
import type { PdfValue } from '../../pdf/pdf-objects';
import { PdfReader } from '../../pdf/pdf-reader';
import type { XrefEntry } from '../../pdf/pdf-xref';
import { Equivalence, UNREADABLE } from './equivalence';

export interface ObjectChange {
  num: number;
  /** undefined: absent, free or null in that state. */
  before: PdfValue | undefined;
  after: PdfValue | undefined;
}

/** The state a reader sees at `end` (a revision's last byte + 1): its own startxref onward. */
export function revisionState(pdf: Buffer, end: number): PdfReader {
  return new PdfReader(pdf.subarray(0, end));
}

/**
 * The file's chain of sections must reach the signed revision's own section through /Prev, and
 * every section before it in the chain must lie after the signed bytes. Otherwise the final
 * document is not a continuation of the signed one. Returns why not, or undefined.
 */
export function chainBreak(full: PdfReader, revision: PdfReader): string | undefined {
  const own = revision.lastXrefOffset;
  const end = revision.buf.length;
  for (const s of full.sections) {
    if (s.offset === own) return undefined;
    if (s.offset < end) {
      return (
        `the cross-reference section at ${s.offset}, inside the signed bytes, is reached ` +
        `before the signed revision's own section at ${own}`
      );
    }
  }
  return `the file's cross-reference chain never reaches the signed revision's section at ${own}`;
}

function sameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (!a || !b) return (a?.type ?? 0) === 0 && (b?.type ?? 0) === 0;
  if (a.type === 1 && b.type === 1) return a.offset === b.offset && a.gen === b.gen;
  if (a.type === 2 && b.type === 2) return a.stream === b.stream && a.index === b.index;
  return a.type === 0 && b.type === 0;
}

/** Same bytes in both states: same entry and, inside an object stream, the same object stream. */
function sameLocation(before: PdfReader, after: PdfReader, num: number): boolean {
  const a = before.xref.get(num);
  const b = after.xref.get(num);
  if (!sameEntry(a, b)) return false;
  if (a?.type !== 2 || b?.type !== 2) return true;
  return sameEntry(before.xref.get(a.stream), after.xref.get(b.stream));
}

const present = (v: PdfValue | undefined) => (v === null ? undefined : v);

/**
 * Every object whose effective value differs between the two states, by value. Objects at the
 * same location are the same bytes, unless a bare number changed: it may be a stream's indirect
 * /Length (an object stream's too), so then every object is compared.
 */
export function changedObjects(before: PdfReader, after: PdfReader): ObjectChange[] {
  const eq = new Equivalence(before, after);
  const nums = [...new Set([...before.xref.keys(), ...after.xref.keys()])].sort((x, y) => x - y);
  const compare = (num: number): ObjectChange | undefined => {
    const b = present(readObject(before, num));
    const a = present(readObject(after, num));
    return eq.equal(b, a) ? undefined : { num, before: b, after: a };
  };
  const out: ObjectChange[] = [];
  const skipped: number[] = [];
  for (const num of nums) {
    if (num === 0) continue;
    if (sameLocation(before, after, num)) skipped.push(num);
    else {
      const change = compare(num);
      if (change) out.push(change);
    }
  }
  const lengthChanged = out.some(
    (c) => typeof c.before === 'number' || typeof c.after === 'number',
  );
  if (!lengthChanged) return out;
  for (const num of skipped) {
    const change = compare(num);
    if (change) out.push(change);
  }
  return out.sort((x, y) => x.num - y.num);
}

/** An object's value in a state; an unreadable one is a value equal to nothing. */
export function readObject(reader: PdfReader, num: number): PdfValue | undefined {
  if (!reader.xref.has(num)) return undefined;
  try {
    return reader.getObject(num);
  } catch {
    return UNREADABLE;
  }
}
