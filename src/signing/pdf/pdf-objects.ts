/**
 * The PDF object model we need for incremental updates, with a bounded parser (nesting depth,
 * input length) and a serializer. Strings keep their bytes, so re-serialised objects keep meaning.
 */

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfString {
  constructor(
    readonly bytes: Buffer,
    readonly hex = false,
  ) {}
  static text(s: string): PdfString {
    // ASCII stays PDFDocEncoding; anything else goes UTF-16BE with BOM (PDF 32000 §7.9.2.2).
    return /^[\x20-\x7e]*$/.test(s)
      ? new PdfString(Buffer.from(s, 'latin1'))
      : new PdfString(
          Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]),
          true,
        );
  }
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class PdfDict {
  readonly map: Map<string, PdfValue>;
  constructor(entries: Iterable<[string, PdfValue]> = []) {
    this.map = new Map(entries);
  }
  get(key: string): PdfValue | undefined {
    return this.map.get(key);
  }
  set(key: string, value: PdfValue): this {
    this.map.set(key, value);
    return this;
  }
  clone(): PdfDict {
    return new PdfDict(this.map);
  }
}
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** The encoded bytes between `stream` and `endstream`. */
    readonly data: Buffer,
  ) {}
}
/** Serialised verbatim: placeholders whose bytes are patched later. */
export class PdfRaw {
  constructor(readonly text: string) {}
}

export type PdfValue =
  | null
  | boolean
  | number
  | PdfName
  | PdfString
  | PdfRef
  | PdfDict
  | PdfStream
  | PdfRaw
  | PdfValue[];

export class PdfSyntaxError extends Error {
  override readonly name = 'PdfSyntaxError';
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const MAX_DEPTH = 64;
/** Bounds on one value, so memory stays proportional to (and not far above) the input. */
export const MAX_STRING_BYTES = 32 * 1024 * 1024;
export const MAX_ARRAY_ITEMS = 1_000_000;
export const MAX_DICT_ENTRIES = 100_000;
const ESCAPES: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };

const tooLong = () => new PdfSyntaxError(`string longer than ${MAX_STRING_BYTES} bytes`);

/** A byte buffer that grows by doubling up to MAX_STRING_BYTES. */
class StringBytes {
  private bytes = Buffer.allocUnsafe(64);
  private n = 0;

  push(c: number): void {
    if (this.n === this.bytes.length) {
      if (this.n >= MAX_STRING_BYTES) throw tooLong();
      const next = Buffer.allocUnsafe(Math.min(this.n * 2, MAX_STRING_BYTES));
      this.bytes.copy(next);
      this.bytes = next;
    }
    this.bytes[this.n++] = c;
  }

  done(): Buffer {
    return Buffer.from(this.bytes.subarray(0, this.n));
  }
}

export const isWhite = (c: number | undefined) => c !== undefined && WS.has(c);

