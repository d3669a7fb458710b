// Bundles the CLI into dist/. A bundle starts ~2.5x faster than loading ink's
// dependency tree file by file (measured: ~240 ms against ~590 ms).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dependencyPatches } from './dependency-patches.mjs';

/**
 * ofetch's entry modules build a ready-made instance at load time, reading globalThis.Headers,
 * and in Node 20 that getter loads undici (~25 ms, ~10 MiB) although we bring our own transport.
 * This points `ofetch` at the side-effect-free core those entries re-export. The core's file name
 * carries a hash, so it is read from the entry; if ofetch changes shape, the build fails here.
 */
const ofetchCore = {
  name: 'ofetch-core',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^ofetch$/ }, () => ({ path: 'ofetch-core', namespace: 'ofetch-core' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'ofetch-core' }, () => {
      const entry = createRequire(import.meta.url)
        .resolve('ofetch')
        .replace(/node\.cjs$/, 'index.mjs');
      const match = /import \{ c as createFetch \} from '(\.\/shared\/ofetch\.[\w-]+\.mjs)'/.exec(
        readFileSync(entry, 'utf8'),
      );
      if (!match) throw new Error(`ofetch-core: ${entry} no longer re-exports createFetch from its shared core`);
      return {
        contents: `export { c as createFetch } from ${JSON.stringify(join(dirname(entry), match[1]))};`,
        resolveDir: dirname(entry),
      };
    });
  },
};

/** The app: the CLI, and the demo sandbox's worker, which is loaded by file name (demo-sandbox.ts). */
export const APP_ENTRY_POINTS = { cli: 'src/cli.ts', 'sandbox-worker': 'src/sandbox/worker-entry.ts' };

/** The one bundle configuration, shared by the app and the benchmark's Ink hello-world. */
export async function bundle(entryPoints, outdir) {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    // Splitting keeps `--version`, `--help` and the scriptable commands from loading Ink and React.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minifySyntax: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Ink imports react-devtools-core only when DEV is set; marking it external fails at load time.
    alias: { 'react-devtools-core': fileURLToPath(new URL('./react-devtools-stub.mjs', import.meta.url)) },
    banner: {
      // signal-exit (via Ink) calls require() dynamically, which an ESM bundle lacks.
      js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    plugins: [ofetchCore, dependencyPatches],
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle(APP_ENTRY_POINTS, 'dist');
