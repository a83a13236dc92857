/**
 * What changed after a signed revision. Allowed: new signature dictionaries, signature widgets
 * and their appearance resources (forms, images, fonts), and the bookkeeping that attaches them
 * (catalog /AcroForm, AcroForm /Fields & /SigFlags, page /Annots, grown annotation arrays).
 * Anything else (page content, other objects) is reported as a disallowed change.
 */
import { PdfDict, PdfRef, PdfStream, type PdfValue, isName, serialize } from '../pdf/pdf-objects';
import type { PdfReader } from '../pdf/pdf-reader';

export interface ModificationReport {
  allowed: boolean;
  changes: string[];
}

function canon(v: PdfValue): string {
  return v instanceof PdfStream ? `${serialize(v.dict)}|${v.data.toString('hex')}` : serialize(v);
}

function sameExcept(a: PdfDict, b: PdfDict, keys: string[]): boolean {
  const all = new Set([...a.map.keys(), ...b.map.keys()]);
  for (const k of all) {
    if (keys.includes(k)) continue;
    const x = a.get(k);
    const y = b.get(k);
    if (x === undefined || y === undefined ? x !== y : canon(x) !== canon(y)) return false;
  }
  return true;
}

function newObjectAllowed(v: PdfValue): string | undefined {
  const d = v instanceof PdfStream ? v.dict : v instanceof PdfDict ? v : undefined;
  if (Array.isArray(v)) return undefined; // an /Annots or /Fields array
  if (!d) return 'new object';
  if (isName(d.get('Type'), 'Sig') || isName(d.get('Type'), 'XRef')) return undefined;
  if (isName(d.get('FT'), 'Sig') && isName(d.get('Subtype'), 'Widget')) return undefined;
  if (v instanceof PdfStream && (isName(d.get('Subtype'), 'Form') || isName(d.get('Subtype'), 'Image'))) return undefined; // prettier-ignore
  if (isName(d.get('Type'), 'Font') || isName(d.get('Type'), 'FontDescriptor')) return undefined;
  if (d.get('Fields') !== undefined) return undefined; // a new AcroForm
  if (v instanceof PdfStream && d.get('Length1') !== undefined) return undefined; // embedded font file
  return 'new object';
}

function changedObjectAllowed(before: PdfValue, after: PdfValue): boolean {
  if (Array.isArray(before) && Array.isArray(after)) {
    return before.every((x, i) => after[i] !== undefined && canon(x) === canon(after[i]!));
  }
  if (!(before instanceof PdfDict) || !(after instanceof PdfDict)) return false;
  if (isName(before.get('Type'), 'Catalog')) return sameExcept(before, after, ['AcroForm']);
  if (isName(before.get('Type'), 'Page')) return sameExcept(before, after, ['Annots']);
  if (before.get('Fields') !== undefined) return sameExcept(before, after, ['Fields', 'SigFlags', 'DR', 'DA']); // prettier-ignore
  return false;
}

/** Compares the state at the end of a revision with the file's final state. */
export function modificationsAfter(revision: PdfReader, full: PdfReader): ModificationReport {
  const end = revision.buf.length;
  const changed = new Set<number>();
  for (const s of full.sections) {
    if (s.offset < end) continue;
    for (const [num, e] of s.entries) if (e.type !== 0) changed.add(num);
  }
  const changes: string[] = [];
  let allowed = true;
  const isNew = (num: number) => !revision.xref.has(num) || revision.getObject(num) === null;
  // A new font's ToUnicode CMap: a stream without a /Type of its own.
  const toUnicode = new Set<number>();
  for (const num of changed) {
    const v = isNew(num) ? full.getObject(num) : undefined;
    const t =
      v instanceof PdfDict && isName(v.get('Type'), 'Font') ? v.get('ToUnicode') : undefined;
    if (t instanceof PdfRef && changed.has(t.num) && isNew(t.num)) toUnicode.add(t.num);
  }
  for (const num of [...changed].sort((a, b) => a - b)) {
    const after = full.getObject(num);
    const before = revision.xref.has(num) ? revision.getObject(num) : undefined;
    if (before === undefined || before === null) {
      const why =
        toUnicode.has(num) && after instanceof PdfStream ? undefined : newObjectAllowed(after);
      if (why) {
        allowed = false;
        changes.push(`object ${num}: ${why}`);
      }
    } else if (canon(before) !== canon(after)) {
      const ok = changedObjectAllowed(before, after);
      if (!ok) allowed = false;
      changes.push(`object ${num} modified${ok ? ' (signature bookkeeping)' : ''}`);
    }
  }
  return { allowed, changes };
}
