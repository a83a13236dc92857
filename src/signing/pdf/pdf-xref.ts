/**
 * Cross-reference sections of a PDF: classic `xref` tables and cross-reference streams, parsed
 * into entries by object number. Bounded by the object number limit and by the bytes at hand.
 */
import { PdfReadError } from './pdf-read-error';
import { PdfDict, type PdfLexer, type PdfStream } from './pdf-objects';

export type XrefEntry =
  | { type: 1; offset: number; gen: number }
  | { type: 2; stream: number; index: number }
  | { type: 0 };

export interface XrefSection {
  offset: number;
  kind: 'table' | 'stream';
  trailer: PdfDict;
  entries: Map<number, XrefEntry>;
}

/** PDF 32000-1 Annex C.2: the largest object number a conforming file uses. */
export const MAX_OBJECT_NUMBER = 8_388_607;

/** An unsigned integer token, or NaN (at most 15 digits: no precision is lost). */
export const digits = (w: string) => (/^\d{1,15}$/.test(w) ? Number(w) : NaN);
export const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Object numbers start … start+count-1 must stay within the PDF limit. */
function checkObjectNumbers(start: number, count: number): void {
  if (start + count - 1 > MAX_OBJECT_NUMBER)
    throw new PdfReadError(`object numbers up to ${start + count - 1} exceed ${MAX_OBJECT_NUMBER}`);
}

/** The `xref` table at the lexer's position, up to and including its trailer dictionary. */
export function readXrefTable(lx: PdfLexer, offset: number, fileLength: number): XrefSection {
  lx.expect('xref');
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    const w = lx.peekWord();
    if (w === 'trailer') break;
    const start = digits(lx.word());
    const count = digits(lx.word());
    if (!isCount(start) || !isCount(count))
      throw new PdfReadError(`damaged xref table at ${lx.pos}`);
    checkObjectNumbers(start, count);
    // An entry takes at least "0 0 n" and a separator: the count must fit in the bytes left.
    const left = fileLength - lx.pos;
    if (count * 6 > left)
      throw new PdfReadError(`xref subsection of ${count} entries cannot fit in ${left} bytes`);
    for (let i = 0; i < count; i++) {
      const off = digits(lx.word());
      const gen = digits(lx.word());
      const kind = lx.word();
      if ((kind !== 'n' && kind !== 'f') || !isCount(off) || !isCount(gen))
        throw new PdfReadError('damaged xref table entry');
      // Object 0 of a subsection starting at 1 is a known producer bug; trust the numbers given.
      if (!entries.has(start + i))
        entries.set(start + i, kind === 'n' ? { type: 1, offset: off, gen } : { type: 0 });
    }
  }
  lx.expect('trailer');
  const trailer = lx.value();
  if (!(trailer instanceof PdfDict)) throw new PdfReadError('damaged trailer');
  return { offset, kind: 'table', trailer, entries };
}

/**
 * The entries of a cross-reference stream. `decode` is called only once /W and /Index are
 * known to be sound, so a damaged dictionary costs no decoding.
 */
export function readXrefStreamEntries(
  stream: PdfStream,
  decode: (stream: PdfStream) => Buffer,
): Map<number, XrefEntry> {
  const d = stream.dict;
  const w = d.get('W');
  if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => isCount(x) && x <= 8)) {
    throw new PdfReadError('damaged xref stream /W: three integers from 0 to 8 expected');
  }
  const [w0, w1, w2] = w as [number, number, number];
  const rowLen = w0 + w1 + w2;
  // Zero-width rows would let a tiny stream declare any number of entries.
  if (w1 === 0) throw new PdfReadError('xref stream /W gives its offset field zero width');
  const index = xrefStreamIndex(d);
  const rows = index.reduce((n, [, count]) => n + count, 0);
  const data = decode(stream);
  if (rows * rowLen > data.length) {
    throw new PdfReadError(
      `xref stream declares ${rows} entries of ${rowLen} bytes but holds ${data.length} bytes`,
    );
  }
  const entries = new Map<number, XrefEntry>();
  let pos = 0;
  const read = (n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + data[pos++]!;
    return v;
  };
  for (const [start, count] of index) {
    for (let i = 0; i < count; i++) {
      // A missing type field means type 1 (PDF 32000-1, 7.5.8.2).
      const type = w0 === 0 ? 1 : read(w0);
      const e = xrefStreamEntry(type, read(w1), read(w2));
      if (!entries.has(start + i)) entries.set(start + i, e);
    }
  }
  return entries;
}

/** One row: type 1 in use at an offset, type 2 inside an object stream, anything else free. */
function xrefStreamEntry(type: number, f2: number, f3: number): XrefEntry {
  if (type === 1) return { type: 1, offset: f2, gen: f3 };
  if (type === 2) return { type: 2, stream: f2, index: f3 };
  return { type: 0 };
}

/** /Index as [start, count] pairs (default [0 /Size]), within the object number limit. */
function xrefStreamIndex(d: PdfDict): [number, number][] {
  const index = d.get('Index') ?? [0, d.get('Size') ?? null];
  if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every(isCount)) {
    throw new PdfReadError('damaged xref stream /Index or /Size');
  }
  const pairs: [number, number][] = [];
  for (let k = 0; k < index.length; k += 2) {
    const start = index[k] as number;
    const count = index[k + 1] as number;
    checkObjectNumbers(start, count);
    pairs.push([start, count]);
  }
  return pairs;
}
