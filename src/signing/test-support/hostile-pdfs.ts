/**
 * Hostile PDFs, a few hundred bytes to a few hundred kilobytes each, that once exhausted memory or
 * looped (object counts not backed by bytes, zero-width xref rows, zip bombs, reference loops…),
 * and genuine signed letters to verify and to mutate. Test support only.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import type { TestPki } from '../../../scripts/test-support/pki';
import type { CmsSigner } from '../cms/signed-data';
import { signPdf } from '../pdf/sign-pdf';

const MB = 1024 * 1024;

/** An indirect object: `num 0 obj` + body + `endobj`. */
interface Obj {
  num: number;
  body: Buffer | string;
}

/** Bytes of `dict` followed by its stream data (with /Length set to the data's length). */
export function streamBody(dict: string, data: Buffer | string, length?: string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const head = dict.replace(/>>\s*$/, ` /Length ${length ?? bytes.length} >>`);
  return Buffer.concat([
    Buffer.from(`${head}\nstream\n`, 'latin1'),
    bytes,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

/** Writes the objects after a header; returns the bytes so far and each object's offset. */
function writeObjects(objects: Obj[]): {
  parts: Buffer[];
  offsets: Map<number, number>;
  at: number;
} {
  const parts = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets = new Map<number, number>();
  let at = parts[0]!.length;
  for (const o of objects) {
    offsets.set(o.num, at);
    const body = typeof o.body === 'string' ? Buffer.from(o.body, 'latin1') : o.body;
    const bytes = Buffer.concat([
      Buffer.from(`${o.num} 0 obj\n`, 'latin1'),
      body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(bytes);
    at += bytes.length;
  }
  return { parts, offsets, at };
}

const tail = (offset: number) => Buffer.from(`startxref\n${offset}\n%%EOF\n`, 'latin1');

/** A classic file: objects, an xref table of them, a trailer (`extra` entries added). */
export function tableFile(objects: Obj[], trailer: (xrefAt: number) => string): Buffer {
  const { parts, offsets, at } = writeObjects(objects);
  const size = Math.max(0, ...offsets.keys()) + 1;
  const rows = ['0000000000 65535 f \n'];
  for (let n = 1; n < size; n++) {
    const off = offsets.get(n);
    rows.push(
      off === undefined ? '0000000000 65535 f \n' : `${String(off).padStart(10, '0')} 00000 n \n`,
    );
  }
  const table = `xref\n0 ${size}\n${rows.join('')}trailer\n<< /Size ${size} ${trailer(at)} >>\n`;
  return Buffer.concat([...parts, Buffer.from(table, 'latin1'), tail(at)]);
}

/** Where an object lives, for an xref stream row. */
type Row = { type: 1; num: number } | { type: 2; num: number; stream: number; index: number };

/**
 * Objects ended by an xref stream (object `xrefNum`) with /W [1 4 2]; `dictExtra` adds or
 * overrides entries, `data` replaces the rows written.
 */
export function xrefStreamFile(
  objects: Obj[],
  rows: Row[],
  xrefNum: number,
  dictExtra = '',
  data?: Buffer,
): Buffer {
  const { parts, offsets, at } = writeObjects(objects);
  const size = xrefNum + 1;
  const table = Buffer.alloc(size * 7);
  table.writeUInt8(0, 0);
  table.writeUInt16BE(65535, 5);
  const put = (num: number, type: number, f2: number, f3: number) => {
    table.writeUInt8(type, num * 7);
    table.writeUInt32BE(f2, num * 7 + 1);
    table.writeUInt16BE(f3, num * 7 + 5);
  };
  for (const r of rows) {
    if (r.type === 1) put(r.num, 1, offsets.get(r.num)!, 0);
    else put(r.num, 2, r.stream, r.index);
  }
  put(xrefNum, 1, at, 0);
  const dict = `<< /Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R ${dictExtra} >>`;
  const xref = Buffer.concat([
    Buffer.from(`${xrefNum} 0 obj\n`, 'latin1'),
    streamBody(dict, data ?? table),
    Buffer.from('\nendobj\n', 'latin1'),
  ]);
  return Buffer.concat([...parts, xref, tail(at)]);
}

const CATALOG = '<< /Type /Catalog /Pages 2 0 R /AcroForm 3 0 R >>';
const PAGES = '<< /Type /Pages /Kids [4 0 R] /Count 1 >>';
const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';

/**
 * The catalog (object 1) inside object stream 5 whose dictionary and data are given; pages and
 * the rest are plain objects; xref stream 6.
 */
function catalogInObjectStream(dict: string, data: Buffer | string, length?: string): Buffer {
  return xrefStreamFile(
    [
      { num: 2, body: PAGES },
      { num: 3, body: '<< /Fields [] >>' },
      { num: 4, body: PAGE },
      { num: 5, body: streamBody(dict, data, length) },
    ],
    [
      { type: 2, num: 1, stream: 5, index: 0 },
      { type: 1, num: 2 },
      { type: 1, num: 3 },
      { type: 1, num: 4 },
      { type: 1, num: 5 },
    ],
    6,
  );
}

/** An object-stream body "1 0 <catalog>" and its /First. */
const objStmData = (catalog = CATALOG) => ({ data: `1 0 ${catalog}`, first: 4 });

/** A plain classic file whose AcroForm (object 3) is the given body. */
function withAcroForm(acroForm: Buffer | string, trailerExtra = ''): Buffer {
  return tableFile(
    [
      { num: 1, body: CATALOG },
      { num: 2, body: PAGES },
      { num: 3, body: acroForm },
      { num: 4, body: PAGE },
    ],
    () => `/Root 1 0 R ${trailerExtra}`,
  );
}

let zeros: Buffer | undefined;
/** Deflate of 80 MB of zero bytes (≈80 KB): beyond the 64 MB a stream may decode to. */
export function zipBomb(): Buffer {
  zeros ??= deflateSync(Buffer.alloc(80 * MB), { level: 9 });
  return zeros;
}

/** A classic file whose trailer /Prev points back at its own xref table. */
function prevLoop(): Buffer {
  const plain = withAcroForm('<< /Fields [] >>');
  const at = /startxref\n(\d+)/.exec(plain.toString('latin1'))![1]!;
  return Buffer.from(
    plain.toString('latin1').replace('trailer\n<<', `trailer\n<< /Prev ${at}`),
    'latin1',
  );
}

/**
 * A hybrid file: the table's /XRefStm names an xref stream whose /Prev leads back to the table
 * (and whose /XRefStm names itself).
 */
function xrefStmLoop(): Buffer {
  const objects: Obj[] = [
    { num: 1, body: CATALOG },
    { num: 2, body: PAGES },
    { num: 3, body: '<< /Fields [] >>' },
    { num: 4, body: PAGE },
  ];
  const { parts, offsets, at } = writeObjects(objects);
  const rows = Buffer.alloc(5 * 7);
  for (const [num, off] of offsets) {
    rows.writeUInt8(1, num * 7);
    rows.writeUInt32BE(off, num * 7 + 1);
  }
  const tableAt = at + 400; // where the table will start: the stream is padded to reach it
  const stm = Buffer.concat([
    Buffer.from('5 0 obj\n', 'latin1'),
    streamBody(
      `<< /Type /XRef /Size 5 /W [1 4 2] /Prev ${tableAt} /XRefStm ${at} /Root 1 0 R >>`,
      rows,
    ),
    Buffer.from('\nendobj\n', 'latin1'),
  ]);
  const pad = Buffer.alloc(tableAt - at - stm.length, 0x20);
  const entries = [...offsets.values()].map((o) => `${String(o).padStart(10, '0')} 00000 n \n`);
  const table = `xref\n0 5\n0000000000 65535 f \n${entries.join('')}trailer\n<< /Size 5 /Root 1 0 R /XRefStm ${at} /Prev ${at} >>\n`;
  return Buffer.concat([...parts, stm, pad, Buffer.from(table, 'latin1'), tail(tableAt)]);
}

/** Object stream 5 whose /Length is object 1, which lives inside object stream 5. */
function lengthInOwnObjectStream(): Buffer {
  const { data, first } = objStmData();
  return catalogInObjectStream(`<< /Type /ObjStm /N 1 /First ${first} >>`, data, '1 0 R');
}

/** An object stream holding one array of 1.1 million numbers (≈2 MB decoded, 2 KB encoded). */
function hugeArray(): Buffer {
  const catalog = `<< /Type /Catalog /Pages 2 0 R /X [${'0 '.repeat(1_100_000)}] >>`;
  const { data, first } = objStmData(catalog);
  return catalogInObjectStream(
    `<< /Type /ObjStm /N 1 /First ${first} /Filter /FlateDecode >>`,
    deflateSync(data),
  );
}

/** An object stream holding one string of 40 MB (≈40 KB encoded). */
function hugeString(): Buffer {
  const catalog = Buffer.concat([
    Buffer.from('<< /Type /Catalog /Pages 2 0 R /X (', 'latin1'),
    Buffer.alloc(40 * MB, 0x61),
    Buffer.from(') >>', 'latin1'),
  ]);
  const data = Buffer.concat([Buffer.from('1 0 ', 'latin1'), catalog]);
  return catalogInObjectStream(
    '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>',
    deflateSync(data),
  );
}

/**
 * Within every bound of the reader, but 30 arrays of a million empty arrays each (over 1 GB of
 * heap) from 60 MB decoded: only the worker's heap limit stops it.
 */
export function heapHungry(): Buffer {
  const arrays = Array.from({ length: 30 }, (_, i) => `/A${i} [${'[]'.repeat(999_999)}]`);
  const catalog = `<< /Type /Catalog /Pages 2 0 R ${arrays.join(' ')} >>`;
  const { data, first } = objStmData(catalog);
  const dict = `<< /Type /ObjStm /N 1 /First ${first} /Filter /FlateDecode >>`;
  return catalogInObjectStream(dict, deflateSync(data, { level: 1 }));
}

export interface HostilePdf {
  name: string;
  bytes: () => Buffer;
  /** The reader's refusal (English reason); undefined when the file is merely not signed. */
  reason?: RegExp;
}

/** Each class of hostile input the reader must refuse quickly, with the reason expected. */
export const hostilePdfs: HostilePdf[] = [
  {
    name: 'object stream claiming 100,000,000 objects',
    bytes: () =>
      catalogInObjectStream('<< /Type /ObjStm /N 100000000 /First 4 >>', objStmData().data),
    reason: /claims 100000000 objects in a 4-byte header/,
  },
  {
    name: 'object stream whose /First lies beyond its data',
    bytes: () => catalogInObjectStream('<< /Type /ObjStm /N 1 /First 5000 >>', objStmData().data),
    reason: /\/First 5000 beyond its \d+ bytes/,
  },
  {
    name: 'xref stream /W [0 0 0] with a huge /Index',
    bytes: () =>
      xrefStreamFile(
        [{ num: 1, body: CATALOG }],
        [{ type: 1, num: 1 }],
        2,
        '/W [0 0 0] /Index [0 100000000]',
        Buffer.alloc(0),
      ),
    reason: /zero width/,
  },
  {
    name: 'xref stream /Index × /W beyond its data',
    bytes: () =>
      xrefStreamFile(
        [{ num: 1, body: CATALOG }],
        [{ type: 1, num: 1 }],
        2,
        '/Index [0 3 100 5000000]',
      ),
    reason: /declares 5000003 entries of 7 bytes but holds 21 bytes/,
  },
  {
    name: 'xref stream with a huge declared /Size',
    bytes: () =>
      xrefStreamFile([{ num: 1, body: CATALOG }], [{ type: 1, num: 1 }], 2, '/Size 2000000000'),
    reason: /exceed 8388607/,
  },
  {
    name: 'xref stream /W entries not integers from 0 to 8',
    bytes: () =>
      xrefStreamFile([{ num: 1, body: CATALOG }], [{ type: 1, num: 1 }], 2, '/W [1 4.5 2]'),
    reason: /\/W/,
  },
  {
    name: 'zip bomb: an object stream inflating to 80 MB',
    bytes: () =>
      catalogInObjectStream('<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', zipBomb()),
    reason: /decompresses to more than 64 MB/,
  },
  {
    name: 'deeply nested arrays',
    bytes: () =>
      tableFile(
        [{ num: 1, body: `<< /Type /Catalog /X ${'['.repeat(100_000)} >>` }],
        () => '/Root 1 0 R',
      ),
    reason: /nested too deeply/,
  },
  {
    name: 'xref /Prev loop',
    bytes: prevLoop,
    reason: /loop/,
  },
  {
    name: 'xref /XRefStm loop',
    bytes: xrefStmLoop,
    reason: /loop/,
  },
  {
    name: '/Length referring to its own stream',
    bytes: () => withAcroForm(streamBody('<< /Fields [] >>', 'hello', '3 0 R')),
    reason: /object 3 refers to itself/,
  },
  {
    name: 'object stream whose /Length lives inside itself',
    bytes: lengthInOwnObjectStream,
    reason: /object 1 refers to itself/,
  },
  {
    name: '/Filter array of 10,000 FlateDecode',
    bytes: () =>
      catalogInObjectStream(
        `<< /Type /ObjStm /N 1 /First 4 /Filter [${'/FlateDecode '.repeat(10_000)}] >>`,
        deflateSync(objStmData().data),
      ),
    reason: /chain of 10000 stream filters/,
  },
  {
    name: 'array of 1.1 million items',
    bytes: hugeArray,
    reason: /array longer than 1000000 items/,
  },
  {
    name: 'string of 40 MB',
    bytes: hugeString,
    reason: /string longer than 33554432 bytes/,
  },
  {
    name: 'classic trailer with a huge declared /Size',
    bytes: () => withAcroForm('<< /Fields [] >>', '/Size 99999999999999'),
  },
];

/** A signer of the test PKI (EC or RSA key) for `signPdf`. */
export function testSigner(cert: TestPki['signerEc']): CmsSigner {
  const key = createPrivateKey(cert.keyPem);
  return {
    certificate: cert.certDer,
    keyType: cert.kind === 'ec' ? 'ec' : 'rsa',
    sign: async (d) => sign('sha256', d, key),
  };
}

/**
 * A two-page letter signed twice (EC then RSA signer, both chained through the intermediate),
 * with a classic xref table (`objectStreams` false) or xref and object streams.
 */
export async function signedLetter(pki: TestPki, objectStreams: boolean): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const n of [1, 2]) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`GIAY GIOI THIEU - trang ${n}`, { x: 60, y: 760, size: 14, font });
  }
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: objectStreams }));
  const cms = { chain: [pki.intermediate.certDer] };
  // Now: the test PKI's certificates are valid from their creation a moment ago.
  const time = new Date();
  const once = await signPdf(
    unsigned,
    testSigner(pki.signerEc),
    { signerName: 'Nguyễn Văn An', time },
    cms,
  );
  return signPdf(
    once,
    testSigner(pki.signerRsa),
    { signerName: 'Trần Thị Bình', rect: [40, 40, 180, 80], time },
    cms,
  );
}
