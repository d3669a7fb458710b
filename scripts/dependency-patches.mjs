// Three small edits to dependencies, made while bundling (the tests run the packages as published;
// both edits change cost, not behaviour). Each names the exact text it replaces and fails the
// build if that text is gone, so an upgrade cannot silently drop or misapply one.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The exact file of a package as this project installs it (not a copy nested under another package). */
const packageFile = (name, file) => fileURLToPath(new URL(`../node_modules/${name}/${file}`, import.meta.url));
const exactly = (path) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * yoga-layout's emscripten loader fetches its own inlined wasm from a `data:` URL whenever a
 * global `fetch` exists, and in Node 20 touching `fetch` loads undici: ~30 ms of start-up and
 * ~10 MiB of memory in every Ink app, ours and the benchmark's hello-world alike. The loader's
 * own fallback decodes the inlined base64 with `atob`; this makes it take that path.
 */
const yogaInlineWasm = {
  file: packageFile('yoga-layout', 'dist/binaries/yoga-wasm-base64-esm.js'),
  replacements: [['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return w||!0?']],
};

/**
 * Ink 6.8 builds a fresh cache of tokenized lines for every frame, so each keypress re-tokenizes
 * every line on screen (grapheme segmentation, one object per character), and fills its grid
 * with a new blank-cell object per cell: ~1.8 MB of garbage per frame while scrolling Browse.
 * Between two frames nearly every line is unchanged, so one cache is kept across frames and
 * started afresh once it holds 1,000 entries; and every blank cell is one frozen object. Cells
 * and cached values are only ever read (a write to the frozen cell would throw, and the e2e
 * tests would see it). Measured on 120 moves through 10,000 invitations: median frame
 * 8 -> 4.5 ms, ~0.8 MB of garbage per frame.
 */
const inkOutputCaches = {
  file: packageFile('ink', 'build/output.js'),
  replacements: [
    ['    caches = new OutputCaches();', '    caches = sharedOutputCaches();'],
    [
      `                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
      '                row.push(blankCell);',
    ],
    [
      'export default class Output {',
      `const blankCell = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
let outputCaches;
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

/**
 * Characters string-width measures as exactly one column each (its slow path says so for every
 * one of them; test/text/narrow-symbols.test.ts checks), beyond printable ASCII: Latin-1
 * punctuation and letters, general punctuation (dashes, quotes, bullet, ellipsis), arrows, box
 * drawing, Braille (the spinner), ✓ and ❯. None combines with a neighbour, so a string of them
 * is as wide as it is long.
 */
export const NARROW_SYMBOLS =
  '\\u00A1-\\u00AC\\u00AE-\\u00FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u21FF\\u2500-\\u259F\\u2713\\u276F\\u2800-\\u28FF';

/**
 * string-width answers printable ASCII at once and sends anything else through a grapheme
 * segmenter and Unicode-property regexes (RGI_Emoji among them) that V8 compiles on first use:
 * ~10 ms, and more in GC, inside the first frame that shows a "·" or a "›". With the default
 * narrow ambiguous width, strings of the symbols above take the same fast path.
 * Measured (10 interleaved runs each): first frame 307 -> 248 ms, org list 347 -> 316 ms.
 */
const stringWidthNarrowSymbols = {
  file: packageFile('string-width', 'index.js'),
  replacements: [
    [
      'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
      `if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && /^[\\u0020-\\u007E${NARROW_SYMBOLS}]*$/.test(string))) {`,
    ],
  ],
};

export const dependencyPatches = {
  name: 'dependency-patches',
  setup(esbuild) {
    for (const patch of [yogaInlineWasm, inkOutputCaches, stringWidthNarrowSymbols]) {
      esbuild.onLoad({ filter: exactly(patch.file) }, async ({ path }) => {
        let contents = await readFile(path, 'utf8');
        for (const [from, to] of patch.replacements) {
          if (contents.split(from).length !== 2)
            throw new Error(
              `dependency-patches: ${path} no longer contains exactly one ${JSON.stringify(from.slice(0, 60))}`,
            );
          contents = contents.replace(from, () => to);
        }
        return { contents, loader: 'js' };
      });
    }
  },
};
