/**
 * The difference analysis of one signature: the effective state at the end of its revision
 * against the state at the end of the file, every differing object judged by the policy.
 * One file over 400 lines: one analysis; the later signatures' realm, DocMDP and the rules per
 * object judge the same two states with the same resolving helpers.
 */
import { PdfDict, PdfRef, PdfStream, type PdfValue, isName } from '../../pdf/pdf-objects';
import type { PdfReader } from '../../pdf/pdf-reader';
import {
  changedObjects,
  chainBreak,
  readObject,
  revisionState,
  type ObjectChange,
} from './effective-state';
import { Equivalence, safeResolve } from './equivalence';
import {
  ACROFORM_KEYS,
  CATALOG_KEYS,
  CHANGEABLE_REALMS,
  DEFAULT_DOC_MDP,
  FILLED_SIGNATURE_FIELD_KEYS,
  keyVerdict,
  PAGE_KEYS,
  PERMISSIONS,
  type Permissions,
  realmVerdict,
} from './policy';
import type { ChangeVerdict, ModificationChange, ModificationReport } from './types';
import { kindOf, reachability, type Reach } from './walker';

/** Readers of the file cut at each revision end, shared by the analyses of one file. */
export class RevisionStates {
  private readonly states = new Map<number, PdfReader>();
  constructor(readonly full: PdfReader) {}
  at(end: number): PdfReader {
    if (end === this.full.buf.length) return this.full;
    let s = this.states.get(end);
    if (!s) this.states.set(end, (s = revisionState(this.full.buf, end)));
    return s;
  }
}

/** The revision end of a signature dictionary whose signature verified (range, digest, CMS). */
export type VerifiedSignatures = (sig: PdfDict) => number | undefined;

interface Stops {
  /** Fields and widgets that start the signature realm. */
  nums: Set<number>;
  /** Pre-existing unsigned fields (and their widgets) signed after this revision. */
  filled: Set<number>;
}

const MAX_FIELD_DEPTH = 32;

function refsOf(v: PdfValue | undefined): PdfRef[] {
  if (v instanceof PdfRef) return [v];
  return Array.isArray(v) ? v.filter((x): x is PdfRef => x instanceof PdfRef) : [];
}

function dictOf(reader: PdfReader, v: PdfValue | undefined): PdfDict | undefined {
  const r = safeResolve(reader, v);
  return r instanceof PdfDict ? r : r instanceof PdfStream ? r.dict : undefined;
}

function arrayOf(reader: PdfReader, v: PdfValue | undefined): PdfValue[] {
  const r = safeResolve(reader, v);
  return Array.isArray(r) ? r : [];
}

/**
 * Signature fields of the final state whose /V verified in a revision after `end`, that were not
 * signed fields at `end`, and whose field and widgets are as that later signature signed them.
 */
function signatureStops(
  states: RevisionStates,
  before: PdfReader,
  end: number,
  verified: VerifiedSignatures,
): Stops {
  const { full } = states;
  const stops: Stops = { nums: new Set(), filled: new Set() };
  const eq = (later: PdfReader) => new Equivalence(later, full);
  const seen = new Set<number>();
  const visit = (ref: PdfRef, inheritedSig: boolean, depth: number) => {
    if (depth > MAX_FIELD_DEPTH || seen.has(ref.num)) return;
    seen.add(ref.num);
    const field = dictOf(full, ref);
    if (!field) return;
    const isSig = field.get('FT') === undefined ? inheritedSig : isName(field.get('FT'), 'Sig');
    const sig = dictOf(full, field.get('V'));
    const signedAt = sig && verified(sig);
    if (isSig && signedAt !== undefined && signedAt > end) {
      const previously = readObject(before, ref.num);
      const prevDict = previously instanceof PdfDict ? previously : undefined;
      const newField = prevDict === undefined;
      const wasUnsigned = prevDict !== undefined && safeResolve(before, prevDict.get('V')) == null;
      const later = states.at(signedAt);
      const kids = refsOf(safeResolve(full, field.get('Kids')));
      const parts = [ref, ...kids];
      const asSigned = parts.every((p) =>
        eq(later).equal(readObject(later, p.num), readObject(full, p.num)),
      );
      if ((newField || wasUnsigned) && asSigned) {
        for (const p of parts) {
          stops.nums.add(p.num);
          if (wasUnsigned) stops.filled.add(p.num);
        }
      }
    }
    for (const kid of refsOf(safeResolve(full, field.get('Kids')))) visit(kid, isSig, depth + 1);
  };
  const acroForm = dictOf(full, dictOf(full, full.trailer.get('Root'))?.get('AcroForm'));
  for (const f of refsOf(safeResolve(full, acroForm?.get('Fields')))) visit(f, false, 0);
  return stops;
}

