/**
 * Equality of PDF values by meaning, across two object states: key order, whitespace, number
 * spelling, hex vs literal strings, a key with a null value vs no key, and a direct value vs an
 * indirect one holding the same value make no difference. Two references to the same object
 * number are equal here: that object is compared on its own.
 */
import {
  PdfDict,
  PdfName,
  PdfRaw,
  PdfRef,
  PdfStream,
  PdfString,
  type PdfValue,
} from '../../pdf/pdf-objects';
import type { PdfReader } from '../../pdf/pdf-reader';

const MAX_DEPTH = 64;
/** References followed in one comparison (outline /Next chains, page trees renumbered). */
const MAX_REF_DEPTH = 1000;
/** Comparison steps one analysis may take: past it, values count as different (never as equal). */
const MAX_STEPS = 2_000_000;

/** The keys of a stream's dictionary that describe its encoding, not its content. */
const ENCODING_KEYS = new Set(['Length', 'Filter', 'DecodeParms', 'DL']);

export class Equivalence {
  /** Pairs of different object numbers being or already compared (shared subgraphs, cycles). */
  private readonly pairs = new Map<string, boolean>();
  private steps = 0;
  private refDepth = 0;

  constructor(
    private readonly a: PdfReader,
    private readonly b: PdfReader,
  ) {}

  equal(x: PdfValue | undefined, y: PdfValue | undefined, depth = 0): boolean {
    if (depth > MAX_DEPTH || ++this.steps > MAX_STEPS) return false;
    if (x instanceof PdfRef && y instanceof PdfRef) return this.refs(x, y);
    if (x instanceof PdfRef) return this.equal(safeResolve(this.a, x), y, depth + 1);
    if (y instanceof PdfRef) return this.equal(x, safeResolve(this.b, y), depth + 1);
    // An absent value and null mean the same (PDF 32000-1 §7.3.9).
    if (x === undefined || x === null) return y === undefined || y === null;
    if (y === undefined || y === null) return false;
    if (typeof x !== 'object' || typeof y !== 'object') return x === y;
    if (x instanceof PdfName) return y instanceof PdfName && x.name === y.name;
    if (x instanceof PdfString) return y instanceof PdfString && x.bytes.equals(y.bytes);
    if (x instanceof PdfRaw) return y instanceof PdfRaw && x !== UNREADABLE && x.text === y.text;
    if (Array.isArray(x)) {
      return (
        Array.isArray(y) &&
        x.length === y.length &&
        x.every((v, i) => this.equal(v, y[i], depth + 1))
      );
    }
    if (x instanceof PdfStream) return y instanceof PdfStream && this.sameStream(x, y, depth);
    if (x instanceof PdfDict) return y instanceof PdfDict && this.sameDict(x, y, new Set(), depth);
    return false;
  }

  /** Same number: equal here (that object is compared on its own); else by value, once per pair. */
  private refs(x: PdfRef, y: PdfRef): boolean {
    if (x.num === y.num) return true;
    const key = `${x.num} ${y.num}`;
    const known = this.pairs.get(key);
    if (known !== undefined) return known;
    if (this.refDepth >= MAX_REF_DEPTH) return false;
    this.pairs.set(key, true); // a cycle back to this pair adds no difference of its own
    this.refDepth++;
    try {
      const same = this.equal(safeResolve(this.a, x), safeResolve(this.b, y), 0);
      this.pairs.set(key, same);
      return same;
    } finally {
      this.refDepth--;
    }
  }

  /** Dictionaries equal but for the keys in `except`. */
  sameDict(x: PdfDict, y: PdfDict, except: Set<string>, depth = 0): boolean {
    const keys = new Set([...x.map.keys(), ...y.map.keys()]);
    for (const k of keys) {
      if (!except.has(k) && !this.equal(x.get(k), y.get(k), depth + 1)) return false;
    }
    return true;
  }

  /** Keys whose values differ. */
  differingKeys(x: PdfDict | undefined, y: PdfDict | undefined): string[] {
    const keys = new Set([...(x?.map.keys() ?? []), ...(y?.map.keys() ?? [])]);
    return [...keys].filter((k) => !this.equal(x?.get(k), y?.get(k)));
  }

  private sameStream(x: PdfStream, y: PdfStream, depth: number): boolean {
    const rawEqual = x.data.equals(y.data);
    if (rawEqual && this.sameDict(x.dict, y.dict, new Set(['Length']), depth)) return true;
    if (!this.sameDict(x.dict, y.dict, ENCODING_KEYS, depth)) return false;
    const dx = safeDecode(this.a, x);
    const dy = safeDecode(this.b, y);
    return dx !== undefined && dy !== undefined && dx.equals(dy);
  }
}

/** An object that cannot be read counts as different from anything but itself. */
export const UNREADABLE = new PdfRaw('%unreadable');

export function safeResolve(reader: PdfReader, v: PdfValue | undefined): PdfValue | undefined {
  try {
    return reader.resolve(v);
  } catch {
    return UNREADABLE;
  }
}

function safeDecode(reader: PdfReader, s: PdfStream): Buffer | undefined {
  try {
    return reader.decodeStream(s);
  } catch {
    return undefined;
  }
}
