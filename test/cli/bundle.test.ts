// What each start loads from dist/: the chunks an entry imports statically are read and run
// before its first line does anything, so what they hold is start-up time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', '..', 'dist');
const files = readdirSync(dist).filter((file) => file.endsWith('.js'));
const text = (file: string) => readFileSync(join(dist, file), 'utf8');

/** `file` and every chunk it imports statically, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const match of text(file).matchAll(/^import\s*(?:[^'"]*from\s*)?["']\.\/([^"']+)["']/gm))
    staticClosure(match[1] as string, seen);
  return seen;
}

/** The files of dist/ that hold `marker`; never empty, so a test using it can fail. */
function holding(marker: string): string[] {
  const found = files.filter((file) => text(file).includes(marker));
  expect(found, marker).not.toEqual([]);
  return found;
}

describe('the bundle', () => {
  it('--version loads no UI code: the entry chunk and its static imports hold no Ink or React', () => {
    const loaded = staticClosure('cli.js');
    const ui = [...holding('Raw mode is not supported'), ...holding('react.transitional.element')];
    expect(ui.filter((file) => loaded.has(file))).toEqual([]);
  });

  it("the TUI's first frame loads neither zod, the CSV reader nor the address parser", () => {
    const runTui = files.find((file) => file.startsWith('run-tui-'));
    expect(runTui).toBeDefined();
    const loaded = staticClosure(runTui!, staticClosure('cli.js'));
    const later = [...holding('"$ZodType"'), ...holding('CSV_INVALID_CLOSING_QUOTE'), ...holding('"obs-local-part"')];
    expect(later.filter((file) => loaded.has(file))).toEqual([]);
  });

  it("the TUI's first frame does not load node:crypto (the idempotency keys and row claims load it when used)", () => {
    const runTui = files.find((file) => file.startsWith('run-tui-'));
    const loaded = staticClosure(runTui!, staticClosure('cli.js'));
    expect([...loaded].filter((file) => /^import[^'"]*["']node:crypto["']/m.test(text(file)))).toEqual([]);
  });

  it("the demo sandbox's worker starts listening without zod: it loads it on the first request that validates", () => {
    const loaded = staticClosure('sandbox-worker.js');
    expect(holding('"$ZodType"').filter((file) => loaded.has(file))).toEqual([]);
  });

  it('zod brings only its English messages (a named `z` import would keep every locale)', () => {
    expect(files.filter((file) => text(file).includes('Eingabe: erwartet'))).toEqual([]);
  });
});