/**
 * DocMDP /P of a certification signature in the state (catalog /Perms, a signature's /Reference).
 */
export function docMdpOf(reader: PdfReader): 1 | 2 | 3 | undefined {
  const catalog = dictOf(reader, reader.trailer.get('Root'));
  const candidates: PdfDict[] = [];
  const certification = dictOf(reader, dictOf(reader, catalog?.get('Perms'))?.get('DocMDP'));
  if (certification) candidates.push(certification);
  const fields = arrayOf(reader, dictOf(reader, catalog?.get('AcroForm'))?.get('Fields'));
  for (const f of fields.slice(0, 1000)) {
    const sig = dictOf(reader, dictOf(reader, f)?.get('V'));
    if (sig) candidates.push(sig);
  }
  let level: 1 | 2 | 3 | undefined;
  for (const sig of candidates) {
    for (const r of arrayOf(reader, sig.get('Reference'))) {
      const ref = dictOf(reader, r);
      if (!ref || !isName(ref.get('TransformMethod'), 'DocMDP')) continue;
      const p = dictOf(reader, ref.get('TransformParams'))?.get('P') ?? DEFAULT_DOC_MDP;
      const p123 = p === 1 || p === 2 || p === 3 ? p : 1; // an unknown level: the strictest
      if (level === undefined || p123 < level) level = p123;
    }
  }
  return level;
}

class Analysis {
  readonly changes: ModificationChange[] = [];
  /** Objects judged as containers (catalog, AcroForm, pages, arrays): not judged again alone. */
  readonly handled = new Set<number>();
  /**
   * Form default resources, judged by growth: not judged again only while nothing but the form
   * resources reaches them (growth of a dictionary the page also uses would change the page).
   */
  readonly formResources = new Set<number>();
  readonly eq: Equivalence;

  constructor(
    readonly before: PdfReader,
    readonly after: PdfReader,
    readonly permissions: Permissions,
    readonly stops: Stops,
  ) {
    this.eq = new Equivalence(before, after);
  }

  add(object: number | null, kind: string, verdict: ChangeVerdict, detail: string): void {
    this.changes.push({ object, kind, verdict, detail });
  }

  private handle(v: PdfValue | undefined): void {
    if (v instanceof PdfRef) this.handled.add(v.num);
  }

  catalog(): void {
    const bRef = this.before.trailer.get('Root');
    const aRef = this.after.trailer.get('Root');
    const num = aRef instanceof PdfRef ? aRef.num : null;
    this.handle(aRef);
    const b = dictOf(this.before, bRef);
    const a = dictOf(this.after, aRef);
    for (const key of this.eq.differingKeys(b, a)) {
      const rule = CATALOG_KEYS[key];
      if (rule === 'acroForm') continue;
      if (rule === 'signatures' || rule === 'ltv' || rule === 'harmless') {
        this.add(num, 'catalog', keyVerdict(rule, this.permissions), `catalog /${key} changed`);
      } else this.add(num, 'catalog', 'disallowed', `catalog /${key} changed`);
    }
    this.acroForm(b?.get('AcroForm'), a?.get('AcroForm'));
  }

  private acroForm(bVal: PdfValue | undefined, aVal: PdfValue | undefined): void {
    this.handle(aVal);
    const num = aVal instanceof PdfRef ? aVal.num : null;
    const b = dictOf(this.before, bVal);
    const a = dictOf(this.after, aVal);
    for (const key of this.eq.differingKeys(b, a)) {
      const rule = ACROFORM_KEYS[key];
      if (rule === 'fields' || rule === 'grows') continue;
      const verdict = rule === 'signatures' ? keyVerdict(rule, this.permissions) : 'disallowed';
      this.add(num, 'form', verdict, `AcroForm /${key} changed`);
    }
    this.additions('form fields', num, b?.get('Fields'), a?.get('Fields'));
    this.grows(num, b?.get('DR'), a?.get('DR'));
  }

