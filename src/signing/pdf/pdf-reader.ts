/**
 * Reads what an incremental update needs from an existing PDF: the cross-reference sections
 * (tables and streams, following /Prev), the latest trailer, and objects by number (including
 * those inside object streams). Bounded: section count, object-stream size, nesting depth.
 */
import { DecodeBudget, InflateError, unpredictPng } from './flate';
import {
  PdfDict,
  PdfLexer,
  PdfName,
  PdfRef,
  PdfStream,
  PdfSyntaxError,
  type PdfValue,
  isName,
  isWhite,
  serialize,
} from './pdf-objects';
import { PdfReadError, PdfReferenceLoopError } from './pdf-read-error';
import {
  digits,
  isCount,
  readXrefStreamEntries,
  readXrefTable,
  type XrefEntry,
  type XrefSection,
} from './pdf-xref';

const MAX_SECTIONS = 4096;
/** Objects being read at once (a /Length in another object, in an object stream, …). */
const MAX_LOAD_DEPTH = 16;

export class PdfReader {
  /** Newest first. */
  readonly sections: XrefSection[] = [];
  readonly xref = new Map<number, XrefEntry>();
  private readonly cache = new Map<number, PdfValue>();
  private readonly objStmCache = new Map<number, Map<number, PdfValue>>();
  /** Objects (and object streams) being read now: a reference back to one of them is a loop. */
  private readonly loading = new Set<number>();
  /** Decoded bytes this reader may still produce (all streams together). */
  private readonly budget = new DecodeBudget();

  constructor(readonly buf: Buffer) {
    try {
      this.readSections();
    } catch (err) {
      if (err instanceof PdfReadError) throw err;
      throw new PdfReadError(`damaged cross-reference data: ${(err as Error).message}`);
    }
    if (this.trailer.get('Encrypt') !== undefined)
      throw new PdfReadError('encrypted PDF files cannot be signed');
  }

  get trailer(): PdfDict {
    return this.sections[0]!.trailer;
  }
  get lastXrefOffset(): number {
    return this.sections[0]!.offset;
  }
  get lastXrefKind(): 'table' | 'stream' {
    return this.sections[0]!.kind;
  }
  /** Next free object number. */
  get size(): number {
    let size = 0;
    for (const s of this.sections) {
      const n = s.trailer.get('Size');
      if (typeof n === 'number' && n > size) size = n;
    }
    for (const k of this.xref.keys()) if (k + 1 > size) size = k + 1;
    return size;
  }

  /** Offset given by the last `startxref` in the file. */
  static startXref(buf: Buffer, end = buf.length): number {
    const tail = buf.subarray(Math.max(0, end - 2048), end).toString('latin1');
    const at = tail.lastIndexOf('startxref');
    if (at < 0) throw new PdfReadError('not a PDF file, or truncated (no startxref)');
    const m = /^startxref\s+(\d+)/.exec(tail.slice(at));
    if (!m) throw new PdfReadError('damaged startxref');
    return Number(m[1]);
  }

  private readSections(): void {
    if (this.buf.subarray(0, 1024).indexOf('%PDF-') < 0) throw new PdfReadError('not a PDF file');
    let offset: number | undefined = PdfReader.startXref(this.buf);
    const seen = new Set<number>();
    while (offset !== undefined) {
      if (seen.has(offset) || seen.size >= MAX_SECTIONS)
        throw new PdfReadError('cross-reference sections loop');
      seen.add(offset);
      if (offset <= 0 || offset >= this.buf.length)
        throw new PdfReadError(`cross-reference offset ${offset} out of the file`);
      const section = this.readSection(offset);
      this.sections.push(section);
      for (const [num, e] of section.entries) if (!this.xref.has(num)) this.xref.set(num, e);
      // Hybrid files: a table's trailer may point at an xref stream with hidden entries.
      const stm = section.trailer.get('XRefStm');
      if (section.kind === 'table' && typeof stm === 'number' && !seen.has(stm)) {
        for (const [num, e] of this.readSection(stm).entries)
          if (!this.xref.has(num)) this.xref.set(num, e);
      }
      const prev = section.trailer.get('Prev');
      offset = typeof prev === 'number' ? prev : undefined;
    }
  }

  private readSection(offset: number): XrefSection {
    const lx = new PdfLexer(this.buf, offset);
    if (lx.peekWord() === 'xref') return readXrefTable(lx, offset, this.buf.length);
    const { value } = this.parseIndirectAt(offset);
    if (!(value instanceof PdfStream) || !isName(value.dict.get('Type'), 'XRef')) {
      throw new PdfReadError(`no cross-reference section at offset ${offset}`);
    }
    const entries = readXrefStreamEntries(value, (stream) => this.decodeStream(stream));
    return { offset, kind: 'stream', trailer: value.dict, entries };
  }

