/**
 * The visible signature as poppler renders it: Vietnamese name in the embedded subset font (text
 * extractable through ToUnicode), the seal tinted red over the left third of the signature image.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import type { CmsSigner } from '../cms/signed-data';
import { buildCorpus, makePng, readPdf } from '../test-support/corpus';
import { decodePng, isRedImage, physicalSizePt, tintRed } from './png';
import { vietnamIsoTime } from './appearance';
import { signPdf } from './sign-pdf';

let dir: string;
let pki: TestPki;
let source: Buffer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sign-appearance-'));
  pki = createTestPki(join(dir, 'pki'));
  source = readPdf((await buildCorpus(join(dir, 'corpus'), ['pdf-lib']))[0]!.file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const softSigner = (): CmsSigner => {
  const key = createPrivateKey(pki.signerRsa.keyPem);
  return {
    certificate: pki.signerRsa.certDer,
    keyType: 'rsa',
    sign: async (d) => sign('sha256', d, key),
  };
};

/** Renders page 1 at 72 dpi (1 px = 1 pt) as RGB rows, origin top-left. */
function render(file: string) {
  const ppm = execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', file], {
    maxBuffer: 64 << 20,
  });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 40))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = ppm.subarray(header[0].length);
  const at = (x: number, yFromBottom: number) => {
    const o = ((height - 1 - Math.round(yFromBottom)) * width + Math.round(x)) * 3;
    return [data[o]!, data[o + 1]!, data[o + 2]!] as const;
  };
  return { at };
}

const isRed = ([r, g, b]: readonly number[]) => r! > 170 && g! < 110 && b! < 110;
const isBlue = ([r, g, b]: readonly number[]) => b! > 90 && r! < 90 && g! < 90;