  /** An array (form fields, page annotations) that may only gain signature stop points. */
  private additions(
    kind: string,
    holder: number | null,
    bVal: PdfValue | undefined,
    aVal: PdfValue | undefined,
  ): void {
    this.handle(aVal);
    const num = aVal instanceof PdfRef ? aVal.num : holder;
    const b = arrayOf(this.before, bVal);
    const a = arrayOf(this.after, aVal);
    const had = new Set(refsOf(b).map((r) => r.num));
    const gained = a.filter(
      (x) => x instanceof PdfRef && !had.has(x.num) && this.stops.nums.has(x.num),
    );
    const rest = a.filter((x) => !gained.includes(x));
    for (const g of gained as PdfRef[]) {
      const verdict = this.permissions.newSignatures ? 'allowed' : 'disallowed';
      this.add(num, kind, verdict, `${kind} gained signature object ${g.num}, signed later`);
    }
    if (this.eq.equal(b, rest)) return;
    const others = rest.filter((x) => !(x instanceof PdfRef) || !had.has(x.num));
    const detail =
      others.length > 0
        ? `${kind} gained ${others.map(describeEntry).join(', ')}, not a signature verified later`
        : `${kind} lost or reordered entries`;
    this.add(num, kind, 'disallowed', detail);
  }

  /** Form default resources: may gain entries, never change or lose one. */
  private grows(
    holder: number | null,
    bVal: PdfValue | undefined,
    aVal: PdfValue | undefined,
  ): void {
    if (aVal instanceof PdfRef) this.formResources.add(aVal.num);
    const num = aVal instanceof PdfRef ? aVal.num : holder;
    const b = dictOf(this.before, bVal);
    const a = dictOf(this.after, aVal);
    let grew = false;
    for (const key of new Set([...(b?.map.keys() ?? []), ...(a?.map.keys() ?? [])])) {
      const bCat = b?.get(key);
      const aCat = a?.get(key);
      const bd = dictOf(this.before, bCat);
      const ad = dictOf(this.after, aCat);
      if (aCat instanceof PdfRef) this.formResources.add(aCat.num);
      if (bCat === undefined) grew = true;
      else if (bd && ad) {
        for (const [k, v] of bd.map) {
          if (!this.eq.equal(v, ad.get(k)))
            this.add(
              num,
              'form resources',
              'disallowed',
              `AcroForm /DR /${key} /${k} changed or removed`,
            );
        }
        if ([...ad.map.keys()].some((k) => !bd.map.has(k))) grew = true;
      } else if (!this.eq.equal(bCat, aCat)) {
        this.add(num, 'form resources', 'disallowed', `AcroForm /DR /${key} changed`);
      }
    }
    if (grew) {
      const verdict = this.permissions.newSignatures ? 'allowed' : 'disallowed';
      this.add(num, 'form resources', verdict, 'AcroForm /DR gained resources');
    }
  }

  pages(): void {
    const b = safePages(this.before);
    const a = safePages(this.after);
    if (b.map((r) => r.num).join() !== a.map((r) => r.num).join()) {
      this.add(
        null,
        'page tree',
        'disallowed',
        `pages changed: [${b.map((r) => r.num)}] became [${a.map((r) => r.num)}]`,
      );
    }
    for (const ref of a) {
      if (!b.some((r) => r.num === ref.num)) continue;
      this.handled.add(ref.num);
      const bp = dictOf(this.before, ref);
      const ap = dictOf(this.after, ref);
      for (const key of this.eq.differingKeys(bp, ap)) {
        if (PAGE_KEYS[key] === 'annots') continue;
        this.add(ref.num, 'page', 'disallowed', `page object ${ref.num} /${key} changed`);
      }
      this.additions('page annotations', ref.num, bp?.get('Annots'), ap?.get('Annots'));
    }
  }

  /**
   * A new object that only stands for a direct value its referrers held before: each referrer is
   * unchanged by value and did not refer to this number before (a dangling reference that now
   * resolves is a change, not a re-spelling).
   */
  respelled(
    num: number,
    reach: Map<number, Reach>,
    changed: Set<number>,
    seen = new Set<number>(),
  ): boolean {
    if (seen.has(num)) return false;
    seen.add(num);
    const referrers = [...(reach.get(num)?.referrers ?? [])];
    return (
      referrers.length > 0 &&
      referrers.every((r) => {
        if (r === null) return false;
        if (!changed.has(r)) return !mentions(readObject(this.before, r), num, 0);
        return readObject(this.before, r) === undefined && this.respelled(r, reach, changed, seen);
      })
    );
  }

  judged(num: number, reach: Reach | undefined): boolean {
    if (this.handled.has(num)) return true;
    const realms = [...(reach?.realms ?? [])];
    return this.formResources.has(num) && realms.every((r) => r === 'formResources');
  }

