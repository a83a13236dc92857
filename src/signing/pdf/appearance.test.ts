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
import { createTestPki, type TestPki } from '../../../scripts/test/pki';
import type { CmsSigner } from '../cms/signed-data';
import { buildCorpus, makePng, readPdf } from '../test-support/corpus';
import { decodePng, isRedImage, tintRed } from './png';
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
  return { certificate: pki.signerRsa.certDer, keyType: 'rsa', sign: async (d) => sign('sha256', d, key) }; // prettier-ignore
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
    // Image area is above the text band (28 pt); signature image 2:1 centred, seal on its first third.
    const imgY = y + 28 + (h - 28) / 2;
    const sigW = Math.min(w, (h - 28) * 2);
    const sigX = x + (w - sigW) / 2;
    const samples = (x0: number, x1: number) =>
      Array.from({ length: 20 }, (_, i) => page.at(x0 + ((x1 - x0) * (i + 0.5)) / 20, imgY));
    expect(samples(sigX + sigW / 3 - 20, sigX + sigW / 3 + 20).filter(isRed).length).toBeGreaterThan(10); // prettier-ignore
    expect(samples(sigX + sigW * 0.75, sigX + sigW - 2).filter(isBlue).length).toBeGreaterThan(10);
    expect(samples(sigX + sigW * 0.75, sigX + sigW - 2).filter(isRed).length).toBe(0);
    // Dark text pixels in the text band.
    let dark = 0;
    for (let tx = x + 2; tx < x + 100; tx++)
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
});
