// Bundles the CLI into dist/. A bundle starts ~2.5x faster than loading ink's
// dependency tree file by file (measured: ~240 ms against ~590 ms).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { assertPatchesApplied } from './patches.mjs';

/** The app: the CLI, and the workers loaded by file name (tui/start.ts, serve/session.ts). */
export const APP_ENTRY_POINTS = {
  cli: 'src/cli.ts',
  'sandbox-worker': 'src/sandbox/worker-entry.ts',
  'serve-session': 'src/serve/session-worker.ts',
};

/** The one bundle configuration, shared by the app and the benchmark's Ink hello-world. */
export async function bundle(entryPoints, outdir) {
  assertPatchesApplied();
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
    // ofetch's standards (WinterCG) entry: we give it our own fetch, so its Node entry's
    // node-fetch-native fallback (and the undici it loads) would be dead weight at every start.
    conditions: ['wintercg'],
    // ssh2 loads its optional native add-ons in try/catch; installed, not bundled, it finds none and goes on.
    external: ['ssh2'],
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle(APP_ENTRY_POINTS, 'dist');