  /**
   * Decoded bytes of a stream: no filter, or FlateDecode with an optional PNG predictor. Counts
   * against this reader's decoding budget.
   */
  decodeStream(stream: PdfStream): Buffer {
    const filter = this.resolve(stream.dict.get('Filter'));
    const filters =
      filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter : [filter];
    if (filters.length === 0) return stream.data;
    if (filters.length !== 1) {
      throw new PdfReadError(`unsupported chain of ${filters.length} stream filters`);
    }
    const only = this.resolve(filters[0]);
    if (!isName(only, 'FlateDecode')) {
      throw new PdfReadError(`unsupported stream filter ${nameOf(only) ?? typeof only}`);
    }
    try {
      const data = this.budget.inflate(stream.data);
      const parms = this.resolve(stream.dict.get('DecodeParms'));
      return this.unpredict(data, this.resolve(Array.isArray(parms) ? parms[0] : parms));
    } catch (err) {
      if (err instanceof InflateError) throw new PdfReadError(err.message);
      throw err;
    }
  }

  /** Reverses a PNG /Predictor (≥ 10) given in /DecodeParms; TIFF predictors are refused. */
  private unpredict(data: Buffer, parms: PdfValue | undefined): Buffer {
    if (!(parms instanceof PdfDict)) return data;
    const predictor = parms.get('Predictor') ?? 1;
    if (predictor === 1) return data;
    if (typeof predictor !== 'number' || predictor < 10) {
      throw new PdfReadError(`unsupported predictor ${serialize(predictor)}`);
    }
    const columns = parms.get('Columns') ?? 1;
    const colors = parms.get('Colors') ?? 1;
    const bits = parms.get('BitsPerComponent') ?? 8;
    const bitsOk = typeof bits === 'number' && [1, 2, 4, 8, 16].includes(bits);
    const colorsOk = isCount(colors) && colors >= 1 && colors <= 32;
    if (!isCount(columns) || columns < 1 || columns > data.length || !bitsOk || !colorsOk) {
      throw new PdfReadError('damaged /DecodeParms: bad /Columns, /Colors or /BitsPerComponent');
    }
    const bitsPerPixel = colors * bits;
    return unpredictPng(data, Math.ceil(bitsPerPixel / 8), Math.ceil((bitsPerPixel * columns) / 8));
  }

  /** Parses `N G obj … endobj` at an offset; a stream's data is located by /Length or endstream. */
  parseIndirectAt(offset: number): { ref: PdfRef; value: PdfValue } {
    if (!isCount(offset) || offset >= this.buf.length)
      throw new PdfReadError(`object offset ${offset} out of the file`);
    const lx = new PdfLexer(this.buf, offset);
    const num = Number(lx.word());
    const gen = Number(lx.word());
    lx.expect('obj');
    if (!Number.isInteger(num) || !Number.isInteger(gen))
      throw new PdfSyntaxError(`no object at ${offset}`);
    const value = lx.value();
    const ref = new PdfRef(num, gen);
    if (value instanceof PdfDict && lx.peekWord() === 'stream') {
      lx.word();
      let start = lx.pos;
      if (this.buf[start] === 0x0d) start++;
      if (this.buf[start] === 0x0a) start++;
      const len = value.get('Length');
      let length = typeof len === 'number' ? len : len instanceof PdfRef ? this.lengthOf(len) : -1;
      const endOk = (n: number) => {
        let e = start + n;
        while (isWhite(this.buf[e])) e++;
        return this.buf.toString('latin1', e, e + 9) === 'endstream';
      };
      if (length < 0 || start + length > this.buf.length || !endOk(length)) {
        const end = this.buf.indexOf('endstream', start, 'latin1');
        if (end < 0) throw new PdfSyntaxError(`unterminated stream in object ${num}`);
        length = end - start;
        while (length > 0 && isWhite(this.buf[start + length - 1])) length--;
      }
      return { ref, value: new PdfStream(value, this.buf.subarray(start, start + length)) };
    }
    return { ref, value };
  }

  /** An indirect /Length; -1 (find `endstream`) when it cannot be read, but loops are refused. */
  private lengthOf(ref: PdfRef): number {
    try {
      const v = this.getObject(ref.num);
      return isCount(v) ? v : -1;
    } catch (err) {
      if (err instanceof PdfReferenceLoopError) throw err;
      return -1;
    }
  }

  getObject(num: number): PdfValue {
    if (this.cache.has(num)) return this.cache.get(num)!;
    const e = this.xref.get(num);
    const value = this.loadingGuard(num, (): PdfValue => {
      if (e?.type === 1) return this.parseIndirectAt(e.offset).value;
      if (e?.type === 2) return this.objectStream(e.stream).get(num) ?? null;
      return null;
    });
    this.cache.set(num, value);
    return value;
  }

