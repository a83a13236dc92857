/**
 * Scanned attachments in JPEG 2000 and JBIG2 render (issue 15): pdf.js, from the app's own build
 * and origin, under the app's CSP, opens them with the viewer's options (its WebAssembly
 * decoders, fetched from dist/renderer/pdfjs-wasm/) and paints the image. Without the decoders
 * the same files stay blank, which is what the viewer showed before.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_DIST } from '../main/renderer-build';
import { pdfDocumentOptions, PDFJS_WASM_DIR } from '../renderer/src/ui/pdf-document-options';
import { change, orgWire, uid } from '../src/sync/test-support/wire';
import { AppShell } from './pages/app-shell';
import { launchChromium, watchErrors } from './support/browser';
import { startFixtureHost } from './support/fixture-host';
import { imagePdf, jbig2Stream, jpxCodestream } from './support/pdf-decoder-samples';

const root = orgWire(1, null, { name: 'Đảng bộ Phường Thử Nghiệm', type: 'grassroots_committee' });

let fixture: Awaited<ReturnType<typeof startFixtureHost>>;
let browser: Browser;
let page: Page;
let errors: string[];

/** A file of the renderer build by the start of its name (Vite adds a content hash). */
function builtAsset(prefix: string): string {
  const name = readdirSync(join(RENDERER_DIST, 'assets')).find(
    (f) => f.startsWith(prefix) && f.endsWith('.js'),
  );
  if (!name) throw new Error(`no ${prefix}*.js in the renderer build`);
  return `/assets/${name}`;
}

beforeAll(async () => {
  fixture = await startFixtureHost([change.org(root)], {
    id: uid(300_002),
    username: 'quantri.thu',
    fullName: 'Quản Trị Thử',
    orgId: root.id,
    roles: [{ role: 'admin', orgId: root.id }],
  });
  browser = await launchChromium();
  page = await browser.newPage();
  errors = watchErrors(page);
  await page.goto(fixture.host.launchUrl);
  await new AppShell(page).waitUntilShown();
});
afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

interface Painted {
  pages: number;
  /** Pixels of page 1 darker than light grey. */
  dark: number;
}

/**
 * What runs in the page: page 1 painted on a canvas, the pixels counted. A string, so vitest's
 * transform of this file leaves its dynamic import alone.
 */
const PAINT_IN_PAGE = `async ({ lib, worker, data, options }) => {
  const pdfjs = await import(lib);
  pdfjs.GlobalWorkerOptions.workerSrc = worker;
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const task = pdfjs.getDocument({ data: bytes, ...options });
  try {
    const doc = await task.promise;
    const first = await doc.getPage(1);
    const viewport = first.getViewport({ scale: 1 });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    await first.render({ canvas, viewport }).promise;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && pixels[i] < 200) dark++;
    return { pages: doc.numPages, dark };
  } finally {
    await task.destroy();
  }
}`;

/** Page 1 of `pdf` painted by the build's pdf.js in the app's page, as the viewer paints it. */
async function paint(pdf: Buffer, options: Record<string, unknown>): Promise<Painted> {
  const args = {
    lib: builtAsset('pdf-'),
    worker: builtAsset('pdf.worker.min-'),
    data: pdf.toString('base64'),
    options,
  };
  return (await page.evaluate(`(${PAINT_IN_PAGE})(${JSON.stringify(args)})`)) as Painted;
}

const samples = {
  'JPEG 2000': imagePdf('JPXDecode', jpxCodestream()),
  JBIG2: imagePdf('JBIG2Decode', jbig2Stream()),
};
/** The 8×8 image is drawn 200 pt square: a grey (JPX) or half-black (JBIG2) block. */
const BLOCK = 200 * 200;

describe('pdf.js decodes scanned images with its WebAssembly decoders', () => {
  it('serves the decoders from the build, under a CSP that lets them compile', async () => {
    const wasm = await page.request.get(`${fixture.host.origin}/${PDFJS_WASM_DIR}openjpeg.wasm`);
    expect(wasm.status()).toBe(200);
    expect(wasm.headers()['content-type']).toBe('application/wasm');
    const csp = (
      await page.request.get(`${fixture.host.origin}${builtAsset('pdf.worker.min-')}`)
    ).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).not.toContain("'unsafe-eval'");
  });

  for (const [format, pdf] of Object.entries(samples)) {
    it(`renders a ${format} scan, which stays blank without the decoders`, async () => {
      const viewer = await paint(pdf, pdfDocumentOptions(`${fixture.host.origin}/`));
      expect(viewer.pages).toBe(1);
      expect(viewer.dark).toBeGreaterThan(BLOCK * (format === 'JBIG2' ? 0.4 : 0.9));
      const without = await paint(pdf, { useWasm: false, stopAtErrors: false });
      expect(without).toEqual({ pages: 1, dark: 0 });
    });
  }

  it('logged no errors in the page', () => {
    expect(errors.filter((e) => !/JpxError|Jbig2Error|wasm/i.test(e))).toEqual([]);
  });
});