  object(change: ObjectChange, reach: Reach | undefined): void {
    const { num, before, after } = change;
    const realms = reach?.realms ?? new Set();
    const kind = kindOf(after ?? before, reach?.via);
    const d = after instanceof PdfStream ? after.dict : undefined;
    const plumbing = d && (isName(d.get('Type'), 'XRef') || isName(d.get('Type'), 'ObjStm'));
    if (realms.size === 0) {
      if (plumbing) return;
      const what = after === undefined ? 'removed' : before === undefined ? 'added' : 'changed';
      this.add(num, kind, 'harmless', `${kind} ${what}, unreachable from the document`);
      return;
    }
    const from = [...realms].join(', ');
    if (after === undefined) {
      this.add(num, kind, 'disallowed', `${kind} removed but still referenced (${from})`);
      return;
    }
    if (before === undefined) {
      const verdicts = [...realms].map((r) => realmVerdict(r, this.permissions));
      const verdict = verdicts.includes('disallowed')
        ? 'disallowed'
        : verdicts.includes('allowed')
          ? 'allowed'
          : 'harmless';
      this.add(num, kind, verdict, `${kind} added, reachable from: ${from}`);
      return;
    }
    if ([...realms].every((r) => CHANGEABLE_REALMS.includes(r))) {
      const verdicts = [...realms].map((r) => realmVerdict(r, this.permissions));
      this.add(
        num,
        kind,
        verdicts.includes('allowed') ? 'allowed' : 'harmless',
        `${kind} changed (${from})`,
      );
      return;
    }
    if (this.stops.filled.has(num) && before instanceof PdfDict && after instanceof PdfDict) {
      const keys = this.eq.differingKeys(before, after);
      if (keys.every((k) => FILLED_SIGNATURE_FIELD_KEYS.includes(k))) {
        const verdict = this.permissions.newSignatures ? 'allowed' : 'disallowed';
        this.add(
          num,
          kind,
          verdict,
          `${kind} signed later (${keys.map((k) => `/${k}`).join(' ')})`,
        );
        return;
      }
    }
    this.add(num, kind, 'disallowed', `${kind} changed after signing, reachable from: ${from}`);
  }
}

const describeEntry = (x: PdfValue) =>
  x instanceof PdfRef ? `object ${x.num}` : 'a direct object';

/** Whether a value refers to object `num` (directly, not through other objects). */
function mentions(v: PdfValue | undefined, num: number, depth: number): boolean {
  if (depth > 64) return true;
  if (v instanceof PdfRef) return v.num === num;
  if (Array.isArray(v)) return v.some((x) => mentions(x, num, depth + 1));
  const d = v instanceof PdfStream ? v.dict : v instanceof PdfDict ? v : undefined;
  return d !== undefined && [...d.map.values()].some((x) => mentions(x, num, depth + 1));
}

function safePages(reader: PdfReader): PdfRef[] {
  try {
    return reader.pageRefs();
  } catch {
    return [];
  }
}

/**
 * What changed between the revision ending at `end` and the end of the file, judged by the
 * policy. `verified`: the file's signatures whose byte range, digest and CMS verified.
 */
export function analyseModifications(
  states: RevisionStates,
  end: number,
  verified: VerifiedSignatures,
): ModificationReport {
  const { full } = states;
  let before: PdfReader;
  try {
    before = states.at(end);
  } catch (err) {
    const detail = `the signed revision cannot be read: ${(err as Error).message}`;
    return {
      allowed: false,
      changes: [{ object: null, kind: 'revision', verdict: 'disallowed', detail }],
    };
  }
  const docMdp = docMdpOf(before);
  const permissions = PERMISSIONS[docMdp ?? 'approval'];
  const stops = signatureStops(states, before, end, verified);
  const analysis = new Analysis(before, full, permissions, stops);
  const broken = chainBreak(full, before);
  if (broken) analysis.add(null, 'revision chain', 'disallowed', broken);
  if (end < full.buf.length) {
    analysis.catalog();
    analysis.pages();
    const reach = reachability(full, stops.nums);
    const changes = changedObjects(before, full);
    const changed = new Set(changes.map((c) => c.num));
    for (const change of changes) {
      const isNew = change.before === undefined;
      if (isNew && analysis.respelled(change.num, reach, changed)) continue;
      const r = reach.get(change.num);
      if (!analysis.judged(change.num, r)) analysis.object(change, r);
    }
  }
  const changes = analysis.changes;
  const report: ModificationReport = {
    allowed: !changes.some((c) => c.verdict === 'disallowed'),
    changes,
  };
  if (docMdp !== undefined) report.docMdp = docMdp;
  return report;
}
