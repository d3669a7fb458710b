// Two small edits to dependencies, made while bundling (the tests run the packages as published;
// both edits change cost, not behaviour). Each names the exact text it replaces and fails the
// build if that text is gone, so an upgrade cannot silently drop or misapply one.
import { readFile } from 'node:fs/promises';

/**
 * yoga-layout's emscripten loader fetches its own inlined wasm from a `data:` URL whenever a
 * global `fetch` exists, and in Node 20 touching `fetch` loads undici: ~30 ms of start-up and
 * ~10 MiB of memory in every Ink app, ours and the benchmark's hello-world alike. The loader's
 * own fallback decodes the inlined base64 with `atob`; this makes it take that path.
 */
const yogaInlineWasm = {
  file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
  replacements: [['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return w||!0?']],
};

/**
 * Ink 6.8 builds a fresh cache of tokenized lines for every frame, so each keypress re-tokenizes
 * every line on screen (grapheme segmentation, one object per character): ~1.8 MB of garbage per
 * frame while scrolling Browse. Between two frames nearly every line is unchanged, so one cache
 * is kept across frames and started afresh once it holds 1,000 entries. Its values are only read.
 * Measured on 120 moves through 10,000 invitations: median frame 8 -> 5.5 ms, peak RSS down ~8 MiB.
 */
const inkOutputCaches = {
  file: /[\\/]ink[\\/]build[\\/]output\.js$/,
  replacements: [
    ['    caches = new OutputCaches();', '    caches = sharedOutputCaches();'],
    [
      'export default class Output {',
      `let outputCaches;
function sharedOutputCaches() {
    if (!outputCaches || outputCaches.styledChars.size + outputCaches.widths.size + outputCaches.blockWidths.size > 1000) {
        outputCaches = new OutputCaches();
    }
    return outputCaches;
}
export default class Output {`,
    ],
  ],
};

export const dependencyPatches = {
  name: 'dependency-patches',
  setup(esbuild) {
    for (const patch of [yogaInlineWasm, inkOutputCaches]) {
      esbuild.onLoad({ filter: patch.file }, async ({ path }) => {
        let contents = await readFile(path, 'utf8');
        for (const [from, to] of patch.replacements) {
          if (contents.split(from).length !== 2) throw new Error(`dependency-patches: ${path} no longer contains exactly one ${JSON.stringify(from.slice(0, 60))}`);
          contents = contents.replace(from, () => to);
        }
        return { contents, loader: 'js' };
      });
    }
  },
};
