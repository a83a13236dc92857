/**
 * The appearance font made with fontkit's subsetter: glyphs renumbered from 1 in order of use,
 * each code drawing the glyph of the character it stands for (CIDToGIDMap /Identity over the
 * renumbered program), /W and ToUnicode keyed by the same codes; Vietnamese text extracted back
 * by poppler.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import fontkit, { type Font } from '@cantoo/fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { buildCorpus, readPdf } from '../test-support/corpus';
import type { IncrementalUpdate } from './incremental-writer';
import type { PdfDict, PdfStream } from './pdf-objects';
import { name, PdfRef, type PdfValue } from './pdf-objects';
import { signPdf } from './sign-pdf';
import { AppearanceFont } from './unicode-font';

const VIETNAMESE =
  'Đặng Thị Hương Ưng Ở Ễ Ặ ậ ữ ỹ ơ ư đ Ý Ỷ Ỵ ẫ ẩ ằ ẳ ẵ ổ ỗ ộ ờ ở ỡ ợ ừ ử ự 2026-12-07T08:09:08+07:00';

let dir: string;
let pki: TestPki;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'appearance-font-'));
  pki = createTestPki(join(dir, 'pki'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Collects what the font adds, as the incremental writer would receive it. */
function recordingUpdate() {
  const objects: PdfValue[] = [];
  const update = {
    add(value: PdfValue) {
      objects.push(value);
      return new PdfRef(objects.length, 0);
    },
  } as unknown as IncrementalUpdate;
  const get = (v: PdfValue | undefined) => (v instanceof PdfRef ? objects[v.num - 1] : v);
  return { update, objects, get };
}

const original = () =>
  fontkit.create(
    readFileSync(new URL('../../documents/fonts/LiberationSerif-Regular.ttf', import.meta.url)),
  ) as Font;

describe('appearance font subset (fontkit)', () => {
  it('codes are the renumbered glyph ids, and each draws the glyph of its character', () => {
    const font = new AppearanceFont();
    const shaped = font.shape(VIETNAMESE);
    const { update, get } = recordingUpdate();
    const type0 = get(font.addTo(update)) as PdfDict;
    expect(type0.get('Encoding')).toEqual(name('Identity-H'));
    const cidFont = get((type0.get('DescendantFonts') as PdfValue[])[0]) as PdfDict;
    expect(cidFont.get('CIDToGIDMap')).toEqual(name('Identity'));
    const descriptor = get(cidFont.get('FontDescriptor')) as PdfDict;
    const file = get(descriptor.get('FontFile2')) as PdfStream;
    const program = inflateSync(file.data);
    expect(program.length).toBe(file.dict.get('Length1'));
    expect(program.length).toBeLessThan(40_000); // the whole font is ≈ 400 KB

    const subset = fontkit.create(program) as Font;
    const full = original();
    const chars = [...VIETNAMESE.normalize('NFC')];
    const codes = shaped.hex
      .slice(1, -1)
      .match(/.{4}/g)!
      .map((h) => parseInt(h, 16));
    expect(codes).toHaveLength(chars.length);
    const distinct = new Set(chars).size;
    // Renumbered: 0 is .notdef, the used glyphs are 1…n (plus composite parts after them).
    expect(Math.max(...codes)).toBe(distinct);
    expect(subset.numGlyphs).toBeGreaterThanOrEqual(distinct + 1);
    expect(subset.numGlyphs).toBeLessThan(distinct + 40);
    for (const [i, ch] of chars.entries()) {
      const want = full.glyphForCodePoint(ch.codePointAt(0)!)!;
      const got = subset.getGlyph(codes[i]!)!;
      expect(got.advanceWidth, ch).toBe(want.advanceWidth);
      expect(got.path.toSVG(), ch).toBe(want.path.toSVG());
    }

    // /W gives each code its glyph's advance (1/1000 em).
    const w = cidFont.get('W') as (number | number[])[];
    const widths = new Map<number, number>();
    for (let i = 0; i < w.length; i += 2) widths.set(w[i] as number, (w[i + 1] as number[])[0]!);
    for (const [i, ch] of chars.entries()) {
      const advance = full.glyphForCodePoint(ch.codePointAt(0)!)!.advanceWidth;
      expect(widths.get(codes[i]!)).toBe(Math.round((advance * 1000) / full.unitsPerEm));
    }

    // ToUnicode maps each code back to its character.
    const cmap = inflateSync((get(type0.get('ToUnicode')) as PdfStream).data).toString('latin1');
    for (const [i, ch] of chars.entries()) {
      const code = codes[i]!.toString(16).padStart(4, '0');
      const utf16 = Buffer.from(ch, 'utf16le').swap16().toString('hex');
      expect(cmap).toContain(`<${code}> <${utf16}>`);
    }
  });

  it('a character the font lacks becomes .notdef (code 0), mapped to U+FFFD', () => {
    const font = new AppearanceFont();
    const shaped = font.shape('A\u{1F600}');
    expect(shaped.hex).toBe('<00010000>');
    const { update, get } = recordingUpdate();
    const type0 = get(font.addTo(update)) as PdfDict;
    const cmap = inflateSync((get(type0.get('ToUnicode')) as PdfStream).data).toString('latin1');
    expect(cmap).toContain('<0000> <fffd>');
  });

  it('poppler extracts the Vietnamese text of a signed appearance; the font is an embedded subset', async () => {
    const source = readPdf((await buildCorpus(join(dir, 'corpus'), ['pdf-lib']))[0]!.file);
    const key = createPrivateKey(pki.signerEc.keyPem);
    const signed = await signPdf(
      source,
      {
        certificate: pki.signerEc.certDer,
        keyType: 'ec',
        sign: async (d) => sign('sha256', d, key),
      },
      { signerName: VIETNAMESE.slice(0, 60), page: 1, rect: [40, 300, 520, 120] },
    );
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, signed);
    const fonts = execFileSync('pdffonts', [file]).toString();
    expect(fonts).toMatch(/[A-Z]{6}\+LiberationSerif\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-']).toString();
    expect(text.normalize('NFC')).toContain(VIETNAMESE.slice(0, 60).normalize('NFC'));
  });
});