describe('signature appearance', () => {
  it('Vietnamese name in an embedded subset Type0 font; seal red over the left third', async () => {
    const name = 'Nguyễn Thị Hương Đặng';
    const rect: [number, number, number, number] = [300, 80, 240, 120];
    const signed = await signPdf(source, softSigner(), {
      signerName: name,
      page: 1,
      rect,
      signatureImage: makePng(120, 60, [20, 20, 120]),
      sealImage: makePng(80, 80, [30, 30, 30]), // grey seal: must come out red
    });
    const file = join(dir, 'appearance.pdf');
    writeFileSync(file, signed);
    const fonts = execFileSync('pdffonts', [file]).toString();
    expect(fonts).toMatch(/[A-Z]{6}\+LiberationSerif\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-']).toString()).toContain(name);
    // Font subset, images and CMS room: bounded growth per signature.
    expect(signed.length - source.length).toBeLessThan(40_000);

    const page = render(file);
    const [x, y, w, h] = rect;
    // Image area is above the text band (28 pt); signature image 2:1 centred, seal on its first
    // third.
    const imgY = y + 28 + (h - 28) / 2;
    const sigW = Math.min(w, (h - 28) * 2);
    const sigX = x + (w - sigW) / 2;
    const samples = (x0: number, x1: number) =>
      Array.from({ length: 20 }, (_, i) => page.at(x0 + ((x1 - x0) * (i + 0.5)) / 20, imgY));
    expect(
      samples(sigX + sigW / 3 - 20, sigX + sigW / 3 + 20).filter(isRed).length,
    ).toBeGreaterThan(10);
    expect(samples(sigX + sigW * 0.75, sigX + sigW - 2).filter(isBlue).length).toBeGreaterThan(10);
    expect(samples(sigX + sigW * 0.75, sigX + sigW - 2).filter(isRed).length).toBe(0);
    // Dark text pixels in the text band, right of the seal (102 pt wide, centred on x + 89).
    let dark = 0;
    for (let tx = x + 142; tx < x + w; tx++)
      for (let ty = y + 2; ty < y + 28; ty++) if (page.at(tx, ty)[0] < 100) dark++;
    expect(dark).toBeGreaterThan(50);
  });

  it('a seal that is already red is kept as is; any other colour is tinted', () => {
    const red = decodePng(makePng(10, 10, [200, 30, 30]));
    const blue = decodePng(makePng(10, 10, [20, 20, 160]));
    expect(isRedImage(red)).toBe(true);
    expect(isRedImage(blue)).toBe(false);
    const tinted = tintRed(blue);
    expect(isRedImage(tinted)).toBe(true);
    expect(tinted.alpha).toEqual(blue.alpha);
  });

  it('seal size from pHYs (metre): 425 px at 11811 px/m (300 dpi) is 36 mm ≈ 102 pt', () => {
    const withPhys = decodePng(makePng(425, 425, [200, 30, 30], { pixelsPerMetre: 11811 }));
    expect(withPhys.pixelsPerMetre).toEqual({ x: 11811, y: 11811 });
    const s = physicalSizePt(withPhys);
    expect(s.fromPhys).toBe(true);
    expect(s.width).toBeCloseTo(102.0, 1);
    expect(s.height).toBeCloseTo(102.0, 1);
    // No pHYs: the larger side is the default diameter (36 mm, or as configured), aspect kept.
    const wide = physicalSizePt(decodePng(makePng(200, 100, [200, 30, 30])));
    expect(wide.fromPhys).toBe(false);
    expect(wide.width).toBeCloseTo((36 / 25.4) * 72, 3);
    expect(wide.height).toBeCloseTo((18 / 25.4) * 72, 3);
    expect(physicalSizePt(decodePng(makePng(50, 50, [0, 0, 0])), 40).width).toBeCloseTo(
      (40 / 25.4) * 72,
      3,
    );
    // An implausible density (a 425 px seal 36 m wide) is ignored.
    expect(
      physicalSizePt(decodePng(makePng(425, 425, [0, 0, 0], { pixelsPerMetre: 11 }))).fromPhys,
    ).toBe(false);
  });

  /** The seal's `cm` in the new revision's appearance, the widget /Rect and the form /BBox. */
  function sealGeometry(signed: Buffer) {
    const added = signed.subarray(source.length).toString('latin1');
    const nums = (re: RegExp) => re.exec(added)![1]!.trim().split(/\s+/).map(Number);
    const cm = /q ([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm \/Seal Do Q/.exec(added)!;
    const [w, h, x, y] = cm.slice(1).map(Number) as [number, number, number, number];
    return { w, h, x, y, rect: nums(/\/Rect\s*\[([^\]]*)\]/), bbox: nums(/\/BBox\s*\[([^\]]*)\]/) };
  }

  it.each([
    ['pHYs 300 dpi', { pixelsPerMetre: 11811 }, undefined, 102.0],
    ['no pHYs: configured default 25 mm', { pixelsPerMetre: undefined }, 25, (25 / 25.4) * 72],
    ['no pHYs: default 36 mm', { pixelsPerMetre: undefined }, undefined, (36 / 25.4) * 72],
  ] as const)(
    'seal at true size (%s), widget grown so nothing is clipped',
    async (_, png, mm, size) => {
      const rect: [number, number, number, number] = [300, 300, 180, 60];
      const signed = await signPdf(source, softSigner(), {
        signerName: 'Trần Văn An',
        page: 1,
        rect,
        signatureImage: makePng(120, 60, [20, 20, 120]),
        sealImage: makePng(425, 425, [200, 30, 30], { ...png, opaque: true }),
        sealDefaultDiameterMm: mm,
      });
      const g = sealGeometry(signed);
      expect(g.w).toBeCloseTo(size, 2);
      expect(g.h).toBeCloseTo(size, 2);
      // Centred vertically on the signature image (text band 24 pt, image band 36 pt, image 72×36).
      expect(g.y + g.h / 2).toBeCloseTo(24 + 18, 2);
      // Centred on the right edge of the image's left third (image from x = 54, third at 78).
      expect(g.x + g.w / 2).toBeCloseTo(78, 2);
      // BBox holds the caller's box and the seal; /Rect is that BBox placed at the caller's origin.
      const [b0, b1, b2, b3] = g.bbox as [number, number, number, number];
      expect(b0).toBeLessThanOrEqual(0);
      expect(b1).toBeLessThanOrEqual(Math.min(0, g.y));
      expect(b2).toBeGreaterThanOrEqual(Math.max(180, g.x + g.w));
      expect(b3).toBeGreaterThanOrEqual(Math.max(60, g.y + g.h));
      expect(g.rect).toEqual([300 + b0, 300 + b1, 300 + b2, 300 + b3]);

      // Rendered at 72 dpi: the red spans the seal's size both ways.
      const file = join(dir, `true-size-${mm ?? 'd'}-${png.pixelsPerMetre ?? 0}.pdf`);
      writeFileSync(file, signed);
      const page = render(file);
      const cx = rect[0] + g.x + g.w / 2,
        cy = rect[1] + g.y + g.h / 2;
      // The extent from the first to the last red pixel, not a count: the signer's name and the
      // time (which changes every run) are drawn over the seal and hide some of its pixels.
      const extent = (at: (d: number) => boolean) => {
        const red = [...Array(161).keys()].map((i) => i - 80).filter(at);
        return red.length === 0 ? 0 : red[red.length - 1]! - red[0]! + 1;
      };
      const across = extent((d) => isRed(page.at(cx + d, cy)));
      const down = extent((d) => isRed(page.at(cx, cy + d)));
      // One edge pixel each side may be anti-aliased.
      expect(Math.abs(across - size)).toBeLessThanOrEqual(3);
      expect(Math.abs(down - size)).toBeLessThanOrEqual(3);
    },
  );

  it.each([
    ['wide box, text right of the seal', [300, 80, 240, 120], true],
    ['small box, text under the seal', [60, 300, 180, 60], true],
    ['letter box without a signature image', [300, 500, 197, 62], false],
    ['tall box', [60, 560, 200, 200], true],
  ] as const)(
    "%s: the seal overlaps the image's left third and never covers the name and time",
    async (_, rect, withImage) => {
      const time = new Date('2026-12-07T01:09:08Z');
      const signed = await signPdf(source, softSigner(), {
        signerName: 'Nguyễn Thị Hương Đặng',
        page: 1,
        rect: [...rect],
        time,
        signatureImage: withImage ? makePng(120, 60, [20, 20, 120]) : undefined,
        sealImage: makePng(80, 80, [200, 30, 30]),
      });
      const file = join(dir, `layout-${rect.join('-')}.pdf`);
      writeFileSync(file, signed);
      const g = sealGeometry(signed);
      const seal = {
        x0: rect[0] + g.x,
        y0: rect[1] + g.y,
        x1: rect[0] + g.x + g.w,
        y1: rect[1] + g.y + g.h,
      };
      const words = textBoxes(file).filter((w) => w.y0 > 0);
      expect(words.map((w) => w.text).join(' ')).toBe(
        'Nguyễn Thị Hương Đặng 2026-12-07T08:09:08+07:00',
      );
      for (const word of words) expect(intersects(word, seal), word.text).toBe(false);
      // The seal is centred on the right edge of the image's left third.
      const image = imageBox(signed, rect, withImage);
      expect(g.x + g.w / 2).toBeCloseTo(image.x + image.w / 3, 1);
      expect(seal.x0).toBeLessThan(rect[0] + image.x + image.w / 3);
      expect(seal.x1).toBeGreaterThan(rect[0] + image.x);
      // The text is inside the widget, so viewers show all of it.
      const [r0, r1, r2, r3] = g.rect as [number, number, number, number];
      for (const word of words) {
        expect(word.x0).toBeGreaterThanOrEqual(r0 - 0.5);
        expect(word.x1).toBeLessThanOrEqual(r2 + 0.5);
        expect(word.y0).toBeGreaterThanOrEqual(r1 - 0.5);
        expect(word.y1).toBeLessThanOrEqual(r3 + 0.5);
      }
    },
  );

  it("the time is ISO 8601 at Vietnam's offset, also across midnight UTC", () => {
    expect(vietnamIsoTime(new Date('2026-12-07T01:09:08Z'))).toBe('2026-12-07T08:09:08+07:00');
    expect(vietnamIsoTime(new Date('2026-12-31T17:30:00.999Z'))).toBe('2027-01-01T00:30:00+07:00');
  });
});

interface PageBox {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const PAGE_HEIGHT = 841.89;

/** Words of page 1 as poppler extracts them, in PDF coordinates (origin bottom-left). */
function textBoxes(file: string): PageBox[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']).toString();
  const re =
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  return [...xml.matchAll(re)]
    .map((m) => ({
      text: m[5]!.normalize('NFC'),
      x0: Number(m[1]),
      x1: Number(m[3]),
      y0: PAGE_HEIGHT - Number(m[4]),
      y1: PAGE_HEIGHT - Number(m[2]),
    }))
    .filter((w) => !/DANG|CONG|SAN|VIET|NAM|trang|^-$|^\d$/.test(w.text));
}

const intersects = (a: Omit<PageBox, 'text'>, b: Omit<PageBox, 'text'>) =>
  a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The signature image's box in form space (the whole image band when there is none). */
function imageBox(signed: Buffer, rect: readonly number[], withImage: boolean) {
  const added = signed.subarray(source.length).toString('latin1');
  const cm = /q ([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm \/Sig Do Q/.exec(added);
  if (withImage) {
    const [w, h, x, y] = cm!.slice(1).map(Number) as [number, number, number, number];
    return { x, y, w, h };
  }
  expect(cm).toBeNull();
  return { x: 0, y: 0, w: rect[2]!, h: rect[3]! };
}
