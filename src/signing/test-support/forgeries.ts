/**
 * An attacker's incremental updates to a signed PDF, written by hand (raw objects and xref
 * sections, as a hostile tool would). The certification signer for DocMDP cases is in
 * hand-signer.ts. Test support only.
 */
import { PdfDict, PdfRef, PdfString, type PdfValue, serialize } from '../pdf/pdf-objects';
import { PdfReader } from '../pdf/pdf-reader';
import type { XrefEntry } from '../pdf/pdf-xref';

export interface RawObject {
  num: number;
  gen?: number;
  /** What goes between `N G obj` and `endobj`. */
  body: string;
}

/** `<<dict /Length n>> stream … endstream` (uncompressed). */
export function rawStream(dict: string, data: string): string {
  return `<<${dict} /Length ${Buffer.byteLength(data, 'latin1')}>>\nstream\n${data}\nendstream`;
}

type XrefStyle = 'table' | 'hidden-in-xrefstm';

function xrefTable(rows: [number, number][]): string {
  let table = 'xref\n';
  for (const [num, offset] of rows) {
    table += `${num} 1\n${String(offset).padStart(10, '0')} 00000 n\r\n`;
  }
  return table;
}

/**
 * Appends objects and a cross-reference section. `hidden-in-xrefstm`: an empty xref table whose
 * trailer's /XRefStm points at an xref stream that holds the real entries (a hybrid file).
 */
export function appendRevision(
  pdf: Buffer,
  objects: RawObject[],
  options: { style?: XrefStyle; prev?: number; trailer?: Record<string, string> } = {},
): Buffer {
  const reader = new PdfReader(pdf);
  const parts: string[] = [pdf[pdf.length - 1] === 0x0a ? '' : '\n'];
  let at = pdf.length + parts[0]!.length;
  const rows: [number, number][] = [];
  for (const o of objects) {
    const text = `${o.num} ${o.gen ?? 0} obj\n${o.body}\nendobj\n`;
    rows.push([o.num, at]);
    parts.push(text);
    at += Buffer.byteLength(text, 'latin1');
  }
  const trailer: Record<string, string> = {
    Size: String(Math.max(reader.size, ...objects.map((o) => o.num + 2))),
    Root: serialize(reader.trailer.get('Root')!),
    Prev: String(options.prev ?? reader.lastXrefOffset),
    ...options.trailer,
  };
  const info = reader.trailer.get('Info');
  if (info && !trailer.Info) trailer.Info = serialize(info);
  if (options.style === 'hidden-in-xrefstm') {
    const xrefNum = Number(trailer.Size) - 1;
    const data = Buffer.alloc(rows.length * 7);
    rows.forEach(([, offset], i) => {
      data[i * 7] = 1;
      data.writeUInt32BE(offset, i * 7 + 1);
    });
    const index = rows.map(([num]) => `${num} 1`).join(' ');
    const stmOffset = at;
    const head = `${xrefNum} 0 obj\n<</Type /XRef /Size ${trailer.Size} /W [1 4 2] /Index [${index}] /Length ${data.length}>>\nstream\n`;
    const tail = '\nendstream\nendobj\n';
    parts.push(head + data.toString('latin1') + tail);
    at += Buffer.byteLength(head, 'latin1') + data.length + tail.length;
    trailer.XRefStm = String(stmOffset);
    parts.push(`xref\ntrailer\n${dictText(trailer)}\nstartxref\n${at}\n%%EOF\n`);
  } else {
    parts.push(`${xrefTable(rows)}trailer\n${dictText(trailer)}\nstartxref\n${at}\n%%EOF\n`);
  }
  return Buffer.concat([pdf, Buffer.from(parts.join(''), 'latin1')]);
}

const dictText = (entries: Record<string, string>) =>
  `<<${Object.entries(entries)
    .map(([k, v]) => `/${k} ${v}`)
    .join(' ')}>>`;

/** The page an attacker targets, with its content stream object. */
export function targetPage(pdf: Buffer, index = 0) {
  const reader = new PdfReader(pdf);
  const ref = reader.pageRefs()[index]!;
  const page = reader.dict(ref)!;
  const contents = page.get('Contents');
  const first = Array.isArray(contents) ? contents[0] : contents;
  if (!(first instanceof PdfRef)) throw new Error('page content is not an indirect stream');
  return { reader, ref, page, contentNum: first.num };
}

