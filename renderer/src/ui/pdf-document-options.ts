/**
 * How the viewer opens a PDF with pdf.js. Its WebAssembly decoders (OpenJPEG for JPEG 2000,
 * JBIG2, QCMS for ICC colours) are on: scanned attachments are often JPEG 2000 or JBIG2, which
 * pdf.js has no other decoder for and leaves blank. The build copies the .wasm files into
 * dist/renderer/pdfjs-wasm/ (renderer/vite.config.ts), served from 'self'; the CSP allows
 * 'wasm-unsafe-eval' (compiling WebAssembly), never 'unsafe-eval'.
 */
export const PDFJS_WASM_DIR = 'pdfjs-wasm/';

/** The wasm files pdf.js fetches from `wasmUrl`, with their licences. */
export const PDFJS_WASM_FILES = [
  'openjpeg.wasm',
  'jbig2.wasm',
  'qcms_bg.wasm',
  'LICENSE_OPENJPEG',
  'LICENSE_PDFJS_OPENJPEG',
  'LICENSE_JBIG2',
  'LICENSE_PDFJS_JBIG2',
  'LICENSE_QCMS',
  'LICENSE_PDFJS_QCMS',
] as const;

/** getDocument's options besides the data, for a page at `baseUrl` (document.baseURI). */
export function pdfDocumentOptions(baseUrl: string) {
  return {
    useWasm: true,
    wasmUrl: new URL(PDFJS_WASM_DIR, baseUrl).href,
    stopAtErrors: false,
  };
}
