// yoga-layout (Ink's layout engine) loads its inlined wasm with `fetch()` on a `data:` URL
// whenever a global `fetch` exists, and in Node 20 the first call to `fetch` loads undici: start-up
// time and memory in every Ink app, for a module this TUI never uses (its client speaks
// `node:http`, see api/transport.ts). With no global `fetch`, yoga's loader decodes the same
// inlined bytes itself. So Ink is imported with `fetch` hidden, and `fetch` is put back after.

/** Runs `load` (an `import()` of the code that imports Ink) with `globalThis.fetch` absent. */
export async function withoutGlobalFetch<T>(load: () => Promise<T>): Promise<T> {
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!fetch?.configurable) return load();
  delete (globalThis as { fetch?: unknown }).fetch;
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', fetch);
  }
}
