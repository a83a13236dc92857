/**
 * The appearance's Unicode font: Liberation Serif (SIL OFL 1.1, licence next to the file in
 * src/documents/fonts/), embedded as a Type0 font with Identity-H over a CIDFontType2 whose glyph ids are the
 * font's own (/CIDToGIDMap /Identity), a subset holding only the outlines used, and a ToUnicode
 * CMap so the text can be searched and copied. Vietnamese is written precomposed (NFC), which the
 * font's cmap covers. Subsets are cached by glyph set: a batch by one signer builds one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { IncrementalUpdate } from './incremental-writer';
import { name, PdfDict, type PdfRef, PdfStream, PdfString } from './pdf-objects';
import { TrueTypeFont } from './truetype';

const FONT_FILE = new URL('../../documents/fonts/LiberationSerif-Regular.ttf', import.meta.url);
const POSTSCRIPT_NAME = 'LiberationSerif';

let font: TrueTypeFont | undefined;
const loadFont = () => (font ??= new TrueTypeFont(readFileSync(FONT_FILE)));

export interface ShapedText {
  /** Hex string operand for Tj: two bytes per glyph id. */
  hex: string;
  /** Width in text space units at size 1. */
  width: number;
}

export class AppearanceFont {
  private readonly font = loadFont();
  /** glyph id → the text it stands for (ToUnicode). */
  private readonly used = new Map<number, string>();

  shape(text: string): ShapedText {
    let hex = '';
    let width = 0;
    for (const ch of text.normalize('NFC')) {
      const gid = this.font.glyphOf(ch.codePointAt(0)!);
      if (!this.used.has(gid)) this.used.set(gid, gid === 0 ? '\ufffd' : ch);
      hex += gid.toString(16).padStart(4, '0');
      width += this.font.width(gid) / 1000;
    }
    return { hex: `<${hex}>`, width };
  }

  /** Adds the font objects for every glyph shaped so far; returns the Type0 font. */
  addTo(update: IncrementalUpdate): PdfRef {
    const gids = [...this.used.keys()].sort((a, b) => a - b);
    const program = subsetProgram(this.font, gids);
    const m = this.font.metrics;
    const k = 1000 / m.unitsPerEm;
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
        ['FontBBox', m.bbox.map((v) => Math.round(v * k))],
        ['ItalicAngle', m.italicAngle],
        ['Ascent', Math.round(m.ascent * k)],
        ['Descent', Math.round(m.descent * k)],
        ['CapHeight', Math.round(m.capHeight * k)],
        ['StemV', 80],
        ['FontFile2', fontFile],
      ]),
    );
    const cidFont = update.add(
      new PdfDict([
        ['Type', name('Font')],
        ['Subtype', name('CIDFontType2')],
        ['BaseFont', name(baseFont)],
        ['CIDSystemInfo', new PdfDict([['Registry', PdfString.text('Adobe')], ['Ordering', PdfString.text('Identity')], ['Supplement', 0]])], // prettier-ignore
        ['FontDescriptor', descriptor],
        ['DW', 1000],
        ['W', gids.flatMap((g) => [g, [this.font.width(g)]])],
        ['CIDToGIDMap', name('Identity')],
      ]),
    );
    const toUnicode = update.add(new PdfStream(new PdfDict([['Filter', name('FlateDecode')]]), deflateSync(this.cmap(gids)))); // prettier-ignore
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

  private cmap(gids: number[]): Buffer {
    const utf16 = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('hex');
    const lines: string[] = [];
    for (let i = 0; i < gids.length; i += 100) {
      const chunk = gids.slice(i, i + 100);
      lines.push(`${chunk.length} beginbfchar`);
      for (const g of chunk) lines.push(`<${g.toString(16).padStart(4, '0')}> <${utf16(this.used.get(g)!)}>`); // prettier-ignore
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

function subsetProgram(f: TrueTypeFont, gids: number[]): SubsetProgram {
  const key = gids.join(',');
  let p = subsets.get(key);
  if (!p) {
    const program = f.subset(gids);
    // Subset tag (PDF 32000 §9.6.4): six capitals, here derived from the glyph set.
    const h = createHash('sha256').update(key).digest();
    const tag = Array.from(h.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
    p = { tag, length: program.length, deflated: deflateSync(program) };
    if (subsets.size > 64) subsets.clear();
    subsets.set(key, p);
  }
  return p;
}