const FORGED_CONTENT = 'q 1 0 0 rg 60 500 300 120 re f Q BT /F1 24 Tf 80 550 Td (Da duyet) Tj ET';

/** Forgery 1: a hybrid update (empty table, /XRefStm) that redefines the page's content stream. */
export function redefineContentInXRefStm(pdf: Buffer): { pdf: Buffer; object: number } {
  const { contentNum } = targetPage(pdf);
  const body = rawStream('', FORGED_CONTENT);
  return {
    pdf: appendRevision(pdf, [{ num: contentNum, body }], { style: 'hidden-in-xrefstm' }),
    object: contentNum,
  };
}

/**
 * A section that re-lists the signed revision's entries as they were, but whose /Prev skips the
 * signed revision's own section: the final state equals the signed one, the chain does not.
 */
export function bypassSignedSection(pdf: Buffer): Buffer {
  const reader = new PdfReader(pdf);
  const [signed, older] = reader.sections;
  if (!signed || !older || signed.kind !== 'table')
    throw new Error('needs a table after an earlier section');
  const rows = [...signed.entries].filter(
    (r): r is [number, Extract<XrefEntry, { type: 1 }>] => r[1].type === 1,
  );
  let table = 'xref\n';
  for (const [num, e] of rows)
    table += `${num} 1\n${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
  const trailer = signed.trailer.clone().set('Prev', older.offset);
  const at = pdf.length;
  return Buffer.concat([
    pdf,
    Buffer.from(`${table}trailer\n${serialize(trailer)}\nstartxref\n${at}\n%%EOF\n`, 'latin1'),
  ]);
}

/**
 * Before signing: the page's content stream gets an indirect /Length and data with "endstream"
 * inside, so that a shorter /Length in another object also ends at an `endstream` keyword.
 */
export function withIndirectLength(pdf: Buffer): {
  pdf: Buffer;
  lengthNum: number;
  shorter: number;
} {
  const { reader, contentNum } = targetPage(pdf);
  const lengthNum = reader.size;
  const kept = 'q 0 0 1 rg 60 400 100 100 re f Q';
  const data = `${kept}\nendstream\nBT /F1 24 Tf 80 550 Td (Ban goc) Tj ET`;
  const body = `<</Length ${lengthNum} 0 R>>\nstream\n${data}\nendstream`;
  const objects = [
    { num: contentNum, body },
    { num: lengthNum, body: String(data.length) },
  ];
  return { pdf: appendRevision(pdf, objects), lengthNum, shorter: kept.length };
}

/** An object redefined as a bare number (e.g. a stream's indirect /Length). */
export function redefineNumber(pdf: Buffer, num: number, value: number): Buffer {
  return appendRevision(pdf, [{ num, body: String(value) }]);
}

/**
 * A chain of `depth` dictionaries from `first` on, each referring to the next twice, hung on the
 * catalog under /PieceInfo: compared naively across two numberings it takes 2^depth steps.
 */
export function hangGraph(pdf: Buffer, first: number, depth: number): Buffer {
  const reader = new PdfReader(pdf);
  const objects: RawObject[] = [];
  for (let i = 0; i < depth; i++) {
    const next = i + 1 < depth ? `${first + i + 1} 0 R` : 'null';
    objects.push({ num: first + i, body: `<</A ${next} /B ${next} /Level ${i}>>` });
  }
  const catalog = reader.dict(reader.catalogRef)!.clone().set('PieceInfo', new PdfRef(first, 0));
  objects.push(rewrite(reader.catalogRef.num, catalog, reader.catalogRef.gen));
  return appendRevision(pdf, objects);
}

/** Rewrites an existing object (or adds one) with a value. */
const rewrite = (num: number, v: PdfValue, gen = 0): RawObject => ({
  num,
  gen,
  body: serialize(v),
});

/**
 * The objects that add `annot` to the page's /Annots (the array object or the page) and,
 * optionally, to the AcroForm's /Fields.
 */
function attach(reader: PdfReader, pageRef: PdfRef, annot: PdfRef, asField: boolean): RawObject[] {
  const out: RawObject[] = [];
  const page = reader.dict(pageRef)!;
  const annotsVal = page.get('Annots');
  const annots = [...((reader.resolve(annotsVal) as PdfValue[] | undefined) ?? []), annot];
  if (annotsVal instanceof PdfRef) out.push(rewrite(annotsVal.num, annots));
  else out.push(rewrite(pageRef.num, page.clone().set('Annots', annots)));
  if (asField) {
    const catalogRef = reader.catalogRef;
    const acroVal = reader.dict(catalogRef)!.get('AcroForm');
    const acro = reader.dict(acroVal)!.clone();
    const fields = [
      ...((reader.resolve(acro.get('Fields')) as PdfValue[] | undefined) ?? []),
      annot,
    ];
    acro.set('Fields', fields);
    if (acroVal instanceof PdfRef) out.push(rewrite(acroVal.num, acro));
    else out.push(rewrite(catalogRef.num, reader.dict(catalogRef)!.clone().set('AcroForm', acro)));
  }
  return out;
}

const OVERLAY =
  '1 1 1 rg 0 0 340 120 re f 0 0 0 rg BT /Helv 18 Tf 10 50 Td (Nguyen Van Gia mao) Tj ET';

/** Forgery 2: an unsigned signature widget (no /V) whose appearance paints over the page. */
export function unsignedWidgetOverlay(pdf: Buffer): { pdf: Buffer; widget: number } {
  const { reader, ref } = targetPage(pdf);
  const ap = reader.size;
  const widget = ap + 1;
  const font = '<</Font <</Helv <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>>>>>';
  const objects: RawObject[] = [
    {
      num: ap,
      body: rawStream(
        `/Type /XObject /Subtype /Form /BBox [0 0 340 120] /Resources ${font}`,
        OVERLAY,
      ),
    },
    {
      num: widget,
      body: `<</Type /Annot /Subtype /Widget /FT /Sig /T (Sig9) /F 4 /Rect [40 40 380 160] /P ${ref.num} 0 R /AP <</N ${ap} 0 R>>>>`,
    },
    ...attach(reader, ref, new PdfRef(widget, 0), true),
  ];
  return { pdf: appendRevision(pdf, objects), widget };
}

/** A free-text annotation ("approved") on the page. */
export function addFreeText(pdf: Buffer): { pdf: Buffer; annotation: number } {
  const { reader, ref } = targetPage(pdf);
  const num = reader.size;
  const objects: RawObject[] = [
    {
      num,
      body: `<</Type /Annot /Subtype /FreeText /Rect [60 600 360 640] /Contents (Da duyet) /DA (/Helv 14 Tf 1 0 0 rg) /P ${ref.num} 0 R>>`,
    },
    ...attach(reader, ref, new PdfRef(num, 0), false),
  ];
  return { pdf: appendRevision(pdf, objects), annotation: num };
}

/** Another content stream appended to the page's /Contents. */
export function appendPageContent(pdf: Buffer): { pdf: Buffer; page: number } {
  const { reader, ref, page } = targetPage(pdf);
  const num = reader.size;
  const contents = page.get('Contents');
  const list = Array.isArray(contents) ? contents : [contents!];
  const objects = [
    { num, body: rawStream('', FORGED_CONTENT) },
    rewrite(ref.num, page.clone().set('Contents', [...list, new PdfRef(num, 0)])),
  ];
  return { pdf: appendRevision(pdf, objects), page: ref.num };
}

/**
 * The page's resources gain a soft-mask graphics state (direct resources: the page is rewritten).
 */
export function changePageResources(pdf: Buffer): { pdf: Buffer; object: number } {
  const { reader, ref, page } = targetPage(pdf);
  const resVal = page.get('Resources');
  const res = reader.dict(resVal)!.clone();
  res.set(
    'ExtGState',
    new PdfDict([
      [
        'GSx',
        new PdfDict([
          ['CA', 0.05],
          ['ca', 0.05],
        ]),
      ],
    ]),
  );
  const object = resVal instanceof PdfRef ? resVal.num : ref.num;
  const value = resVal instanceof PdfRef ? res : page.clone().set('Resources', res);
  return { pdf: appendRevision(pdf, [rewrite(object, value)]), object };
}

/** The catalog gains an entry (e.g. /OpenAction). */
export function setCatalogEntry(
  pdf: Buffer,
  key: string,
  value: PdfValue,
): { pdf: Buffer; object: number } {
  const reader = new PdfReader(pdf);
  const catalogRef = reader.catalogRef;
  const catalog = reader.dict(catalogRef)!.clone().set(key, value);
  return {
    pdf: appendRevision(pdf, [rewrite(catalogRef.num, catalog, catalogRef.gen)]),
    object: catalogRef.num,
  };
}

/** A text string's value: UTF-16BE with a byte order mark, or PDFDocEncoding (as Latin-1). */
const textOf = (s: PdfString) =>
  s.bytes[0] === 0xfe && s.bytes[1] === 0xff
    ? Buffer.from(s.bytes.subarray(2)).swap16().toString('utf16le')
    : s.bytes.toString('latin1');

/** A text field's value changed (the field found by its /T). */
export function changeFieldValue(
  pdf: Buffer,
  fieldName: string,
  value: string,
): { pdf: Buffer; object: number } {
  const reader = new PdfReader(pdf);
  const acro = reader.dict(reader.dict(reader.catalogRef)!.get('AcroForm'))!;
  const fields = (reader.resolve(acro.get('Fields')) as PdfValue[]).filter(
    (f): f is PdfRef => f instanceof PdfRef,
  );
  const field = fields.find((f) => {
    const t = reader.dict(f)?.get('T');
    return t instanceof PdfString && textOf(t) === fieldName;
  });
  if (!field) throw new Error(`no field ${fieldName}`);
  const dict = reader.dict(field)!.clone().set('V', PdfString.text(value));
  return { pdf: appendRevision(pdf, [rewrite(field.num, dict)]), object: field.num };
}

/** The document information dictionary rewritten with another /Title. */
export function changeInfo(pdf: Buffer, title: string): { pdf: Buffer; object: number } {
  const reader = new PdfReader(pdf);
  const info = reader.trailer.get('Info');
  if (!(info instanceof PdfRef)) throw new Error('no indirect /Info');
  const dict = (reader.dict(info) ?? new PdfDict()).clone().set('Title', PdfString.text(title));
  return { pdf: appendRevision(pdf, [rewrite(info.num, dict)]), object: info.num };
}

/**
 * PDF syntax for a value spelled differently: keys reversed, literal strings, padded reals,
 * newlines.
 */
function respellValue(v: PdfValue): string {
  if (typeof v === 'number' && !Number.isInteger(v)) return `${v.toFixed(4)}`;
  if (v instanceof PdfString) {
    return `(${[...v.bytes].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('')})`;
  }
  if (Array.isArray(v)) return `[ ${v.map(respellValue).join('  ')} ]`;
  if (v instanceof PdfDict) {
    const entries = [...v.map].reverse().map(([k, x]) => `/${k}\n   ${respellValue(x)}`);
    return `<<\n${entries.join('\n')}\n>>`;
  }
  return serialize(v);
}

/**
 * The catalog, the page and the AcroForm rewritten with the same meaning, spelled differently;
 * the page's /MediaBox moved into an object of its own.
 */
export function respell(pdf: Buffer): Buffer {
  const { reader, ref, page } = targetPage(pdf);
  const catalogRef = reader.catalogRef;
  const boxNum = reader.size;
  const box = page.get('MediaBox');
  const objects: RawObject[] = [
    { num: catalogRef.num, body: respellValue(reader.dict(catalogRef)!) },
    {
      num: ref.num,
      body: respellValue(box ? page.clone().set('MediaBox', new PdfRef(boxNum, 0)) : page),
    },
  ];
  if (box) objects.push({ num: boxNum, body: respellValue(reader.resolve(box)!) });
  const acroVal = reader.dict(catalogRef)!.get('AcroForm');
  if (acroVal instanceof PdfRef)
    objects.push({ num: acroVal.num, body: respellValue(reader.dict(acroVal)!) });
  return appendRevision(pdf, objects);
}

/** An unsigned signature field (no /V, no appearance) on the first page, as forms carry them. */
export function addEmptySignatureField(pdf: Buffer, title: string): { pdf: Buffer; field: number } {
  const { reader, ref } = targetPage(pdf);
  const field = reader.size;
  const widget = `<</Type /Annot /Subtype /Widget /FT /Sig /T (${title}) /F 4 /Rect [300 60 500 140] /P ${ref.num} 0 R>>`;
  const objects = [
    { num: field, body: widget },
    ...attach(reader, ref, new PdfRef(field, 0), true),
  ];
  return { pdf: appendRevision(pdf, objects), field };
}
