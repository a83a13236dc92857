/**
 * Walks the final object state from the trailer and records, for every object number reached,
 * the realms it is reachable from (policy.ts) and the first key that reached it (to name it).
 * Signature stop points (new fields with a verified /V and their widgets) start the signature
 * realm wherever they are referenced from.
 */
import { PdfDict, PdfRef, PdfStream, type PdfValue, isName } from '../../pdf/pdf-objects';
import { nameOf, type PdfReader } from '../../pdf/pdf-reader';
import { readObject } from './effective-state';
import { REALM_ENTRIES, type Realm, type RealmHolder } from './policy';

export interface Reach {
  realms: Set<Realm>;
  /** The key through which the object was first reached, and the holder's object number. */
  via: { from: number | null; key: string };
  /** Every object referring to it (null: the trailer). */
  referrers: Set<number | null>;
}

/** Deeper than the parser's own nesting limit: no reference is left unwalked. */
const MAX_VALUE_DEPTH = 256;

export function reachability(reader: PdfReader, stopPoints: Set<number>): Map<number, Reach> {
  const out = new Map<number, Reach>();
  const queue: { num: number; realm: Realm }[] = [];
  const catalog = safeDict(reader, reader.trailer.get('Root'));
  const acroForm = catalog && safeDict(reader, catalog.get('AcroForm'));
  const holderOf = (d: PdfDict): RealmHolder | undefined =>
    d === reader.trailer
      ? 'trailer'
      : d === catalog
        ? 'catalog'
        : d === acroForm
          ? 'acroForm'
          : undefined;

  const reach = (ref: PdfRef, realm: Realm, from: number | null, key: string) => {
    const r = stopPoints.has(ref.num) ? 'signature' : realm;
    let entry = out.get(ref.num);
    if (!entry)
      out.set(ref.num, (entry = { realms: new Set(), via: { from, key }, referrers: new Set() }));
    entry.referrers.add(from);
    if (entry.realms.has(r)) return;
    entry.realms.add(r);
    queue.push({ num: ref.num, realm: r });
  };
  const walk = (
    v: PdfValue | undefined,
    realm: Realm,
    from: number | null,
    key: string,
    depth: number,
  ) => {
    if (depth > MAX_VALUE_DEPTH) return;
    if (v instanceof PdfRef) reach(v, realm, from, key);
    else if (Array.isArray(v)) {
      // Numbers make up most long arrays (glyph widths): only objects can hold references.
      for (const x of v)
        if (typeof x === 'object' && x !== null) walk(x, realm, from, key, depth + 1);
    } else if (v instanceof PdfStream) walkDict(v.dict, realm, from, depth + 1);
    else if (v instanceof PdfDict) walkDict(v, realm, from, depth + 1);
  };
  const walkDict = (d: PdfDict, realm: Realm, from: number | null, depth: number) => {
    const holder = holderOf(d);
    for (const [k, v] of d.map) {
      const entry = holder && REALM_ENTRIES.find((e) => e.holder === holder && e.key === k);
      walk(v, entry ? entry.realm : realm, from, k, depth);
    }
  };

  walkDict(reader.trailer, 'document', null, 0);
  while (queue.length > 0) {
    const { num, realm } = queue.pop()!;
    walk(readObject(reader, num) ?? undefined, realm, num, '', 0);
  }
  return out;
}

function safeDict(reader: PdfReader, v: PdfValue | undefined): PdfDict | undefined {
  try {
    return reader.dict(v);
  } catch {
    return undefined;
  }
}

const KIND_BY_TYPE: Readonly<Record<string, string>> = {
  Catalog: 'catalog',
  Pages: 'page tree',
  Page: 'page',
  Sig: 'signature',
  DocTimeStamp: 'document timestamp',
  Font: 'font',
  FontDescriptor: 'font descriptor',
  Encoding: 'encoding',
  CMap: 'CMap',
  Metadata: 'metadata',
  ObjStm: 'object stream',
  XRef: 'xref stream',
  DSS: 'DSS',
  VRI: 'VRI',
  ExtGState: 'graphics state',
};

const KIND_BY_KEY: Readonly<Record<string, string>> = {
  Contents: 'page content',
  Resources: 'resources',
  Annots: 'annotations',
  Fields: 'form fields',
  Kids: 'node',
  Info: 'document info',
  Metadata: 'metadata',
  DSS: 'DSS',
  DR: 'form resources',
  FontFile: 'font program',
  FontFile2: 'font program',
  FontFile3: 'font program',
  ToUnicode: 'ToUnicode CMap',
  DescendantFonts: 'font',
  CIDToGIDMap: 'font data',
  Encoding: 'encoding',
  N: 'appearance',
  Certs: 'DSS certificate',
  OCSPs: 'DSS OCSP response',
  CRLs: 'DSS CRL',
  OpenAction: 'action',
  AA: 'action',
  A: 'action',
};

/** A short name for what an object is: its /Type, /Subtype, /FT, or the key reaching it. */
export function kindOf(value: PdfValue | undefined, via: Reach['via'] | undefined): string {
  const d = value instanceof PdfStream ? value.dict : value instanceof PdfDict ? value : undefined;
  const subtype = d?.get('Subtype');
  if (d && isName(d.get('Subtype'), 'Widget'))
    return isName(d.get('FT'), 'Sig') ? 'signature widget' : 'widget';
  if (d && (isName(d.get('Type'), 'Annot') || (subtype && d.get('Rect') !== undefined))) {
    const sub = nameOf(subtype);
    return sub ? `annotation (${sub})` : 'annotation';
  }
  if (d && isName(d.get('FT'), 'Sig')) return 'signature field';
  if (d && d.get('FT') !== undefined) return 'form field';
  const type = nameOf(d?.get('Type'));
  if (type && KIND_BY_TYPE[type]) return KIND_BY_TYPE[type]!;
  if (value instanceof PdfStream && isName(subtype, 'Image')) return 'image';
  if (value instanceof PdfStream && isName(subtype, 'Form'))
    return via?.key === 'N' ? 'appearance' : 'form XObject';
  return (via && KIND_BY_KEY[via.key]) ?? 'object';
}
