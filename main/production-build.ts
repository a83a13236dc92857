/**
 * The production build (`npm run build`, docs/decisions/0035): dist/renderer from Vite and
 * dist/main from esbuild, the layout electron-builder packages and `node dist/main/host-main.mjs`
 * runs. Every entry is a file directly in dist/main (src/runtime/asset-paths.ts finds the workers
 * and fonts relative to it); packages stay external and must be production dependencies, since
 * the packaged app has no others.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_ASSET_DIR, WORKERS } from '../src/runtime/asset-paths';
import { buildRenderer, REPO_ROOT, underBuildLock } from './renderer-build';

interface MainEntry {
  /** Output file name in dist/main, without extension. */
  name: string;
  /** Source, relative to the repository. */
  source: string;
  /** Electron loads its main and (sandboxed) preload as CommonJS; the rest is ES modules. */
  format: 'cjs' | 'esm';
}

const workerSource = (name: keyof typeof WORKERS) =>
  relative(
    REPO_ROOT,
    fileURLToPath(new URL(WORKERS[name].source, new URL('../src/runtime/', import.meta.url))),
  );

export const MAIN_ENTRIES: readonly MainEntry[] = [
  { name: 'electron-main', source: 'main/electron-main.ts', format: 'cjs' },
  { name: 'preload', source: 'main/preload.ts', format: 'cjs' },
  { name: 'host-main', source: 'main/host-main.ts', format: 'esm' },
  // The data layer's process (Electron's utilityProcess, the browser host's child process).
  { name: 'runtime-main', source: 'main/runtime-main.ts', format: 'esm' },
  ...(Object.keys(WORKERS) as (keyof typeof WORKERS)[]).map((name) => ({
    name,
    source: workerSource(name),
    format: 'esm' as const,
  })),
];

/** Files read at run time, copied from the repository into dist/main/<to>. */
export const MAIN_ASSETS: readonly { from: string; to: string }[] = [
  // The Liberation Serif files and their licence (SIL OFL 1.1 asks for it to travel with them).
  { from: 'src/documents/fonts', to: `${BUNDLE_ASSET_DIR}/fonts` },
];

export const outputFile = (entry: MainEntry) =>
  `${entry.name}.${entry.format === 'cjs' ? 'cjs' : 'mjs'}`;

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
const isBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));

/** The packages an electron-builder package ships: "dependencies" of package.json. */
export function productionDependencies(): Set<string> {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return new Set(Object.keys(manifest.dependencies ?? {}));
}

/** Every file under dir, relative to it, with forward slashes. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/'))
    .sort();
}

/**
 * Builds dist/main into `<distDir>/main` (emptied first) and returns the files written there.
 * Throws when an entry imports a package that is not a production dependency.
 */
export async function buildMain(distDir = join(REPO_ROOT, 'dist')): Promise<string[]> {
  const { build } = await import('esbuild');
  const outDir = join(distDir, 'main');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const allowed = productionDependencies();
  const strays: string[] = [];
  for (const entry of MAIN_ENTRIES) {
    const cjs = entry.format === 'cjs';
    const result = await build({
      entryPoints: [join(REPO_ROOT, entry.source)],
      outfile: join(outDir, outputFile(entry)),
      bundle: true,
      platform: 'node',
      format: entry.format,
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
      metafile: true,
      define: {
        __DANGVU_BUNDLE__: 'true',
        // import.meta.url has no CommonJS equivalent: give it the bundle's own URL.
        ...(cjs ? { 'import.meta.url': 'importMetaUrl' } : {}),
      },
      ...(cjs
        ? {
            banner: {
              js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
            },
          }
        : {}),
    });
    for (const output of Object.values(result.metafile.outputs))
      for (const imported of output.imports) {
        if (!imported.external || isBuiltin(imported.path)) continue;
        const pkg = packageOf(imported.path);
        if (pkg === 'electron' && cjs) continue;
        if (!allowed.has(pkg)) strays.push(`${entry.source} imports ${imported.path}`);
      }
  }
  if (strays.length > 0)
    throw new Error(
      `the bundle needs packages that are not production dependencies:\n${[...new Set(strays)].join('\n')}`,
    );
  for (const asset of MAIN_ASSETS)
    cpSync(join(REPO_ROOT, asset.from), join(outDir, asset.to), { recursive: true });
  return filesUnder(outDir);
}

/** `npm run build`: the renderer and the main bundle, into dist/. */
export async function buildProduction(log: (line: string) => void): Promise<void> {
  const started = performance.now();
  await underBuildLock(buildRenderer);
  const files = await buildMain();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`built dist/renderer and dist/main (${files.length} files) in ${seconds} s`);
}
