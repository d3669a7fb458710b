// The dependency patches in patches/ are applied by patch-package when npm installs (the
// `prepare` script), so the tests and the build run the same patched code. The build checks they
// are there, so a tree installed with --ignore-scripts cannot ship unpatched code unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each patched file, with the lines its patch adds, for every patch in patches/. */
export function patchedFiles() {
  const files = [];
  for (const name of readdirSync(`${root}patches`).filter((file) => file.endsWith('.patch'))) {
    let current;
    for (const line of readFileSync(`${root}patches/${name}`, 'utf8').split('\n')) {
      if (line.startsWith('+++ b/')) files.push((current = { patch: name, file: line.slice(6), added: [] }));
      else if (line.startsWith('+') && current) current.added.push(line.slice(1));
    }
  }
  return files;
}

/** Throws unless every line each patch adds is in the installed file. */
export function assertPatchesApplied() {
  for (const { patch, file, added } of patchedFiles()) {
    const installed = readFileSync(`${root}${file}`, 'utf8').split('\n');
    const missing = added.filter((line) => !installed.includes(line));
    if (missing.length > 0)
      throw new Error(`${file} lacks patches/${patch} (run \`npm ci\`, or \`npx patch-package\`): ${missing[0]}`);
  }
}
