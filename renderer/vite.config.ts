import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { PDFJS_WASM_DIR, PDFJS_WASM_FILES } from './src/ui/pdf-document-options';

const rendererDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(rendererDir, '..');
const outDir = resolve(repoRoot, 'dist/renderer');
/** Outside outDir, so the host never serves it. */
export const INPUTS_FILE = resolve(repoRoot, 'dist/renderer-inputs.json');

/**
 * Records the repository files the bundle was built from, so `npm start` rebuilds exactly when
 * one of them (or the lock file) is newer than the build.
 */
function recordInputs(): Plugin {
  let inputs: string[] = [];
  return {
    name: 'record-inputs',
    apply: 'build',
    generateBundle() {
      inputs = [...this.getModuleIds()]
        .map((id) => id.split('?')[0] ?? id)
        .filter((id) => id.startsWith(repoRoot) && !id.includes('/node_modules/'))
        .map((id) => relative(repoRoot, id));
    },
    // After the bundle is on disk: the record is never newer than a build that failed.
    closeBundle() {
      mkdirSync(dirname(INPUTS_FILE), { recursive: true });
      writeFileSync(INPUTS_FILE, JSON.stringify([...new Set(inputs)].sort(), null, 1));
    },
  };
}

/**
 * pdf.js's WebAssembly decoders and their licences, as files of the build under their own names
 * (pdf.js fetches them from `wasmUrl`, renderer/src/ui/pdf-document-options.ts).
 */
function pdfJsWasm(): Plugin {
  const wasmDir = resolve(repoRoot, 'node_modules/pdfjs-dist/wasm');
  return {
    name: 'pdfjs-wasm',
    apply: 'build',
    generateBundle() {
      for (const name of PDFJS_WASM_FILES)
        this.emitFile({
          type: 'asset',
          fileName: `${PDFJS_WASM_DIR}${name}`,
          source: readFileSync(resolve(wasmDir, name)),
        });
    },
  };
}

export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [react(), recordInputs(), pdfJsWasm()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 2500,
    // One module script, no inline code: the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        // pdf.js's worker is an .mjs asset: named .js, so both hosts serve it as JavaScript
        // (a module worker with another MIME type is refused under nosniff).
        assetFileNames: ({ names }) =>
          names.some((n) => n.endsWith('.mjs'))
            ? 'assets/[name]-[hash].js'
            : 'assets/[name]-[hash][extname]',
      },
      onwarn(warning, warn) {
        // zod's /* @__PURE__ */ comments sit where Rollup cannot use them: harmless noise.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1' },
});
