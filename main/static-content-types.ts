import { extname } from 'node:path';

/** Content types of the renderer's built files, as both the browser host and Electron serve them. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  // pdf.js's image decoders (renderer/src/ui/pdf-document-options.ts)
  '.wasm': 'application/wasm',
};

/** The type to serve a renderer file with, from its extension; bytes for anything else. */
export const staticContentType = (file: string): string =>
  CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
