import { describe, expect, it } from 'vitest';
import { demoSealPng } from '../pdf/demo-seal';
import { checkRegisteredImage } from './registered-image';
import { bombPng, opaquePng, signaturePng } from './test-support/images';

const codeOf = (bytes: Buffer, kind: 'seal' | 'signature' = 'signature') => {
  const r = checkRegisteredImage(bytes, kind);
  return r.ok ? 'ok' : r.code;
};

describe('seal and signature image rules', () => {
  it('accepts a transparent seal at its true size and a transparent signature', () => {
    const seal = checkRegisteredImage(demoSealPng(), 'seal');
    expect(seal).toMatchObject({ ok: true, value: { width: 425, height: 425 } });
    expect(seal.ok && Math.round(seal.value.widthMm)).toBe(36);
    expect(checkRegisteredImage(signaturePng(), 'signature')).toMatchObject({
      ok: true,
      value: { width: 600, height: 200 },
    });
  });

  it('judges the bytes, not the name: text, a PDF and a JPEG are not PNGs', () => {
    expect(codeOf(Buffer.from('these bytes came in a file named chu-ky.png'))).toBe('not_png');
    expect(codeOf(Buffer.from('%PDF-1.7\n%%EOF\n'))).toBe('not_png');
    const jpeg = checkRegisteredImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70]), 'seal');
    expect(jpeg).toMatchObject({ ok: false, code: 'not_png' });
    expect(!jpeg.ok && jpeg.messageVi).toContain('JPEG');
  });

  it('refuses a decompression bomb from its header, before inflating anything', () => {
    const bomb = bombPng();
    expect(bomb.length).toBeLessThan(5_000);
    const r = checkRegisteredImage(bomb, 'seal');
    expect(r).toMatchObject({ ok: false, code: 'bad_dimensions' });
    expect(!r.ok && r.messageVi).toContain('60000×60000');
  });

  it('refuses an image over 750 KB, a tiny one, a damaged one and an opaque one', () => {
    const big = Buffer.concat([signaturePng(), Buffer.alloc(750_000)]);
    expect(codeOf(big)).toBe('too_large');
    const tiny = Buffer.from(signaturePng());
    tiny.writeUInt32BE(16, 16);
    expect(codeOf(tiny)).toBe('bad_dimensions');
    const damaged = signaturePng().subarray(0, 200);
    expect(codeOf(damaged)).toBe('undecodable');
    const opaque = checkRegisteredImage(opaquePng(), 'seal');
    expect(opaque).toMatchObject({ ok: false, code: 'not_transparent' });
    expect(!opaque.ok && opaque.messageVi).toContain('nền trong suốt');
  });
});
