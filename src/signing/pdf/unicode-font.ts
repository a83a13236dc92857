/**
 * The appearance's Unicode font: Liberation Serif (SIL OFL 1.1, licence next to the file in
 * src/documents/fonts/), embedded as a Type0 font with Identity-H over a CIDFontType2, a subset
 * made by fontkit holding only the glyphs used, and a ToUnicode CMap so the text can be searched
 * and copied. fontkit's subset renumbers glyphs (0 is .notdef, then the glyphs in the order they
 * were first used), so the codes written in the content stream are those new glyph ids, which
 * /CIDToGIDMap /Identity maps to themselves; /W and ToUnicode are keyed by them too. Vietnamese
 * is written precomposed (NFC), which the font's cmap covers. Programs are cached by glyph
 * sequence: a batch by one signer builds one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import fontkit, { type Font } from '@cantoo/fontkit';
import { fontFile } from '../../runtime/asset-paths';
import type { IncrementalUpdate } from './incremental-writer';
import { name, PdfDict, type PdfRef, PdfStream, PdfString } from './pdf-objects';

const FONT_FILE = fontFile('LiberationSerif-Regular.ttf');
const POSTSCRIPT_NAME = 'LiberationSerif';

let font: Font | undefined;
function loadFont(): Font {
  if (!font) {
    const opened = fontkit.create(readFileSync(FONT_FILE));
    if (!('glyphForCodePoint' in opened)) throw new Error('the appearance font is a collection');
    font = opened;
  }
  return font;
}

export interface ShapedText {
  /** Hex string operand for Tj: two bytes per glyph id of the subset. */
  hex: string;
  /** Width in text space units at size 1. */
  width: number;
}

interface UsedGlyph {
  /** Glyph id in the whole font. */
  gid: number;
  /** The text it stands for (ToUnicode). */
  text: string;
  /** Advance in 1/1000 em. */
  width: number;
}

export class AppearanceFont {
  private readonly font = loadFont();
  /** Subset glyph id (the CID written) → the glyph it was made from. */
  private readonly used = new Map<number, UsedGlyph>();
  /** Original glyph id → subset glyph id; 0 (.notdef) is always first. */
  private readonly cids = new Map<number, number>([[0, 0]]);

  shape(text: string): ShapedText {
    let hex = '';
    let width = 0;
    for (const ch of text.normalize('NFC')) {
      const glyph = this.font.glyphForCodePoint(ch.codePointAt(0)!);
      const gid = glyph?.id ?? 0;
      const cid = this.cidOf(gid);
      const advance = ((glyph?.advanceWidth ?? 0) * 1000) / this.font.unitsPerEm;
      if (!this.used.has(cid))
        this.used.set(cid, { gid, text: gid === 0 ? '\ufffd' : ch, width: Math.round(advance) });
      hex += cid.toString(16).padStart(4, '0');
      width += Math.round(advance) / 1000;
    }
    return { hex: `<${hex}>`, width };
  }

  private cidOf(gid: number): number {
    let cid = this.cids.get(gid);
    if (cid === undefined) {
      cid = this.cids.size;
      this.cids.set(gid, cid);
    }
    return cid;
  }

  /** Adds the font objects for every glyph shaped so far; returns the Type0 font. */
  addTo(update: IncrementalUpdate): PdfRef {
    const cids = [...this.used.keys()].sort((a, b) => a - b);
    const program = subsetProgram(this.font, [...this.cids.keys()]);
    const f = this.font;
    const k = 1000 / f.unitsPerEm;
    const bbox = [f.bbox.minX, f.bbox.minY, f.bbox.maxX, f.bbox.maxY];
    const baseFont = `${program.tag}+${POSTSCRIPT_NAME}`;
    const fontFile = update.add(
      new PdfStream(
        new PdfDict([
          ['Length1', program.length],
          ['Filter', name('FlateDecode')],
        ]),
        program.deflated,
      ),
    );
    const descriptor = update.add(
      new PdfDict([
        ['Type', name('FontDescriptor')],
        ['FontName', name(baseFont)],
        ['Flags', 6], // serif, symbolic (glyphs addressed by id, not by a standard encoding)
        ['FontBBox', bbox.map((v) => Math.round(v * k))],
        ['ItalicAngle', f.italicAngle],
        ['Ascent', Math.round(f.ascent * k)],
        ['Descent', Math.round(f.descent * k)],
        ['CapHeight', Math.round(f.capHeight * k)],
        ['StemV', 80],
        ['FontFile2', fontFile],
      ]),
    );
    const cidFont = update.add(
      new PdfDict([
        ['Type', name('Font')],
        ['Subtype', name('CIDFontType2')],
        ['BaseFont', name(baseFont)],
        [
          'CIDSystemInfo',
          new PdfDict([
            ['Registry', PdfString.text('Adobe')],
            ['Ordering', PdfString.text('Identity')],
            ['Supplement', 0],
          ]),
        ],
        ['FontDescriptor', descriptor],
        ['DW', 1000],
        ['W', cids.flatMap((c) => [c, [this.used.get(c)!.width]])],
        ['CIDToGIDMap', name('Identity')],
      ]),
    );
    const toUnicode = update.add(
      new PdfStream(new PdfDict([['Filter', name('FlateDecode')]]), deflateSync(this.cmap(cids))),
    );
    return update.add(
      new PdfDict([
        ['Type', name('Font')],
        ['Subtype', name('Type0')],
        ['BaseFont', name(baseFont)],
        ['Encoding', name('Identity-H')],
        ['DescendantFonts', [cidFont]],
        ['ToUnicode', toUnicode],
      ]),
    );
  }

  private cmap(cids: number[]): Buffer {
    const utf16 = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('hex');
    const lines: string[] = [];
    for (let i = 0; i < cids.length; i += 100) {
      const chunk = cids.slice(i, i + 100);
      lines.push(`${chunk.length} beginbfchar`);
      for (const g of chunk)
        lines.push(`<${g.toString(16).padStart(4, '0')}> <${utf16(this.used.get(g)!.text)}>`);
      lines.push('endbfchar');
    }
    return Buffer.from(
      `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n` +
        `/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n` +
        `/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n` +
        `1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${lines.join('\n')}\n` +
        `endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`,
      'latin1',
    );
  }
}

interface SubsetProgram {
  tag: string;
  length: number;
  deflated: Buffer;
}
const subsets = new Map<string, SubsetProgram>();

/** The subset program of `gids` (original ids, in subset order: the i-th becomes glyph i). */
function subsetProgram(f: Font, gids: number[]): SubsetProgram {
  const key = gids.join(',');
  let p = subsets.get(key);
  if (!p) {
    const subset = f.createSubset();
    for (const [i, gid] of gids.entries()) {
      const cid = subset.includeGlyph(gid);
      if (cid !== i) throw new Error(`font subset numbered glyph ${gid} as ${cid}, expected ${i}`);
    }
    const program = Buffer.from(subset.encode());
    // Subset tag (PDF 32000 §9.6.4): six capitals, here derived from the glyph sequence.
    const h = createHash('sha256').update(key).digest();
    const tag = Array.from(h.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
    p = { tag, length: program.length, deflated: deflateSync(program) };
    if (subsets.size > 64) subsets.clear();
    subsets.set(key, p);
  }
  return p;
}