  /** Runs `load` for object `num`, refusing a reference back into an object being read. */
  private loadingGuard<T>(num: number, load: () => T): T {
    if (this.loading.has(num)) {
      throw new PdfReferenceLoopError(`object ${num} refers to itself while being read`);
    }
    if (this.loading.size >= MAX_LOAD_DEPTH) {
      const why = `references nested more than ${MAX_LOAD_DEPTH} deep at object ${num}`;
      throw new PdfReferenceLoopError(why);
    }
    this.loading.add(num);
    try {
      return load();
    } finally {
      this.loading.delete(num);
    }
  }

  genOf(num: number): number {
    const e = this.xref.get(num);
    return e?.type === 1 ? e.gen : 0;
  }

  private objectStream(num: number): Map<number, PdfValue> {
    const cached = this.objStmCache.get(num);
    if (cached) return cached;
    const map = this.loadingGuard(num, () => this.readObjectStream(num));
    this.objStmCache.set(num, map);
    return map;
  }

  private readObjectStream(num: number): Map<number, PdfValue> {
    const e = this.xref.get(num);
    if (e?.type !== 1) throw new PdfReadError(`object stream ${num} not found`);
    const { value } = this.parseIndirectAt(e.offset);
    if (!(value instanceof PdfStream))
      throw new PdfReadError(`object ${num} is not an object stream`);
    const n = value.dict.get('N');
    const first = value.dict.get('First');
    if (!isCount(n) || !isCount(first))
      throw new PdfReadError(`damaged object stream ${num}: /N or /First`);
    // The header holds n pairs "num offset", at least 4 bytes each; objects start at /First.
    if (4 * n - 1 > first)
      throw new PdfReadError(`object stream ${num} claims ${n} objects in a ${first}-byte header`);
    const data = this.decodeStream(value);
    if (first > data.length)
      throw new PdfReadError(
        `object stream ${num}: /First ${first} beyond its ${data.length} bytes`,
      );
    const lx = new PdfLexer(data.subarray(0, first));
    const offsets: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const objNum = digits(lx.word());
      const off = digits(lx.word());
      if (!isCount(objNum) || !isCount(off) || first + off >= data.length) {
        throw new PdfReadError(`damaged object stream ${num}: entry ${i} of its header`);
      }
      offsets.push([objNum, off]);
    }
    const body = new PdfLexer(data);
    const map = new Map<number, PdfValue>();
    for (const [objNum, off] of offsets) {
      body.pos = first + off;
      map.set(objNum, body.value());
    }
    return map;
  }

  resolve(v: PdfValue | undefined, depth = 0): PdfValue | undefined {
    if (v instanceof PdfRef) {
      if (depth > 32) throw new PdfReadError('reference chain too long');
      return this.resolve(this.getObject(v.num), depth + 1);
    }
    return v;
  }

  dict(v: PdfValue | undefined): PdfDict | undefined {
    const r = this.resolve(v);
    return r instanceof PdfDict ? r : r instanceof PdfStream ? r.dict : undefined;
  }

  get catalogRef(): PdfRef {
    const root = this.trailer.get('Root');
    if (!(root instanceof PdfRef)) throw new PdfReadError('no document catalog');
    return root;
  }

  /** Page references in order (page tree walk, loop-safe). */
  pageRefs(): PdfRef[] {
    const catalog = this.dict(this.catalogRef);
    const pages = catalog?.get('Pages');
    const out: PdfRef[] = [];
    const seen = new Set<number>();
    const walk = (ref: PdfValue | undefined, depth: number) => {
      if (!(ref instanceof PdfRef) || seen.has(ref.num) || depth > 64) return;
      seen.add(ref.num);
      const node = this.dict(ref);
      if (!node) return;
      const kids = this.resolve(node.get('Kids'));
      if (isName(node.get('Type'), 'Pages') || Array.isArray(kids)) {
        if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
      } else out.push(ref);
    };
    walk(pages, 0);
    if (out.length === 0) throw new PdfReadError('the document has no pages');
    return out;
  }

  /** Inherited page attribute (MediaBox, CropBox, Rotate). */
  pageAttribute(pageRef: PdfRef, key: string): PdfValue | undefined {
    let node = this.dict(pageRef);
    for (let i = 0; node && i < 64; i++) {
      const v = node.get(key);
      if (v !== undefined) return this.resolve(v);
      node = this.dict(node.get('Parent'));
    }
    return undefined;
  }
}

export const nameOf = (v: PdfValue | undefined) => (v instanceof PdfName ? v.name : undefined);
