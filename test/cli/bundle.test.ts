// The bundle's shape: `--version` and `--help` load no UI code, however the build splits it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('--version', () => {
  it('loads no UI code: the entry chunk and its static imports hold no Ink or React', () => {
    const dist = join(import.meta.dirname, '..', '..', 'dist');
    const staticImports = (file: string): string[] => {
      const text = readFileSync(join(dist, file), 'utf8');
      const direct = [...text.matchAll(/^import\s*(?:[^'"]*from\s*)?["']\.\/([^"']+)["']/gm)].map(
        (match) => match[1] as string,
      );
      return [file, ...direct.flatMap(staticImports)];
    };
    const loaded = new Set(staticImports('cli.js'));
    const withInk = readdirSync(dist).filter((file) =>
      readFileSync(join(dist, file), 'utf8').includes('Raw mode is not supported'),
    );
    const withReact = readdirSync(dist).filter((file) =>
      readFileSync(join(dist, file), 'utf8').includes('react.transitional.element'),
    );
    // The markers exist in the bundle (so this test can fail), just not where --version looks.
    expect(withInk.length).toBeGreaterThan(0);
    expect(withReact.length).toBeGreaterThan(0);
    expect([...withInk, ...withReact].filter((file) => loaded.has(file))).toEqual([]);
  });
});
