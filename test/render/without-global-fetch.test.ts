// Ink imported with `fetch` hidden: yoga still loads its wasm (a layout works), undici never loads,
// and `fetch` is back afterwards. In a child process, since this one may have loaded undici already.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const probe = (hide: boolean) => `
import { withoutGlobalFetch } from './src/tui/without-global-fetch.ts';
const load = () => import('ink');
const { renderToString, Box, Text } = ${hide ? 'await withoutGlobalFetch(load)' : 'await load()'};
const { createElement } = await import('react');
const frame = renderToString(createElement(Box, { paddingLeft: 2 }, createElement(Text, null, 'laid out')));
await new Promise((resolve) => setTimeout(resolve, 50));
console.log(JSON.stringify({
  frame,
  undici: process.moduleLoadList.some((name) => name.includes('undici')),
  fetch: typeof globalThis.fetch,
}));`;

async function run(hide: boolean) {
  const entry = join(process.cwd(), `probe-${hide}.mjs`);
  // Inside the project, so the probe imports this project's ink and react.
  const outfile = join(process.cwd(), 'node_modules', '.cache', 'without-global-fetch', `probe-${hide}.mjs`);
  await build({
    stdin: { contents: probe(hide), resolveDir: process.cwd(), loader: 'ts', sourcefile: entry },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    external: ['ink', 'react'],
    logLevel: 'silent',
  });
  const text = execFileSync(process.execPath, [outfile], { encoding: 'utf8' });
  return JSON.parse(text) as { frame: string; undici: boolean; fetch: string };
}

describe('withoutGlobalFetch around the import of Ink', () => {
  it('lays out with yoga, never loads undici, and puts fetch back', async () => {
    expect(await run(true)).toEqual({ frame: '  laid out', undici: false, fetch: 'function' });
  });

  it('is what keeps undici out: a plain import loads it', async () => {
    expect((await run(false)).undici).toBe(true);
  });
});