/** A cursor over a buffer that reads PDF tokens and objects. */
export class PdfLexer {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}

  skipWs(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  /** A regular token (keyword or number) at the cursor, without consuming delimiters. */
  word(): string {
    this.skipWs();
    const start = this.pos;
    const b = this.buf;
    while (this.pos < b.length && !WS.has(b[this.pos]!) && !DELIM.has(b[this.pos]!)) this.pos++;
    return b.toString('latin1', start, this.pos);
  }

  peekWord(): string {
    const save = this.pos;
    const w = this.word();
    this.pos = save;
    return w;
  }

  expect(keyword: string): void {
    const w = this.word();
    if (w !== keyword)
      throw new PdfSyntaxError(`expected ${keyword} at ${this.pos}, found "${w.slice(0, 20)}"`);
  }

  /** Any object; `N G R` references are recognised. Streams are not handled here. */
  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('objects nested too deeply');
    this.skipWs();
    const b = this.buf;
    if (this.pos >= b.length) throw new PdfSyntaxError('unexpected end of file');
    const c = b[this.pos]!;
    if (c === 0x2f) return this.name();
    if (c === 0x28) return this.literalString();
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) return this.dict(depth);
      return this.hexString();
    }
    if (c === 0x5b) {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWs();
        if (this.pos >= b.length) throw new PdfSyntaxError('unterminated array');
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return arr;
        }
        if (arr.length >= MAX_ARRAY_ITEMS)
          throw new PdfSyntaxError(`array longer than ${MAX_ARRAY_ITEMS} items`);
        arr.push(this.value(depth + 1));
      }
    }
    const w = this.word();
    if (w === '')
      throw new PdfSyntaxError(`unexpected character 0x${c.toString(16)} at ${this.pos}`);
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w))
      throw new PdfSyntaxError(`unexpected token "${w.slice(0, 20)}"`);
    const n = Number(w);
    if (/^\d+$/.test(w)) {
      // Look ahead for "G R".
      const save = this.pos;
      const g = this.word();
      if (/^\d+$/.test(g) && this.word() === 'R') return new PdfRef(n, Number(g));
      this.pos = save;
    }
    return n;
  }

  private name(): PdfName {
    this.pos++;
    const start = this.pos;
    const b = this.buf;
    while (this.pos < b.length && !WS.has(b[this.pos]!) && !DELIM.has(b[this.pos]!)) this.pos++;
    const raw = b.toString('latin1', start, this.pos);
    return new PdfName(
      raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    );
  }

  private dict(depth: number): PdfDict {
    this.pos += 2;
    const d = new PdfDict();
    const b = this.buf;
    for (;;) {
      this.skipWs();
      if (this.pos >= b.length) throw new PdfSyntaxError('unterminated dictionary');
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return d;
      }
      if (d.map.size >= MAX_DICT_ENTRIES)
        throw new PdfSyntaxError(`dictionary larger than ${MAX_DICT_ENTRIES} entries`);
      const key = this.value(depth + 1);
      if (!(key instanceof PdfName))
        throw new PdfSyntaxError(`dictionary key is not a name at ${this.pos}`);
      d.set(key.name, this.value(depth + 1));
    }
  }

  private hexString(): PdfString {
    const end = this.buf.indexOf(0x3e, this.pos);
    if (end < 0) throw new PdfSyntaxError('unterminated hex string');
    // Whitespace may sit between the digits; beyond 4 characters per byte it is not a string.
    if (end - this.pos > 4 * MAX_STRING_BYTES) throw tooLong();
    let hex = this.buf.toString('latin1', this.pos + 1, end).replace(/[^0-9a-fA-F]/g, '');
    if (hex.length % 2) hex += '0';
    this.pos = end + 1;
    return new PdfString(Buffer.from(hex, 'hex'), true);
  }

  private literalString(): PdfString {
    const b = this.buf;
    const out = new StringBytes();
    let depth = 0;
    this.pos++;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x5c) {
        const n = b[this.pos++];
        if (n === undefined) break;
        if (ESCAPES[n] !== undefined) out.push(ESCAPES[n]);
        else if (n >= 0x30 && n <= 0x37) {
          let v = n - 0x30;
          // Up to two more octal digits: \ddd.
          for (let k = 0; k < 2 && isOctalDigit(b[this.pos]); k++)
            v = v * 8 + (b[this.pos++]! - 0x30);
          out.push(v & 0xff);
        } else if (n === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (n !== 0x0a) out.push(n);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (depth === 0) return new PdfString(out.done());
        depth--;
        out.push(c);
      } else out.push(c);
    }
    throw new PdfSyntaxError('unterminated string');
  }
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a PDF number: ${n}`);
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function escapeName(name: string): string {
  return name.replace(
    /[^!-~]|[#()<>[\]{}/%]/g,
    (c) => `#${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

function serializeDict(d: PdfDict): string {
  const entries = [...d.map].map(([k, x]) => `/${escapeName(k)} ${serialize(x)}`);
  return `<<${entries.join(' ')}>>`;
}

/** PDF syntax for a value (streams: dictionary only; see `serializeObject`). */
export function serialize(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  if (v instanceof PdfName) return `/${escapeName(v.name)}`;
  if (v instanceof PdfString) return `<${v.bytes.toString('hex')}>`;
  if (v instanceof PdfRef) return `${v.num} ${v.gen} R`;
  if (v instanceof PdfRaw) return v.text;
  if (Array.isArray(v)) return `[${v.map(serialize).join(' ')}]`;
  if (v instanceof PdfDict) return serializeDict(v);
  if (v instanceof PdfStream) return serialize(v.dict);
  throw new Error('unknown PDF value');
}

/** `N G obj … endobj` bytes; a stream's /Length is set from its data. */
export function serializeObject(ref: PdfRef, v: PdfValue): Buffer {
  const head = `${ref.num} ${ref.gen} obj\n`;
  if (v instanceof PdfStream) {
    const dict = v.dict.clone().set('Length', v.data.length);
    return Buffer.concat([
      Buffer.from(`${head}${serialize(dict)}\nstream\n`, 'latin1'),
      v.data,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
  }
  return Buffer.from(`${head}${serialize(v)}\nendobj\n`, 'latin1');
}

export const name = (n: string) => new PdfName(n);
export const isName = (v: PdfValue | undefined, n: string) => v instanceof PdfName && v.name === n;

function isOctalDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x37;
}
